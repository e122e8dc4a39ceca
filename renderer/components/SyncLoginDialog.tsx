/**
 * Đăng nhập máy chủ văn bản: the server's address, the user name and the password. The password goes to the core for
 * this one login and is dropped from the form at once: the session continues with a token the core keeps.
 */
import { useState } from 'react';
import type { SyncStatus } from '../../shared/contract/syncSchemas';
import { msg } from '../../shared/messages';
import { errorMessage, fieldErrors } from '../format';
import { useApi } from '../hooks/useApi';
import { Dialog, DialogForm } from './Dialog';
import { FormField } from './FormField';

interface SyncLoginDialogProps {
  initial: SyncStatus | null;
  onDone: (status: SyncStatus) => void;
  onClose: () => void;
}

export function SyncLoginDialog({ initial, onDone, onClose }: SyncLoginDialogProps) {
  const { api } = useApi();
  const [serverUrl, setServerUrl] = useState(initial?.serverUrl ?? '');
  const [username, setUsername] = useState(initial?.username ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      const status = await api.sync.login({ serverUrl: serverUrl.trim(), username, password });
      onDone(status);
    } catch (e) {
      setError(errorMessage(e));
      setProblems(fieldErrors(e));
    } finally {
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <Dialog
      id="sync-login"
      title={msg('syncUi.login.title')}
      onClose={onClose}
      actions={
        <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>
          {busy ? msg('ui.working') : msg('syncUi.login.submit')} <kbd>Enter</kbd>
        </button>
      }
    >
      <DialogForm onConfirm={() => void submit()} error={error}>
        <FormField id="sync-server" label={msg('syncUi.login.server')} error={problems.serverUrl}>
          <input id="sync-server" type="url" autoFocus placeholder="https://vanban.example.gov.vn" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} />
        </FormField>
        <FormField id="sync-username" label={msg('syncUi.login.username')} error={problems.username}>
          <input id="sync-username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
        </FormField>
        <FormField id="sync-password" label={msg('syncUi.login.password')} error={problems.password} hint={msg('syncUi.login.hint')}>
          <input id="sync-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </FormField>
        <button type="submit" hidden />
      </DialogForm>
    </Dialog>
  );
}

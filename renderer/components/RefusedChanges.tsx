/** Changes the server refused, each with its reason: "Gửi lại" applies it again, "Bỏ thay đổi" gives it up. */
import { useState } from 'react';
import type { SyncStatus } from '../../shared/contract/syncSchemas';
import { msg } from '../../shared/messages';
import { errorMessage, vietnamDateTime } from '../format';
import { useApi } from '../hooks/useApi';

export function RefusedChanges({ rejected, onChanged }: { rejected: SyncStatus['rejected']; onChanged: (s: SyncStatus) => void }) {
  const { api } = useApi();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function act(id: string, verb: 'reapply' | 'withdraw') {
    setBusy(id);
    setError(null);
    try {
      onChanged(await api.sync[verb]({ id }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="sync-refused" aria-labelledby="sync-refused-title">
      <h3 id="sync-refused-title">{msg('syncUi.refused.title')}</h3>
      <p className="muted">{msg('syncUi.refused.hint')}</p>
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      <ul>
        {rejected.map((r) => (
          <li key={r.id} className="sync-refused-item">
            <div>
              <div className="sync-refused-at">{msg('syncUi.refused.at', { at: vietnamDateTime(r.at) })}</div>
              <div>{r.message}</div>
            </div>
            <div className="sync-refused-actions">
              <button type="button" disabled={busy !== null} onClick={() => void act(r.id, 'reapply')}>
                {msg('syncUi.refused.reapply')}
              </button>
              <button type="button" disabled={busy !== null} onClick={() => void act(r.id, 'withdraw')}>
                {msg('syncUi.refused.withdraw')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

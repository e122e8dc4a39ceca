/**
 * The header's sync state in a few words (in sync / offline / syncing, changes waiting, refusals), a button that opens
 * the panel explaining it: the server and the user, the link, what waits and since when, files moving, the last
 * successful sync, and the refused changes. Not logged in, the same button opens the login.
 */
import { useState } from 'react';
import type { SyncStatus } from '../../shared/contract/syncSchemas';
import { msg } from '../../shared/messages';
import { count, errorMessage, fileSize, vietnamDateTime } from '../format';
import { useApi } from '../hooks/useApi';
import { Dialog } from './Dialog';
import { RefusedChanges } from './RefusedChanges';
import { SyncLoginDialog } from './SyncLoginDialog';

interface SyncIndicatorProps {
  status: SyncStatus | null;
  onStatus: (s: SyncStatus) => void;
  onLoggedIn: () => void;
}

export function SyncIndicator({ status, onStatus, onLoggedIn }: SyncIndicatorProps) {
  const [open, setOpen] = useState<'panel' | 'login' | null>(null);
  if (!status) return null;
  const loggedIn = status.username !== null;
  const state = !loggedIn ? 'none' : status.syncing ? 'syncing' : status.online ? 'online' : 'offline';
  const label = { none: msg('syncUi.state.notLoggedIn'), syncing: msg('syncUi.state.syncing'), online: msg('syncUi.state.online'), offline: msg('syncUi.state.offline') }[state];

  return (
    <>
      <button type="button" className={`sync-indicator sync-${state}`} data-testid="sync-indicator" onClick={() => setOpen(loggedIn ? 'panel' : 'login')}>
        <span className="sync-dot" aria-hidden="true" />
        <span>{label}</span>
        {status.pending > 0 && <span className="sync-count">{msg('syncUi.state.pending', { n: count(status.pending) })}</span>}
        {status.rejected.length > 0 && <span className="sync-count sync-count-refused">{msg('syncUi.state.refused', { n: count(status.rejected.length) })}</span>}
      </button>
      {open === 'login' && (
        <SyncLoginDialog
          initial={status}
          onClose={() => setOpen(null)}
          onDone={(s) => {
            onStatus(s);
            onLoggedIn();
            setOpen(null);
          }}
        />
      )}
      {open === 'panel' && <SyncPanel status={status} onStatus={onStatus} onLogin={() => setOpen('login')} onClose={() => setOpen(null)} />}
    </>
  );
}

function SyncPanel({ status, onStatus, onLogin, onClose }: { status: SyncStatus; onStatus: (s: SyncStatus) => void; onLogin: () => void; onClose: () => void }) {
  const { api } = useApi();
  const [error, setError] = useState<string | null>(null);

  async function syncNow() {
    setError(null);
    try {
      await api.sync.now({});
    } catch (e) {
      // The status shows the failure too; here it answers the click.
      setError(errorMessage(e));
    }
    onStatus(await api.sync.status({}));
  }

  return (
    <Dialog
      id="sync-panel"
      title={msg('syncUi.panel.title')}
      onClose={onClose}
      dismiss="close"
      wide
      actions={
        <>
          <button type="button" onClick={onLogin}>
            {msg('syncUi.panel.relogin')}
          </button>
          <button type="button" className="primary" disabled={status.syncing} onClick={() => void syncNow()}>
            {status.syncing ? msg('syncUi.state.syncing') : msg('syncUi.panel.syncNow')}
          </button>
        </>
      }
    >
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      <ul className="sync-facts">
        <li>{msg('syncUi.panel.server', { server: status.serverUrl ?? '', user: status.username ?? '' })}</li>
        {/* Out of reach, the last error says why (the link, the server, the session); in reach it was cleared. */}
        <li className={status.online ? 'sync-fact-ok' : 'sync-fact-bad'}>
          {status.online ? msg('syncUi.panel.online') : (status.lastError ?? msg('syncUi.panel.offline'))}
        </li>
        <li>
          {status.pending > 0 && status.oldestPendingAt
            ? msg('syncUi.panel.pending', { n: count(status.pending), age: age(status.oldestPendingAt) })
            : msg('syncUi.panel.noPending')}
        </li>
        {status.deferred > 0 && <li>{msg('sync.deferred', { count: count(status.deferred) })}</li>}
        {status.files && <li>{msg('syncUi.panel.files', { done: fileSize(status.files.done), total: fileSize(status.files.total) })}</li>}
        {status.firstSync && status.firstSync.total > 0 && (
          <li>{msg('syncUi.panel.firstSync', { percent: Math.floor((100 * status.firstSync.done) / status.firstSync.total) })}</li>
        )}
        {status.indexesDeferred && <li>{msg('syncUi.panel.indexesDeferred')}</li>}
        {status.catchUp && status.catchUp.total > 0 && (
          <li>{msg('syncUi.panel.catchUp', { percent: Math.floor((100 * status.catchUp.done) / status.catchUp.total) })}</li>
        )}
        <li>{status.lastSyncAt ? msg('syncUi.panel.lastSync', { at: vietnamDateTime(status.lastSyncAt) }) : msg('syncUi.panel.never')}</li>
        {status.leases.map((l) => (
          <li key={`${l.register}-${l.year}`}>
            {msg(l.mine ? 'syncUi.panel.leaseMine' : l.holder ? 'syncUi.panel.lease' : 'syncUi.panel.leaseFree', {
              register: l.register === 'incoming' ? msg('syncUi.register.incoming') : msg('syncUi.register.outgoing', { id: l.register }),
              year: l.year,
              holder: l.holder ?? '',
            })}
          </li>
        ))}
      </ul>
      {status.rejected.length > 0 && <RefusedChanges rejected={status.rejected} onChanged={onStatus} />}
    </Dialog>
  );
}

/** "12 phút trước": how long a change has waited. */
function age(instant: string): string {
  const minutes = Math.floor((Date.now() - new Date(instant).getTime()) / 60_000);
  if (minutes < 1) return msg('syncUi.age.justNow');
  if (minutes < 60) return msg('syncUi.age.minutes', { n: minutes });
  if (minutes < 24 * 60) return msg('syncUi.age.hours', { n: Math.floor(minutes / 60) });
  return msg('syncUi.age.days', { n: Math.floor(minutes / 1440) });
}

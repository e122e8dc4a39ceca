/**
 * "Người dùng" in the top bar: who this installation acts as. A commune office often shares one PC and one data folder
 * between the clerk, a leader and a specialist; each picks their own name before acting, and the core records them as
 * the author of every step and checks their role.
 */
import { useState } from 'react';
import type { OrgProfile } from '../../shared/contract';
import { msg } from '../../shared/messages';
import { errorMessage } from '../format';
import { useApi } from '../hooks/useApi';

interface ActingUserSelectProps {
  org: OrgProfile;
  onChanged: (org: OrgProfile) => void;
  /** Logged in to the server, this PC acts as the logged-in person only: the server takes changes under no other name. */
  loggedIn: boolean;
}

export function ActingUserSelect({ org, onChanged, loggedIn }: ActingUserSelectProps) {
  const { api } = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const me = org.staff.find((s) => s.id === org.currentStaffId);

  const choose = async (staffId: string) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await api.org.actAs({ staffId }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (loggedIn && me) {
    return (
      <div className="app-user" title={msg('syncUi.user.loggedIn')}>
        <span className="app-user-label">{msg('outgoingUi.user.label')}</span>
        <span className="app-user-name" data-testid="acting-user">
          {me.fullName} ({msg(`ui.role.${me.role}`)})
        </span>
      </div>
    );
  }

  return (
    <div className="app-user">
      <label htmlFor="acting-user" className="app-user-label">
        {msg('outgoingUi.user.label')}
      </label>
      <select
        id="acting-user"
        value={org.currentStaffId ?? ''}
        disabled={busy}
        onChange={(e) => void choose(e.target.value)}
        title={error ?? (me ? `${me.fullName} — ${me.position}` : msg('outgoingUi.user.none'))}
        aria-invalid={Boolean(error)}
      >
        {!me && <option value="">{msg('outgoingUi.user.none')}</option>}
        {org.staff.map((s) => (
          <option key={s.id} value={s.id}>
            {s.fullName} ({msg(`ui.role.${s.role}`)})
          </option>
        ))}
      </select>
    </div>
  );
}

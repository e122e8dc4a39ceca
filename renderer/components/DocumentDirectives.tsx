/**
 * The directives given on one incoming document, in its view: each with its status, opening its dialog; a leader
 * records a new one here, its source being this document.
 */
import { useEffect, useState } from 'react';
import type { DirectiveSummary, OrgProfile } from '../../shared/contract';
import { msg } from '../../shared/messages';
import { errorMessage, shortDate } from '../format';
import { useApi } from '../hooks/useApi';
import { useContractEvent } from '../hooks/useContractEvent';
import { DirectiveDialog, NewDirectiveDialog } from './DirectiveDialogs';
import { DirectiveStatusTag } from './Tags';

export function DocumentDirectives({ org, incomingId, label }: { org: OrgProfile; incomingId: string; label: string }) {
  const { api } = useApi();
  const [rows, setRows] = useState<DirectiveSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [changed, setChanged] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    api.directive.list({ incomingId, includeCancelled: true }).then((o) => setRows(o.rows), (e: unknown) => setError(errorMessage(e)));
  }, [api, incomingId, changed]);
  useContractEvent('directive.changed', () => setChanged((n) => n + 1));
  const isLeader = org.staff.some((s) => s.id === org.currentStaffId && s.role === 'lanh_dao');

  return (
    <section data-testid="document-directives">
      <h2 className="panel-title">{msg('directiveUi.doc.title')}</h2>
      {error && <p className="field-error">{error}</p>}
      {rows.length === 0 ? (
        <p className="muted small">{msg('directiveUi.doc.none')}</p>
      ) : (
        <ul className="history">
          {rows.map((d) => (
            <li key={d.id}>
              <div className="history-when">
                {shortDate(d.givenDate)} · {d.leaderName} · {msg('directiveUi.col.due')} {shortDate(d.dueDate)} <DirectiveStatusTag status={d.status} />
              </div>
              <button type="button" className="link-button" onClick={() => setOpen(d.id)}>
                {d.content}
              </button>
            </li>
          ))}
        </ul>
      )}
      {isLeader && (
        <div className="handling-actions">
          <button type="button" onClick={() => setCreating(true)}>
            {msg('directiveUi.nav.new')}
          </button>
        </div>
      )}
      {open && <DirectiveDialog id={open} onClose={() => setOpen(null)} onChanged={() => setChanged((n) => n + 1)} />}
      {creating && (
        <NewDirectiveDialog
          org={org}
          incoming={{ id: incomingId, label }}
          onClose={() => setCreating(false)}
          onDone={(d) => {
            setCreating(false);
            setChanged((n) => n + 1);
            setOpen(d.id);
          }}
        />
      )}
    </section>
  );
}

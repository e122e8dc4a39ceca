/** Trình lãnh đạo / Chuyển đơn vị, cá nhân: pick a recipient from the organisation profile, a note and the date. */
import { useState } from 'react';
import type { IncomingDocument, OrgProfile } from '../../shared/contract';
import { todayInVietnam } from '../../shared/domain/dates';
import { msg } from '../../shared/messages';
import { errorMessage, fieldErrors, unitName } from '../format';
import { useApi } from '../hooks/useApi';
import { DateInput } from './DateInput';
import { Dialog, DialogForm } from './Dialog';
import { parseOrgChoice, StaffOptions, UnitOptions } from './OrgChoices';

export type HandOverAction = 'present' | 'forward';

interface HandOverDialogProps {
  documentId: string;
  org: OrgProfile;
  initialAction: HandOverAction;
  onDone: (doc: IncomingDocument, recipientName: string, action: HandOverAction) => void;
  onClose: () => void;
}

export function HandOverDialog({ documentId, org, initialAction, onDone, onClose }: HandOverDialogProps) {
  const { api } = useApi();
  const [action, setAction] = useState<HandOverAction>(initialAction);
  const [recipient, setRecipient] = useState('');
  const [note, setNote] = useState('');
  const [date, setDate] = useState(todayInVietnam());
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const leaders = org.staff.filter((s) => s.role === 'lanh_dao');
  const others = org.staff.filter((s) => s.role !== 'lanh_dao');
  const nameOf = (value: string) => {
    const { kind, id } = parseOrgChoice(value);
    return kind === 'unit' ? (unitName(org, id) ?? '') : (org.staff.find((s) => s.id === id)?.fullName ?? '');
  };

  async function submit() {
    if (!recipient) {
      setFieldError({ recipient: msg('error.required') });
      return;
    }
    setBusy(true);
    try {
      const doc = await api.incoming.handOver({ id: documentId, action, recipient: parseOrgChoice(recipient), note, date });
      onDone(doc, nameOf(recipient), action);
    } catch (e) {
      setError(errorMessage(e));
      setFieldError(fieldErrors(e));
    } finally {
      setBusy(false);
    }
  }

  const title = action === 'present' ? msg('ui.handOver.present') : msg('ui.handOver.forward');
  // A document is presented to a leader only (the core refuses anyone else); forwarding may go to anyone.
  const hasRecipients = action === 'present' ? leaders.length > 0 : org.staff.length + org.units.length > 0;
  const chooseAction = (next: HandOverAction) => {
    setAction(next);
    if (next === 'present' && !leaders.some((s) => recipient === `staff:${s.id}`)) setRecipient('');
  };

  return (
    <Dialog
      id="handover-dialog"
      title={title}
      onClose={onClose}
      actions={
        <button type="button" className="primary" disabled={busy || !hasRecipients} onClick={() => void submit()}>
          {busy ? msg('ui.working') : msg('ui.handOver.submit')} <kbd>Ctrl+Enter</kbd>
        </button>
      }
    >
      <DialogForm onConfirm={() => void submit()} error={error}>
        <div className="segmented" role="radiogroup" aria-label={title}>
          {(['present', 'forward'] as const).map((a) => (
            <label key={a} className={action === a ? 'segment is-on' : 'segment'}>
              <input type="radio" name="handover-action" value={a} checked={action === a} onChange={() => chooseAction(a)} />
              {a === 'present' ? msg('ui.handOver.present') : msg('ui.handOver.forward')}
            </label>
          ))}
        </div>
        <div className={fieldError.recipient ? 'field has-error' : 'field'}>
          <label htmlFor="handover-recipient">{msg('ui.handOver.recipient')}</label>
          {hasRecipients ? (
            <select id="handover-recipient" value={recipient} onChange={(e) => setRecipient(e.target.value)} autoFocus>
              <option value="">{msg('ui.handOver.choose')}</option>
              <StaffOptions org={org} label={msg('ui.handOver.leaders')} staff={leaders} />
              {action === 'forward' && <UnitOptions org={org} />}
              {action === 'forward' && <StaffOptions org={org} label={msg('ui.handOver.staff')} staff={others} />}
            </select>
          ) : (
            <p className="muted">{msg(action === 'present' ? 'ui.handOver.noLeaders' : 'ui.handOver.noRecipients')}</p>
          )}
          {fieldError.recipient && <div className="field-error">{fieldError.recipient}</div>}
        </div>
        <div className="field">
          <label htmlFor="handover-note">{msg('ui.handOver.note')}</label>
          <textarea id="handover-note" rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <div className={fieldError.date ? 'field field-narrow has-error' : 'field field-narrow'}>
          <label htmlFor="handover-date">{msg('ui.handOver.date')}</label>
          <DateInput id="handover-date" value={date} onChange={setDate} />
          {fieldError.date && <div className="field-error">{fieldError.date}</div>}
        </div>
      </DialogForm>
    </Dialog>
  );
}

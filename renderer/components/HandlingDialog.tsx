/**
 * One handling step in a dialog: Cho ý kiến chỉ đạo (who leads, who co-operates, by when, for information only),
 * Phân công (which officer of the lead unit, their own deadline), Báo cáo tiến độ, Kết thúc giải quyết (the result or
 * the issued reply). Enter or Ctrl+Enter confirms; the core's refusal is shown in its own words.
 */
import { useState } from 'react';
import type { HandlingAction, IncomingDetail, OrgProfile } from '../../shared/contract';
import { msg } from '../../shared/messages';
import { errorMessage, fieldErrors, shortDate } from '../format';
import { dueText } from '../handlingEvents';
import { useApi } from '../hooks/useApi';
import { DateInput } from './DateInput';
import { Dialog, DialogForm } from './Dialog';
import { FormField } from './FormField';
import { HANDLING_ACTION_TEXT } from './HandlingSlip';
import { IssuedOutgoingSelect } from './IssuedOutgoingSelect';
import { orgChoiceValue, parseOrgChoice, StaffOptions, UnitOptions } from './OrgChoices';

/** A reply is an outgoing document that has its number. */
const REPLY_STATUSES = ['issued', 'dispatched'] as const;

interface HandlingDialogProps {
  action: HandlingAction;
  detail: IncomingDetail;
  org: OrgProfile;
  onDone: (detail: IncomingDetail, notice: string) => void;
  onClose: () => void;
}

export function HandlingDialog({ action, detail, org, onDone, onClose }: HandlingDialogProps) {
  const { api } = useApi();
  const h = detail.handling;
  const leaderDue = detail.document.dueDate;
  const [lead, setLead] = useState(
    h.leadStaffId ? orgChoiceValue({ kind: 'staff', id: h.leadStaffId }) : h.leadUnitId ? orgChoiceValue({ kind: 'unit', id: h.leadUnitId }) : '',
  );
  const [cooperating, setCooperating] = useState<string[]>(h.cooperating);
  const [forInfo, setForInfo] = useState(h.forInfo);
  // The document's deadline (the sender's, or an earlier instruction's) is where both the instruction and the
  // assignment start; the officer's own deadline, once set, is where a new assignment starts.
  const [due, setDue] = useState((action === 'instruct' ? leaderDue : action === 'assign' ? (h.assigneeDue ?? leaderDue) : null) ?? '');
  const [assignee, setAssignee] = useState(h.assigneeId ?? '');
  const [note, setNote] = useState('');
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const leadChoice = parseOrgChoice(lead);
  const leadUnit = leadChoice.kind === 'unit' ? leadChoice.id : null;
  const officers = org.staff.filter((s) => s.unitId === h.leadUnitId);

  function problems(): Record<string, string> {
    const required = msg('error.required');
    if (action === 'instruct' && !lead) return { lead: required };
    if (action === 'assign' && !assignee) return { assigneeId: required };
    if (action === 'report' && !note.trim()) return { note: required };
    if (action === 'close' && !note.trim() && !reply) return { note: msg('handling.noteRequired') };
    return {};
  }

  async function send(): Promise<{ detail: IncomingDetail; notice: string }> {
    const id = detail.document.id;
    if (action === 'instruct') {
      // Left empty, the core proposes the deadline from the organisation's rules; a document for information needs none.
      const dueDate = due ? { dueDate: due } : forInfo ? { dueDate: null } : {};
      const out = await api.handling.instruct({ id, lead: leadChoice, cooperating: cooperating.filter((u) => u !== leadUnit), forInfo, note, ...dueDate });
      const proposed = !due && !forInfo;
      return { detail: out, notice: msg(proposed ? 'handlingUi.done.instructProposed' : 'handlingUi.done.instruct', { due: dueText(out.handling.due) }) };
    }
    if (action === 'assign') {
      // The leader's deadline is what applies when the unit head sets none of their own.
      const out = await api.handling.assign({ id, assigneeId: assignee, note, ...(due && due !== leaderDue ? { dueDate: due } : {}) });
      const name = org.staff.find((s) => s.id === assignee)?.fullName ?? '';
      return { detail: out, notice: msg('handlingUi.done.assign', { name, due: dueText(out.handling.due) }) };
    }
    if (action === 'report') return { detail: await api.handling.report({ id, note }), notice: msg('handlingUi.done.report') };
    const out = await api.handling.close({ id, note, ...(reply ? { replyOutgoingId: reply } : {}) });
    return { detail: out, notice: msg('handlingUi.done.close') };
  }

  async function confirm() {
    const local = problems();
    if (Object.keys(local).length) return setErrors(local);
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const done = await send();
      onDone(done.detail, done.notice);
    } catch (e) {
      setError(errorMessage(e));
      setErrors(fieldErrors(e));
    } finally {
      setBusy(false);
    }
  }

  const title = msg(HANDLING_ACTION_TEXT[action]);
  const d = detail.document;
  return (
    <Dialog
      id="handling-dialog"
      title={title}
      onClose={onClose}
      actions={
        <button type="button" className="primary" disabled={busy} onClick={() => void confirm()}>
          {busy ? msg('ui.working') : title} <kbd>Ctrl+Enter</kbd>
        </button>
      }
    >
      <DialogForm onConfirm={() => void confirm()} error={error}>
        <p className="muted small">
          {d.typeName}: {d.subject}
        </p>
        {action === 'instruct' && (
          <>
            <FormField id="handling-lead" label={`${msg('handlingUi.dialog.lead')} *`} error={errors.lead}>
              <LeadSelect org={org} value={lead} onChange={setLead} />
            </FormField>
            <UnitChecklist
              label={msg('handlingUi.dialog.cooperating')}
              units={org.units.filter((u) => u.id !== leadUnit)}
              checked={cooperating}
              onChange={setCooperating}
              error={errors.cooperating}
            />
            <div className="row-2">
              <FormField
                id="handling-due"
                label={msg('handlingUi.dialog.due')}
                error={errors.dueDate}
                hint={msg(forInfo ? 'handlingUi.dialog.dueHintForInfo' : 'handlingUi.dialog.dueHint')}
              >
                <DateInput id="handling-due" value={due} onChange={setDue} />
              </FormField>
              <label className="check-line">
                <input type="checkbox" checked={forInfo} onChange={(e) => setForInfo(e.target.checked)} />
                {msg('handlingUi.dialog.forInfo')}
              </label>
            </div>
          </>
        )}
        {action === 'assign' && (
          <>
            <FormField id="handling-assignee" label={`${msg('handlingUi.dialog.assignee')} *`} error={errors.assigneeId} hint={officers.length ? undefined : msg('handlingUi.dialog.noOfficers')}>
              <select id="handling-assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)} autoFocus>
                <option value="">{msg('ui.handOver.choose')}</option>
                {officers.map((s) => (
                  <option key={s.id} value={s.id}>
                    {[s.fullName, s.position].filter(Boolean).join(' — ')}
                  </option>
                ))}
              </select>
            </FormField>
            <div className="row-2">
              <FormField id="handling-due" label={msg('handlingUi.dialog.due')} error={errors.dueDate} hint={leaderDue ? msg('handlingUi.dialog.assigneeDueHint', { due: shortDate(leaderDue) }) : undefined}>
                <DateInput id="handling-due" value={due} onChange={setDue} />
              </FormField>
            </div>
          </>
        )}
        {action === 'close' && (
          <FormField id="handling-reply" label={msg('handlingUi.dialog.reply')} error={errors.replyOutgoingId}>
            <IssuedOutgoingSelect id="handling-reply" value={reply} onChange={setReply} noneLabel={msg('handlingUi.dialog.noReply')} statuses={REPLY_STATUSES} />
          </FormField>
        )}
        <FormField
          id="handling-note"
          label={noteLabel(action)}
          error={errors.note}
          hint={action === 'close' ? msg('handlingUi.dialog.resultHint') : undefined}
        >
          <textarea id="handling-note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} autoFocus={action === 'report' || action === 'close'} />
        </FormField>
      </DialogForm>
    </Dialog>
  );
}

function noteLabel(action: HandlingAction): string {
  if (action === 'instruct') return msg('handlingUi.dialog.instruction');
  if (action === 'report') return `${msg('handlingUi.dialog.progress')} *`;
  if (action === 'close') return msg('handlingUi.dialog.result');
  return msg('handlingUi.dialog.note');
}

/** Who leads: a unit, or a person of the organisation. */
function LeadSelect({ org, value, onChange }: { org: OrgProfile; value: string; onChange: (value: string) => void }) {
  return (
    <select id="handling-lead" value={value} onChange={(e) => onChange(e.target.value)} autoFocus>
      <option value="">{msg('ui.handOver.choose')}</option>
      <UnitOptions org={org} />
      <StaffOptions org={org} label={msg('ui.handOver.staff')} staff={org.staff} />
    </select>
  );
}

/** Several units ticked in a list: Tab walks it, Space ticks, as a form's checkboxes do. */
export function UnitChecklist(p: { label: string; units: OrgProfile['units']; checked: string[]; onChange: (ids: string[]) => void; error?: string | undefined }) {
  if (p.units.length === 0) return null;
  const toggle = (id: string, on: boolean) => p.onChange(on ? [...p.checked, id] : p.checked.filter((u) => u !== id));
  return (
    <fieldset className={p.error ? 'field check-list has-error' : 'field check-list'}>
      <legend>{p.label}</legend>
      {p.units.map((u) => (
        <label key={u.id} className="check-line">
          <input type="checkbox" checked={p.checked.includes(u.id)} onChange={(e) => toggle(u.id, e.target.checked)} />
          {u.name}
        </label>
      ))}
      {p.error && <div className="field-error">{p.error}</div>}
    </fieldset>
  );
}

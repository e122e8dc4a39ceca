/**
 * The directive dialogs. "Ghi ý kiến chỉ đạo" (leaders): what, from which meeting or on which incoming document, the
 * units in charge and the lead one, the deadline (left empty, the organisation's working days propose it). A directive's
 * own dialog: its units with their status and latest report, the history, and exactly the steps the acting person may
 * take (report, mark done, chase, move the deadline, cancel), each a short form inside the same dialog. Ctrl+Enter
 * confirms; the core's refusal is shown in its own words.
 */
import { useEffect, useState } from 'react';
import type { DirectiveActionName, DirectiveDetail, OrgProfile } from '../../shared/contract';
import { DIRECTIVE_ACTIONS, directiveSourceText } from '../../shared/domain/directive';
import { todayInVietnam } from '../../shared/domain/dates';
import { msg } from '../../shared/messages';
import { describeDirectiveEvent } from '../directiveEvents';
import { errorMessage, fieldErrors, shortDate } from '../format';
import { useApi } from '../hooks/useApi';
import { DateInput } from './DateInput';
import { Dialog, DialogForm } from './Dialog';
import { HistorySection } from './DocumentParts';
import { FormField } from './FormField';
import { UnitChecklist } from './HandlingDialog';
import { DirectiveStatusTag } from './Tags';

/** Runs a core call with the dialog's busy flag, refusal banner and field errors. */
function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function submit(local: Record<string, string>, run: () => Promise<void>) {
    if (Object.keys(local).length) return setErrors(local);
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      await run();
    } catch (e) {
      setError(errorMessage(e));
      setErrors(fieldErrors(e));
    } finally {
      setBusy(false);
    }
  }
  /** A field the person has just corrected no longer shows its error. */
  const clear = (key: string) => setErrors((e) => (key in e ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== key)) : e));
  return { busy, error, errors, submit, clear };
}

interface NewDirectiveProps {
  org: OrgProfile;
  /** Given on this incoming document (from its view); otherwise at a meeting. */
  incoming?: { id: string; label: string };
  onDone: (detail: DirectiveDetail, notice: string) => void;
  onClose: () => void;
}

export function NewDirectiveDialog({ org, incoming, onDone, onClose }: NewDirectiveProps) {
  const { api } = useApi();
  const [content, setContent] = useState('');
  const [meeting, setMeeting] = useState('');
  const [meetingDate, setMeetingDate] = useState(todayInVietnam());
  const [units, setUnits] = useState<string[]>([]);
  const [lead, setLead] = useState('');
  const [due, setDue] = useState('');
  const { busy, error, errors, submit, clear } = useSubmit();
  const leadUnit = units.includes(lead) ? lead : (units[0] ?? '');

  const confirm = () => {
    const required = msg('error.required');
    const local: Record<string, string> = {};
    if (!content.trim()) local.content = required;
    if (!incoming && !meeting.trim()) local.source = required;
    if (units.length === 0) local.unitIds = msg('directiveUi.new.unitsRequired');
    void submit(local, async () => {
      const source = incoming ? { kind: 'document' as const, incomingId: incoming.id } : { kind: 'meeting' as const, name: meeting, date: meetingDate };
      const out = await api.directive.create({ content, source, unitIds: units, leadUnitId: leadUnit, ...(due ? { dueDate: due } : {}) });
      onDone(out, msg('directiveUi.done.created', { due: shortDate(out.dueDate) }));
    });
  };

  const title = msg('directiveUi.nav.new');
  return (
    <Dialog
      id="directive-new"
      title={title}
      onClose={onClose}
      actions={
        <button type="button" className="primary" disabled={busy} onClick={confirm}>
          {busy ? msg('ui.working') : title} <kbd>Ctrl+Enter</kbd>
        </button>
      }
    >
      <DialogForm onConfirm={confirm} error={error}>
        <FormField id="directive-content" label={`${msg('directiveUi.new.content')} *`} error={errors.content}>
          <textarea id="directive-content" rows={3} maxLength={4000} value={content} onChange={(e) => setContent(e.target.value)} autoFocus />
        </FormField>
        {incoming ? (
          <p className="muted small">
            {msg('directiveUi.new.onDocument')}: {incoming.label}
          </p>
        ) : (
          <div className="row-2">
            <FormField id="directive-meeting" label={`${msg('directiveUi.new.meeting')} *`} error={errors.source}>
              <input id="directive-meeting" maxLength={500} value={meeting} onChange={(e) => setMeeting(e.target.value)} />
            </FormField>
            <FormField id="directive-meeting-date" label={msg('directiveUi.new.meetingDate')}>
              <DateInput id="directive-meeting-date" value={meetingDate} onChange={setMeetingDate} />
            </FormField>
          </div>
        )}
        <UnitChecklist
          label={`${msg('directiveUi.new.units')} *`}
          units={org.units}
          checked={units}
          onChange={(ids) => {
            setUnits(ids);
            clear('unitIds');
          }}
          error={errors.unitIds}
        />
        <div className="row-2">
          <FormField id="directive-due" label={msg('directiveUi.new.due')} error={errors.dueDate} hint={msg('directiveUi.new.dueHint')}>
            <DateInput id="directive-due" value={due} onChange={setDue} />
          </FormField>
          {units.length > 1 && (
            <FormField id="directive-lead" label={msg('directiveUi.new.lead')} error={errors.leadUnitId}>
              <select id="directive-lead" value={leadUnit} onChange={(e) => setLead(e.target.value)}>
                {org.units
                  .filter((u) => units.includes(u.id))
                  .map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
              </select>
            </FormField>
          )}
        </div>
      </DialogForm>
    </Dialog>
  );
}

/** The note each step asks for, and whether it may be left empty. */
const STEP_NOTE: Record<DirectiveActionName, { label: Parameters<typeof msg>[0]; required: boolean }> = {
  report: { label: 'directiveUi.step.progress', required: true },
  complete: { label: 'directiveUi.step.result', required: false },
  chase: { label: 'directiveUi.step.note', required: true },
  changeDue: { label: 'directiveUi.step.note', required: false },
  cancel: { label: 'directiveUi.step.reason', required: true },
};

interface DirectiveViewProps {
  id: string;
  onClose: () => void;
  /** Told after a step, so that the list behind refreshes and says what was done. */
  onChanged?: (notice: string) => void;
}

export function DirectiveDialog({ id, onClose, onChanged }: DirectiveViewProps) {
  const { api } = useApi();
  const [detail, setDetail] = useState<DirectiveDetail | null>(null);
  const [step, setStep] = useState<DirectiveActionName | null>(null);
  const [note, setNote] = useState('');
  const [due, setDue] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, errors, submit } = useSubmit();
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    api.directive.get({ id }).then(setDetail, (e: unknown) => setLoadError(errorMessage(e)));
  }, [api, id]);

  const open = (a: DirectiveActionName) => {
    setStep(a);
    setNote('');
    setDue(detail?.dueDate ?? '');
    setNotice(null);
  };

  const confirm = () => {
    if (!step || !detail) return;
    const local: Record<string, string> = {};
    if (STEP_NOTE[step].required && !note.trim()) local.note = msg('error.required');
    if (step === 'changeDue' && !due) local.dueDate = msg('error.required');
    void submit(local, async () => {
      const out =
        step === 'report'
          ? await api.directive.report({ id, note })
          : step === 'complete'
            ? await api.directive.complete({ id, note })
            : step === 'chase'
              ? await api.directive.chase({ id, note })
              : step === 'cancel'
                ? await api.directive.cancel({ id, note })
                : await api.directive.setDue({ id, dueDate: due, note });
      const done = msg(`directiveUi.done.${step}`);
      setDetail(out);
      setStep(null);
      setNotice(done);
      onChanged?.(done);
    });
  };

  const d = detail;
  return (
    <Dialog
      id="directive-view"
      title={msg('directiveUi.view.title')}
      onClose={onClose}
      wide
      dismiss="close"
      actions={
        step && (
          <button type="button" className="primary" disabled={busy} onClick={confirm}>
            {busy ? msg('ui.working') : msg(`directiveUi.action.${step}`)} <kbd>Ctrl+Enter</kbd>
          </button>
        )
      }
    >
      {loadError && (
        <div className="banner banner-error" role="alert">
          {loadError}
        </div>
      )}
      {!d ? (
        !loadError && <p className="muted">{msg('ui.app.loading')}</p>
      ) : (
        <div className="directive-view">
          {notice && (
            <div className="banner banner-success" role="status">
              {notice}
            </div>
          )}
          <p className="directive-content">{d.content}</p>
          <dl className="directive-facts">
            <dt>{msg('directiveUi.view.source')}</dt>
            <dd>{directiveSourceText(d)}</dd>
            <dt>{msg('directiveUi.view.leader')}</dt>
            <dd>{d.leaderName}</dd>
            <dt>{msg('directiveUi.view.given')}</dt>
            <dd>{shortDate(d.givenDate)}</dd>
            <dt>{msg('directiveUi.view.due')}</dt>
            <dd>
              {shortDate(d.dueDate)} <DirectiveStatusTag status={d.status} />
            </dd>
            {d.cancelNote && (
              <>
                <dt>{msg('directiveUi.view.cancelNote')}</dt>
                <dd>{d.cancelNote}</dd>
              </>
            )}
          </dl>
          <table className="mini-table" data-testid="directive-units">
            <thead>
              <tr>
                <th>{msg('directiveUi.view.units')}</th>
                <th>{msg('directiveUi.col.status')}</th>
                <th>{msg('directiveUi.view.lastReport')}</th>
                <th>{msg('directiveUi.view.done')}</th>
              </tr>
            </thead>
            <tbody>
              {d.units.map((u) => (
                <tr key={u.unitId}>
                  <td>
                    {u.unitName} {u.lead && <span className="muted small">{msg('directive.lead')}</span>}
                  </td>
                  <td>
                    <DirectiveStatusTag status={d.cancelled ? null : u.status} />
                  </td>
                  <td>{u.lastReport ?? '—'}</td>
                  <td>{u.doneDate ? msg('directiveUi.view.doneOn', { date: shortDate(u.doneDate), name: u.doneBy ?? '' }) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {d.actions.length > 0 && (
            <div className="handling-actions">
              {DIRECTIVE_ACTIONS.filter((a) => d.actions.includes(a)).map((a) => (
                <button key={a} type="button" className={step === a ? 'primary' : undefined} aria-pressed={step === a} onClick={() => open(a)}>
                  {msg(`directiveUi.action.${a}`)}
                </button>
              ))}
            </div>
          )}
          {step && (
            <div className="directive-step">
            <DialogForm onConfirm={confirm} error={error}>
              {step === 'changeDue' && (
                <FormField id="directive-step-due" label={`${msg('directiveUi.step.newDue')} *`} error={errors.dueDate}>
                  <DateInput id="directive-step-due" value={due} onChange={setDue} autoFocus />
                </FormField>
              )}
              <FormField id="directive-step-note" label={`${msg(STEP_NOTE[step].label)}${STEP_NOTE[step].required ? ' *' : ''}`} error={errors.note}>
                <textarea id="directive-step-note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} autoFocus={step !== 'changeDue'} />
              </FormField>
            </DialogForm>
            </div>
          )}
          <HistorySection events={d.events} describe={describeDirectiveEvent} />
        </div>
      )}
    </Dialog>
  );
}


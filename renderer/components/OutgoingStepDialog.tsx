/**
 * The workflow steps that take words rather than a key: Trình (to whom), Trả lại (why, required), Đồng ý, Góp ý, Gửi
 * (the date), Thu hồi and Thay thế (why, required), and a new version of the draft PDF. Ctrl+Enter confirms.
 */
import { useState, type ReactNode } from 'react';
import type { ContentRef, OrgProfile, OutgoingAction, OutgoingDocument, OutgoingFile } from '../../shared/contract';
import { todayInVietnam } from '../../shared/domain/dates';
import { msg, type MessageKey } from '../../shared/messages';
import { errorMessage, fieldErrors } from '../format';
import { useApi } from '../hooks/useApi';
import { DateInput } from './DateInput';
import { Dialog, DialogForm } from './Dialog';
import { IssuedOutgoingSelect } from './IssuedOutgoingSelect';
import { StoredFileChooser } from './StoredFileChooser';

export type OutgoingStep = Exclude<OutgoingAction, 'sign' | 'issue'> | 'comment';

const TITLE: Record<OutgoingStep, MessageKey> = {
  edit: 'outgoingUi.action.edit',
  submit: 'outgoingUi.action.submit',
  return: 'outgoingUi.action.return',
  approve: 'outgoingUi.action.approve',
  dispatch: 'outgoingUi.action.dispatch',
  recall: 'outgoingUi.action.recall',
  replace: 'outgoingUi.action.replace',
  comment: 'outgoingUi.action.comment',
};
const DONE: Record<OutgoingStep, MessageKey> = {
  edit: 'outgoingUi.done.edit',
  submit: 'outgoingUi.done.submit',
  return: 'outgoingUi.done.return',
  approve: 'outgoingUi.done.approve',
  dispatch: 'outgoingUi.done.dispatch',
  recall: 'outgoingUi.done.recall',
  replace: 'outgoingUi.done.replace',
  comment: 'outgoingUi.done.comment',
};
/** Steps whose words are required: a return, a recall and a replacement must say why; a comment is nothing else. */
const TEXT_REQUIRED: OutgoingStep[] = ['return', 'recall', 'replace', 'comment'];
/** A document is replaced by one already issued (the core checks it too). */
const REPLACEMENT_STATUSES = ['issued'] as const;
const TEXT_LABEL: Partial<Record<OutgoingStep, MessageKey>> = { recall: 'outgoingUi.step.reason', replace: 'outgoingUi.step.reason' };

interface OutgoingStepDialogProps {
  step: OutgoingStep;
  doc: OutgoingDocument;
  org: OrgProfile;
  onDone: (doc: OutgoingDocument, notice: string) => void;
  onClose: () => void;
}

export function OutgoingStepDialog({ step, doc, org, onDone, onClose }: OutgoingStepDialogProps) {
  const { api } = useApi();
  const [text, setText] = useState('');
  const [to, setTo] = useState(doc.signerId !== org.currentStaffId ? doc.signerId : '');
  const [date, setDate] = useState(todayInVietnam());
  const [file, setFile] = useState<ContentRef | null>(null);
  const [by, setBy] = useState('');
  // What the new file is: a new version of the draft, of an appendix or of the work file, or one more appendix.
  const appendices = doc.files.filter((f) => f.role === 'attachment').sort((a, b) => a.position - b.position);
  const newAppendix = appendices.reduce((p, f) => Math.max(p, f.position + 1), 0);
  const [target, setTarget] = useState('main:0');
  const [targetRole, targetPosition] = target.split(':') as [OutgoingFile['role'], string];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const staffName = (id: string | null) => org.staff.find((s) => s.id === id)?.fullName ?? '';
  // Whom a draft may go to: its signer, a leader, or a head of the drafting unit (the core checks the position).
  const reviewers = org.staff.filter((s) => s.id !== org.currentStaffId && (s.id === doc.signerId || s.role === 'lanh_dao' || (doc.draftingUnitId !== null && s.unitId === doc.draftingUnitId)));

  async function confirm() {
    const local: Record<string, string> = {};
    if (TEXT_REQUIRED.includes(step) && !text.trim()) local.comment = msg('error.required');
    if (step === 'edit' && !file) local.file = msg('outgoingUi.form.mainRequired');
    if (step === 'replace' && !by) local.by = msg('error.required');
    if (Object.keys(local).length) return setErrors(local);
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const id = doc.id;
      const out =
        step === 'submit' ? await api.outgoing.submit({ id, to, comment: text })
        : step === 'return' ? await api.outgoing.return({ id, comment: text })
        : step === 'approve' ? await api.outgoing.approve({ id, comment: text })
        : step === 'comment' ? await api.outgoing.comment({ id, comment: text })
        : step === 'dispatch' ? await api.outgoing.dispatch({ id, date })
        : step === 'recall' ? await api.outgoing.recall({ id, reason: text })
        : step === 'replace' ? await api.outgoing.replace({ id, by, reason: text })
        : await api.outgoing.addVersion({ id, role: targetRole, position: Number(targetPosition), file: { hash: file!.hash, name: file!.name } });
      onDone(out, msg(DONE[step], { name: step === 'submit' ? staffName(to) : doc.signerName }));
    } catch (e) {
      setError(errorMessage(e));
      const fields = fieldErrors(e);
      setErrors({ ...fields, ...(fields.reason ? { comment: fields.reason } : {}) });
    } finally {
      setBusy(false);
    }
  }

  const textLabel = msg(TEXT_LABEL[step] ?? 'outgoingUi.step.comment');
  const row = (id: string, label: string, control: ReactNode, problem?: string) => (
    <div className={problem ? 'field has-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {control}
      {problem && <div className="field-error">{problem}</div>}
    </div>
  );

  return (
    <Dialog
      id="outgoing-step-dialog"
      title={msg(TITLE[step])}
      onClose={onClose}
      actions={
        <button type="button" className="primary" disabled={busy} onClick={() => void confirm()}>
          {busy ? msg('ui.working') : msg(TITLE[step])} <kbd>Ctrl+Enter</kbd>
        </button>
      }
    >
      <DialogForm onConfirm={() => void confirm()} error={error}>
        <p className="muted small">
          {doc.typeName}: {doc.subject}
        </p>
        {step === 'submit' &&
          row(
            'step-to',
            msg('outgoingUi.step.to'),
            <select id="step-to" value={to} onChange={(e) => setTo(e.target.value)} autoFocus>
              {reviewers.map((s) => (
                <option key={s.id} value={s.id}>
                  {[s.fullName, s.position].filter(Boolean).join(' — ')}
                  {s.id === doc.signerId ? ` (${msg('outgoingUi.step.signer')})` : ''}
                </option>
              ))}
            </select>,
            errors.to,
          )}
        {step === 'approve' && <p>{msg('outgoingUi.step.approveTo', { name: doc.signerName })}</p>}
        {step === 'dispatch' && (
          <>
            <p>{msg('outgoingUi.step.dispatchTo', { places: doc.toPlaces || msg('ui.doc.none') })}</p>
            {row('step-date', msg('ui.handOver.date'), <DateInput id="step-date" value={date} onChange={setDate} autoFocus />, errors.date)}
          </>
        )}
        {step === 'replace' &&
          row(
            'step-by',
            msg('outgoingUi.step.replaceBy'),
            <IssuedOutgoingSelect id="step-by" value={by} onChange={setBy} noneLabel={msg('ui.handOver.choose')} statuses={REPLACEMENT_STATUSES} exclude={doc.id} autoFocus />,
            errors.by,
          )}
        {step === 'edit' && (
          <>
            {row(
              'step-target',
              msg('outgoingUi.step.target'),
              <select id="step-target" value={target} onChange={(e) => setTarget(e.target.value)} autoFocus>
                <option value="main:0">{msg('outgoingUi.step.targetMain')}</option>
                {appendices.map((f, i) => (
                  <option key={f.position} value={`attachment:${f.position}`}>
                    {msg('outgoingUi.step.targetAppendix', { n: i + 1, name: f.name })}
                  </option>
                ))}
                <option value={`attachment:${newAppendix}`}>{msg('outgoingUi.step.targetNewAppendix')}</option>
                <option value="work:0">{msg('outgoingUi.step.targetWork')}</option>
              </select>,
            )}
            <StoredFileChooser
              label={msg('outgoingUi.step.newVersion')}
              accept={targetRole === 'work' ? '.docx,.doc,.xlsx,.xls,.odt,.ods' : '.pdf,application/pdf'}
              onStored={setFile}
              error={errors.file ?? errors.main ?? errors.attachment ?? errors.work}
              data-testid="version-input"
            />
            <p className="field-hint">{msg('outgoingUi.step.newVersionHint')}</p>
          </>
        )}
        {step !== 'dispatch' &&
          step !== 'edit' &&
          row(
            'step-text',
            TEXT_REQUIRED.includes(step) ? `${textLabel} *` : textLabel,
            <textarea id="step-text" rows={4} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} autoFocus={step !== 'submit' && step !== 'replace'} />,
            errors.comment,
          )}
      </DialogForm>
    </Dialog>
  );
}

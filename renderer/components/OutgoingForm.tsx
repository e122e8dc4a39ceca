/**
 * Soạn dự thảo văn bản đi: what the drafter fills in (the number, notation and date come at issue, from the clerk).
 * Keyboard first, as the register form: Ctrl+Enter saves, Ctrl+N starts a new draft. The draft PDF is what is reviewed,
 * signed and issued; a Word/Excel work file may travel beside it, and further PDFs are appendices sealed at issue.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { IncomingDocument, OrgProfile, Recipient } from '../../shared/contract';
import { arrivalNumberText } from '../../shared/domain/arrivalNumber';
import { isIsoDate } from '../../shared/domain/dates';
import { SIGNING_AUTHORITIES, type SigningAuthority } from '../../shared/domain/outgoing';
import { msg, type MessageKey } from '../../shared/messages';
import { errorMessage, fieldErrors, joinCode } from '../format';
import { useApi } from '../hooks/useApi';
import { useAttachments, type AttachmentItem } from '../hooks/useAttachments';
import { useShortcuts } from '../hooks/useShortcut';
import { AttachmentDropZone } from './AttachmentDropZone';
import { DateInput } from './DateInput';
import { PriorityOptions, TypeOptions } from './DocumentChoices';
import { EntryFormBanner, EntryFormHeader, type EntryBanner } from './EntryFormParts';
import { FormField } from './FormField';
import { RecipientsPicker } from './RecipientsPicker';

const FIELD_KEYS = ['typeName', 'subject', 'draftingUnitId', 'signerId', 'signerAuthority', 'signerPosition', 'priority', 'issuedAmount', 'dueDate', 'note'] as const;
type FieldKey = (typeof FIELD_KEYS)[number];
type Values = Record<FieldKey, string>;
const REQUIRED: FieldKey[] = ['typeName', 'subject', 'signerId'];

const AUTHORITY_TEXT: Record<SigningAuthority, MessageKey> = {
  '': 'outgoingUi.authority.none',
  'TM.': 'outgoingUi.authority.tm',
  'KT.': 'outgoingUi.authority.kt',
  'Q.': 'outgoingUi.authority.q',
  'TL.': 'outgoingUi.authority.tl',
  'TUQ.': 'outgoingUi.authority.tuq',
};

/** Word and Excel files are the work file the PDF was made from; only PDFs are signed. */
const isWorkFile = (name: string) => /\.(docx?|xlsx?|odt|ods)$/i.test(name);

function blankValues(): Values {
  return { ...(Object.fromEntries(FIELD_KEYS.map((k) => [k, ''])) as Values), priority: '0', issuedAmount: '1' };
}

/** The files by what they are to the draft: the chosen (else the first) PDF is the main one, other PDFs appendices. */
function fileRoles(items: AttachmentItem[], mainId: number | null) {
  const pdfs = items.filter((i) => !isWorkFile(i.name));
  const main = pdfs.find((i) => i.id === mainId) ?? pdfs[0] ?? null;
  return { main, work: items.filter((i) => isWorkFile(i.name)), appendices: pdfs.filter((i) => i !== main) };
}

interface OutgoingFormProps {
  org: OrgProfile;
  active: boolean;
  onOpenDocument: (id: string) => void;
  /** The incoming document this draft answers: issuing it will close that document's handling. */
  reply: IncomingDocument | null;
  onReplyCleared: () => void;
}

export function OutgoingForm({ org, active, onOpenDocument, reply, onReplyCleared }: OutgoingFormProps) {
  const { api } = useApi();
  const [values, setValues] = useState<Values>(blankValues);
  const [recipients, setRecipients] = useState<Recipient[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<EntryBanner | null>(null);
  const [busy, setBusy] = useState(false);
  const [mainId, setMainId] = useState<number | null>(null);
  const attachments = useAttachments();
  const firstField = useRef<HTMLSelectElement>(null);

  const change = (key: FieldKey, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _, ...rest }) => rest);
  };

  const startNew = useCallback(() => {
    setValues(blankValues());
    setRecipients([]);
    setErrors({});
    setMainId(null);
    attachments.clear();
    firstField.current?.focus();
  }, [attachments.clear]);

  const roles = fileRoles(attachments.items, mainId);

  // An answer is most often a công văn about the same matter: a start the drafter edits, never over what they typed.
  useEffect(() => {
    if (reply) setValues((v) => ({ ...v, typeName: v.typeName || 'Công văn', subject: v.subject || reply.subject }));
  }, [reply]);

  async function save() {
    if (busy) return;
    const local: Record<string, string> = {};
    for (const k of REQUIRED) if (!values[k].trim()) local[k] = msg('error.required');
    if (values.dueDate && !isIsoDate(values.dueDate)) local.dueDate = msg('validation.dateField');
    if (!roles.main) local.main = msg('outgoingUi.form.mainRequired');
    if (roles.work.length > 1) local.main = msg('outgoingUi.form.oneWorkFile');
    if (Object.keys(local).length) {
      setErrors(local);
      setBanner({ kind: 'error', text: msg('ui.register.fixErrors') });
      document.getElementById(`out-${FIELD_KEYS.find((k) => local[k])}`)?.focus();
      return;
    }
    if (attachments.busy) return setBanner({ kind: 'error', text: msg('ui.attach.uploading') });
    const ref = (item: AttachmentItem) => ({ hash: item.ref!.hash, name: item.ref!.name });
    setBusy(true);
    try {
      const doc = await api.outgoing.create({
        fields: {
          typeName: values.typeName,
          subject: values.subject,
          draftingUnitId: values.draftingUnitId || null,
          signerId: values.signerId,
          signerAuthority: values.signerAuthority as SigningAuthority,
          signerPosition: values.signerPosition,
          recipients,
          priority: Number(values.priority),
          issuedAmount: Number(values.issuedAmount) || 1,
          dueDate: values.dueDate || null,
          note: values.note,
          replyTo: reply?.id ?? null,
        },
        main: ref(roles.main!),
        work: roles.work[0] ? ref(roles.work[0]) : null,
        attachments: roles.appendices.map(ref),
      });
      setBanner({ kind: 'success', text: msg('outgoingUi.form.saved', { type: doc.typeName }), documentId: doc.id });
      startNew();
      onReplyCleared();
    } catch (error) {
      const out: Record<string, string> = {};
      for (const [path, text] of Object.entries(fieldErrors(error))) out[path.replace(/^fields\./, '')] ??= text;
      if (out.work || out.attachment) out.main ??= out.work ?? out.attachment!;
      setErrors(out);
      setBanner({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  useShortcuts(
    [
      { key: 'Enter', ctrl: true, inFields: true, run: () => void save() },
      { key: 'n', ctrl: true, inFields: true, run: startNew },
      { key: 'n', alt: true, inFields: true, run: startNew },
    ],
    active,
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };
  // Enter in a text box must not save half a draft; Ctrl+Enter does.
  const onFormKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && !e.ctrlKey && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
  };

  const field = (key: FieldKey) => ({
    id: `out-${key}`,
    name: key,
    value: values[key],
    'aria-invalid': Boolean(errors[key]),
    'aria-describedby': errors[key] ? `out-${key}-error` : undefined,
    onChange: (e: { target: { value: string } }) => change(key, e.target.value),
  });
  const fieldProps = (key: FieldKey, label: string, className?: string) => ({ id: `out-${key}`, label, error: errors[key], ...(className ? { className } : {}) });
  const leaders = org.staff.filter((s) => s.role === 'lanh_dao');
  const others = org.staff.filter((s) => s.role !== 'lanh_dao');
  const signer = org.staff.find((s) => s.id === values.signerId);
  const me = org.staff.find((s) => s.id === org.currentStaffId);
  const myUnit = org.units.find((u) => u.id === me?.unitId);
  const staffOption = (s: OrgProfile['staff'][number]) => (
    <option key={s.id} value={s.id}>
      {[s.fullName, s.position].filter(Boolean).join(' — ')}
    </option>
  );

  const roleOf = (item: AttachmentItem) => {
    if (isWorkFile(item.name)) return <span className="file-role">{msg('outgoingUi.file.work')}</span>;
    if (item === roles.main) return <span className="file-role is-main">{msg('outgoingUi.file.main')}</span>;
    return (
      <>
        <span className="file-role">{msg('outgoingUi.file.appendix')}</span>
        <button type="button" className="link-button" onClick={() => setMainId(item.id)}>
          {msg('outgoingUi.file.makeMain')}
        </button>
      </>
    );
  };

  return (
    <div className="register">
      <form className="register-form" onSubmit={onSubmit} onKeyDown={onFormKeyDown} noValidate aria-labelledby="outgoing-form-title">
        <EntryFormHeader
          titleId="outgoing-form-title"
          title={msg('outgoingUi.form.title')}
          newLabel={msg('outgoingUi.form.new')}
          saveLabel={msg('outgoingUi.form.save')}
          busy={busy}
          onNew={startNew}
        />
        <EntryFormBanner banner={banner} testId="outgoing-banner" onOpen={onOpenDocument} />
        {reply && (
          <p className="reply-note" data-testid="reply-note">
            {msg('handlingUi.replyForm.answering', { number: arrivalNumberText(reply.arrivalNumber), code: joinCode(reply.codeNumber, reply.codeNotation), organ: reply.organName })}{' '}
            <button type="button" className="link-button" onClick={onReplyCleared}>
              {msg('handlingUi.replyForm.cancel')}
            </button>
          </p>
        )}

        <div className="form-grid">
          <FormField {...fieldProps('typeName', msg('ui.field.typeName'))}>
            <select {...field('typeName')} ref={firstField} autoFocus>
              <option value="">{msg('ui.field.typeChoose')}</option>
              <TypeOptions />
            </select>
          </FormField>
          <FormField {...fieldProps('draftingUnitId', msg('outgoingUi.field.draftingUnit'), 'c6')}>
            <select {...field('draftingUnitId')}>
              <option value="">{myUnit ? msg('outgoingUi.field.myUnit', { unit: myUnit.name }) : msg('outgoingUi.field.noUnit')}</option>
              {org.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.abbrev})
                </option>
              ))}
            </select>
          </FormField>
          <FormField {...fieldProps('priority', msg('ui.field.priority'))}>
            <select {...field('priority')}>
              <PriorityOptions />
            </select>
          </FormField>

          <FormField {...fieldProps('subject', msg('ui.field.subject'), 'c12')}>
            <textarea {...field('subject')} rows={3} maxLength={500} />
          </FormField>

          <FormField {...fieldProps('signerId', msg('ui.field.signerName'))}>
            <select {...field('signerId')}>
              <option value="">{msg('ui.handOver.choose')}</option>
              {leaders.length > 0 && <optgroup label={msg('ui.handOver.leaders')}>{leaders.map(staffOption)}</optgroup>}
              {others.length > 0 && <optgroup label={msg('ui.handOver.staff')}>{others.map(staffOption)}</optgroup>}
            </select>
          </FormField>
          <FormField {...fieldProps('signerAuthority', msg('outgoingUi.field.authority'))}>
            <select {...field('signerAuthority')}>
              {SIGNING_AUTHORITIES.map((a) => (
                <option key={a} value={a}>
                  {msg(AUTHORITY_TEXT[a])}
                </option>
              ))}
            </select>
          </FormField>
          <FormField {...fieldProps('signerPosition', msg('outgoingUi.field.signerTitle'), 'c6')} hint={msg('outgoingUi.field.signerTitleHint')}>
            <input {...field('signerPosition')} maxLength={200} placeholder={signer?.position.toLocaleUpperCase('vi') ?? ''} />
          </FormField>

          <div className={errors.recipients ? 'field c12 has-error' : 'field c12'}>
            <span className="label-like">{msg('outgoingUi.field.recipients')}</span>
            <RecipientsPicker org={org} value={recipients} onChange={setRecipients} />
            {errors.recipients && <div className="field-error">{errors.recipients}</div>}
          </div>

          <FormField {...fieldProps('issuedAmount', msg('outgoingUi.field.copies'))}>
            <input type="number" min={1} max={100000} inputMode="numeric" {...field('issuedAmount')} />
          </FormField>
          <FormField {...fieldProps('dueDate', msg('outgoingUi.field.dueDate'))}>
            <DateInput {...field('dueDate')} onChange={(value) => change('dueDate', value)} />
          </FormField>
          <FormField {...fieldProps('note', msg('ui.field.note'), 'c6')}>
            <input {...field('note')} maxLength={1000} />
          </FormField>
        </div>
        <p className="form-footnote">{msg('outgoingUi.form.keys')}</p>
      </form>

      <aside className="register-side">
        <AttachmentDropZone
          items={attachments.items}
          onFiles={attachments.add}
          onRemove={attachments.remove}
          error={errors.main}
          title={msg('outgoingUi.file.title')}
          prompt={msg('outgoingUi.file.drop')}
          itemExtra={roleOf}
          testIdPrefix="outgoing-"
        />
      </aside>
    </div>
  );
}

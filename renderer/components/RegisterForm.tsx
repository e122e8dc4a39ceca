/**
 * The clerk's main screen: one incoming document per entry, labelled with the register's own columns. Keyboard first:
 * Ctrl+Enter (or Enter in Ghi chú) saves, Ctrl+N / Alt+N starts a new entry, Esc twice clears. After a save the form
 * keeps the issuing body, type, dates and channel, since a batch usually shares them.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AnalyzeOutput, IncomingDocument, IncomingSummary, Proposal } from '../../shared/contract';
import { isIsoDate, todayInVietnam, yearOf } from '../../shared/domain/dates';
import { arrivalNumberText } from '../../shared/domain/arrivalNumber';
import { DOCUMENT_TYPE_NAMES, SECRECY_LEVELS } from '../../shared/domain/documentTypes';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { errorMessage, fieldErrors, joinCode, shortDate, splitCode } from '../format';
import { useApi } from '../hooks/useApi';
import { useAttachments } from '../hooks/useAttachments';
import { useContractEvent } from '../hooks/useContractEvent';
import { useShortcuts } from '../hooks/useShortcut';
import { AttachmentDropZone } from './AttachmentDropZone';
import { EdxmlImportButton } from './EdxmlImportButton';
import { DateInput } from './DateInput';
import { PriorityOptions, TypeOptions } from './DocumentChoices';
import { DuplicateDialog } from './DuplicateDialog';
import { EntryFormBanner, EntryFormHeader, type EntryBanner } from './EntryFormParts';
import { FormField } from './FormField';
import { SignatureWarnings } from './SignatureWarning';

const FIELD_KEYS = [
  'arrivalDate', 'channel', 'organName', 'code', 'place', 'issuedDate', 'typeName', 'subject', 'signerName',
  'signerPosition', 'priority', 'secrecy', 'pageAmount', 'dueDate', 'toPlaces', 'note',
] as const;
type FieldKey = (typeof FIELD_KEYS)[number];
type Values = Record<FieldKey, string>;

/** What a new entry inherits from the last saved one. */
const CARRIED: FieldKey[] = ['organName', 'typeName', 'arrivalDate', 'issuedDate', 'channel'];
const REQUIRED: FieldKey[] = ['arrivalDate', 'organName', 'issuedDate', 'typeName', 'subject'];
const DATE_FIELDS: FieldKey[] = ['arrivalDate', 'issuedDate', 'dueDate'];

function blankValues(carried: Partial<Values> = {}): Values {
  const empty = Object.fromEntries(FIELD_KEYS.map((k) => [k, ''])) as Values;
  return { ...empty, arrivalDate: todayInVietnam(), priority: '0', secrecy: 'none', channel: 'paper', ...carried };
}

/** The proposal as form values; the number and notation become the one "Số, ký hiệu" text. */
function proposalValues(p: Proposal, analysis: AnalyzeOutput): Partial<Values> {
  const out: Partial<Values> = {};
  const set = (k: FieldKey, v: string | number | undefined) => {
    if (v !== undefined && String(v).trim() !== '') out[k] = String(v);
  };
  set('organName', p.organName);
  if (p.codeNumber || p.codeNotation) set('code', joinCode(p.codeNumber ?? '', p.codeNotation ?? ''));
  set('place', p.place);
  set('issuedDate', p.issuedDate);
  if (p.typeName && DOCUMENT_TYPE_NAMES.includes(p.typeName)) set('typeName', p.typeName);
  set('subject', p.subject);
  set('signerName', p.signerName);
  set('signerPosition', p.signerPosition);
  set('priority', p.priority);
  set('secrecy', p.secrecy);
  if (analysis.pageCount) set('pageAmount', analysis.pageCount);
  // A digital signature travels only with an electronic document, and a scan (a page without a text layer, or a
  // picture) is a paper one. A plain PDF may be either (mailed as a file, or printed and carried), so the channel is
  // left as it was.
  if (analysis.signatures && analysis.signatures.count > 0) set('channel', 'electronic');
  else if (analysis.scanned || analysis.problem === 'noText') set('channel', 'paper');
  return out;
}

/** Server field paths ("fields.codeNumber") → the inputs on screen. */
function toFormErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(fieldErrors(error))) {
    const key = path.replace(/^fields\./, '');
    out[key === 'codeNumber' || key === 'codeNotation' ? 'code' : key] ??= text;
  }
  if (error instanceof AppError && error.code === 'SECRET_REFUSED') {
    out.secrecy = msg('ui.register.secretField');
    out.attachments = msg('ui.register.secretFilesDropped');
  }
  return out;
}

interface RegisterFormProps {
  active: boolean;
  onOpenDocument: (id: string) => void;
}

export function RegisterForm({ active, onOpenDocument }: RegisterFormProps) {
  const { api } = useApi();
  const [values, setValues] = useState<Values>(() => blankValues());
  const [proposed, setProposed] = useState<Set<FieldKey>>(new Set());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<EntryBanner | null>(null);
  const [busy, setBusy] = useState(false);
  const [duplicates, setDuplicates] = useState<IncomingSummary[] | null>(null);
  const [duplicateError, setDuplicateError] = useState<string | undefined>();
  const [organNames, setOrganNames] = useState<string[]>([]);
  const [nextNumber, setNextNumber] = useState<number | null>(null);
  const [recent, setRecent] = useState<IncomingDocument[]>([]);
  const [registerChanged, setRegisterChanged] = useState(0);
  // Never carried over to the next entry: each restricted document is chosen as such.
  const [restricted, setRestricted] = useState(false);

  const valuesRef = useRef(values);
  valuesRef.current = values;
  const touched = useRef(new Set<FieldKey>());
  const proposedRef = useRef(proposed);
  proposedRef.current = proposed;
  const carried = useRef<Partial<Values>>({});
  const escArmed = useRef(false);
  const firstField = useRef<HTMLInputElement>(null);
  const organField = useRef<HTMLInputElement>(null);

  const onAnalyzed = useCallback((analysis: AnalyzeOutput) => {
    const offered = proposalValues(analysis.proposal, analysis);
    const current = valuesRef.current;
    const fill: Partial<Values> = {};
    for (const [k, v] of Object.entries(offered) as [FieldKey, string][]) {
      // What the clerk typed wins; empty fields and untouched carried-over values take the proposal.
      const free = current[k].trim() === '' || (!touched.current.has(k) && !proposedRef.current.has(k));
      if (free && current[k] !== v) fill[k] = v;
    }
    const keys = Object.keys(fill) as FieldKey[];
    if (keys.length === 0) return;
    setValues((v) => ({ ...v, ...fill }));
    setProposed((p) => new Set([...p, ...keys]));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k as FieldKey))));
    setBanner({ kind: 'info', text: msg('ui.register.proposalsFilled', { n: keys.length }) });
  }, []);
  const attachments = useAttachments(onAnalyzed);

  const year = yearOf(isIsoDate(values.arrivalDate) ? values.arrivalDate : todayInVietnam());
  useEffect(() => {
    let live = true;
    api.incoming.list({ filter: { year }, sort: { by: 'arrivalNumber', dir: 'desc' }, limit: 1 }).then(
      // A provisional entry on top means another computer numbers this register: no number can be promised here.
      (out) => live && setNextNumber(out.rows[0]?.arrivalNumber === null ? null : (out.rows[0]?.arrivalNumber ?? 0) + 1),
      () => live && setNextNumber(null),
    );
    return () => {
      live = false;
    };
  }, [api, year, registerChanged]);
  useContractEvent('incoming.changed', () => setRegisterChanged((n) => n + 1));

  // Issuing bodies seen before, for the datalist under "Tác giả".
  const organPrefix = values.organName.trim();
  useEffect(() => {
    if (organPrefix.length < 1) return setOrganNames([]);
    let live = true;
    const timer = setTimeout(() => {
      api.incoming.organNames({ prefix: organPrefix }).then((names) => live && setOrganNames(names), () => undefined);
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, organPrefix]);

  const change = (key: FieldKey, value: string) => {
    touched.current.add(key);
    escArmed.current = false;
    setValues((v) => ({ ...v, [key]: value }));
    if (proposed.has(key)) setProposed((p) => new Set([...p].filter((k) => k !== key)));
    if (errors[key]) setErrors(({ [key]: _, ...rest }) => rest);
  };

  const startNew = useCallback(
    (focus: 'first' | 'organ' = 'first') => {
      setValues(blankValues(carried.current));
      setRestricted(false);
      setProposed(new Set());
      setErrors({});
      touched.current = new Set();
      escArmed.current = false;
      attachments.clear();
      (focus === 'organ' ? organField : firstField).current?.focus();
    },
    [attachments.clear],
  );

  async function save(force?: { reason: string }) {
    if (busy) return;
    const local: Record<string, string> = {};
    for (const k of REQUIRED) if (!values[k].trim()) local[k] = msg('error.required');
    for (const k of DATE_FIELDS) if (values[k] && !local[k] && !isIsoDate(values[k])) local[k] = msg('validation.dateField');
    if (Object.keys(local).length) {
      setErrors(local);
      setBanner({ kind: 'error', text: msg('ui.register.fixErrors') });
      document.getElementById(`reg-${FIELD_KEYS.find((k) => local[k])}`)?.focus();
      return;
    }
    if (attachments.busy) return setBanner({ kind: 'info', text: msg('ui.attach.analyzing') });
    setBusy(true);
    try {
      const out = await api.incoming.register({
        fields: {
          arrivalDate: values.arrivalDate,
          organName: values.organName,
          ...splitCode(values.code),
          issuedDate: values.issuedDate,
          typeName: values.typeName,
          subject: values.subject,
          signerName: values.signerName,
          signerPosition: values.signerPosition,
          place: values.place,
          priority: Number(values.priority),
          secrecy: values.secrecy as (typeof SECRECY_LEVELS)[number],
          pageAmount: values.pageAmount.trim() ? Number(values.pageAmount) : null,
          dueDate: values.dueDate || null,
          toPlaces: values.toPlaces,
          note: values.note,
          documentId: '',
          channel: values.channel as 'paper' | 'electronic',
          restricted,
        },
        attachments: attachments.refs,
        force: Boolean(force),
        reason: force?.reason ?? '',
      });
      if (out.kind === 'duplicate') {
        setDuplicates(out.matches);
        setDuplicateError(undefined);
        return;
      }
      const doc = out.document;
      setDuplicates(null);
      carried.current = Object.fromEntries(CARRIED.map((k) => [k, values[k]]));
      setRecent((r) => [doc, ...r].slice(0, 8));
      setBanner({
        kind: 'success',
        text: doc.arrivalNumber === null ? msg('ui.register.savedProvisional') : msg('ui.register.saved', { n: doc.arrivalNumber }),
        detail: msg('ui.register.savedDetail', { code: joinCode(doc.codeNumber, doc.codeNotation) || '—', organ: doc.organName }),
        documentId: doc.id,
      });
      startNew('organ');
    } catch (error) {
      if (duplicates && error instanceof AppError && error.code === 'DUPLICATE_REASON_REQUIRED') {
        setDuplicateError(error.message);
      } else {
        setDuplicates(null);
        // The core has deleted a refused secret document's uploads: the form must not offer them again.
        if (error instanceof AppError && error.code === 'SECRET_REFUSED') attachments.clear();
        setErrors(toFormErrors(error));
        setBanner({ kind: 'error', text: errorMessage(error) });
      }
    } finally {
      setBusy(false);
    }
  }

  useShortcuts(
    [
      { key: 'Enter', ctrl: true, inFields: true, run: () => void save() },
      { key: 'n', ctrl: true, inFields: true, run: () => startNew() },
      { key: 'n', alt: true, inFields: true, run: () => startNew() },
      {
        key: 'Escape',
        inFields: true,
        run: () => {
          if (escArmed.current) {
            startNew();
            setBanner({ kind: 'info', text: msg('ui.register.cleared') });
          } else {
            escArmed.current = true;
            setBanner({ kind: 'info', text: msg('ui.register.escAgain') });
          }
        },
      },
    ],
    active,
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };
  // A browser submits a form on Enter in any text input; here only the last field (Ghi chú) saves.
  const onFormKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    const target = e.target as HTMLElement;
    if (e.key === 'Enter' && !e.ctrlKey && target.tagName === 'INPUT' && target.id !== 'reg-note') e.preventDefault();
  };

  const field = (key: FieldKey) => ({
    id: `reg-${key}`,
    name: key,
    value: values[key],
    'aria-invalid': Boolean(errors[key]),
    'aria-describedby': errors[key] ? `reg-${key}-error` : undefined,
    onChange: (e: { target: { value: string } }) => change(key, e.target.value),
  });
  const dateField = (key: FieldKey) => ({ ...field(key), onChange: (value: string) => change(key, value) });
  const fieldProps = (key: FieldKey, label: string, className?: string) => ({
    id: `reg-${key}`,
    label,
    error: errors[key],
    proposed: proposed.has(key),
    ...(className ? { className } : {}),
  });

  return (
    <div className="register">
      <form className="register-form" onSubmit={onSubmit} onKeyDown={onFormKeyDown} noValidate aria-labelledby="register-title">
        <EntryFormHeader
          titleId="register-title"
          title={msg('ui.register.title')}
          newLabel={msg('ui.register.new')}
          saveLabel={msg('ui.register.save')}
          busy={busy}
          onNew={() => startNew()}
          extra={<EdxmlImportButton onOutcome={setBanner} />}
        />
        <EntryFormBanner banner={banner} testId="register-banner" onOpen={onOpenDocument} />

        <div className="form-grid">
          <FormField {...fieldProps('arrivalDate', msg('ui.field.arrivalDate'))}>
            <DateInput {...dateField('arrivalDate')} inputRef={firstField} autoFocus />
          </FormField>
          <div className="field">
            <span className="label-like">{msg('ui.field.arrivalNumber')}</span>
            <output className="auto-number" data-testid="next-number">
              {nextNumber ? msg('ui.field.arrivalNumberNext', { n: nextNumber }) : msg('ui.field.arrivalNumberAuto')}
            </output>
          </div>
          <FormField {...fieldProps('channel', msg('ui.field.channel'))}>
            <select {...field('channel')}>
              <option value="paper">{msg('ui.channel.paper')}</option>
              <option value="electronic">{msg('ui.channel.electronic')}</option>
            </select>
          </FormField>

          <FormField {...fieldProps('pageAmount', msg('ui.field.pageAmount'))}>
            <input type="number" min={0} max={100000} inputMode="numeric" {...field('pageAmount')} />
          </FormField>

          <FormField {...fieldProps('organName', msg('ui.field.organName'), 'c12')} accessKey="g">
            <input {...field('organName')} ref={organField} list="organ-names" autoComplete="off" maxLength={300} accessKey="g" />
            <datalist id="organ-names">
              {organNames.map((n) => (
                <option key={n} value={n} />
              ))}
            </datalist>
          </FormField>

          <FormField {...fieldProps('code', msg('ui.field.code'))} accessKey="k">
            <input {...field('code')} placeholder={msg('ui.field.codePlaceholder')} spellCheck={false} maxLength={81} accessKey="k" />
          </FormField>
          <FormField {...fieldProps('place', msg('ui.field.place'))}>
            <input {...field('place')} maxLength={100} />
          </FormField>
          <FormField {...fieldProps('issuedDate', msg('ui.field.issuedDate'))}>
            <DateInput {...dateField('issuedDate')} />
          </FormField>
          <FormField {...fieldProps('typeName', msg('ui.field.typeName'))} accessKey="l">
            <select {...field('typeName')} accessKey="l">
              <option value="">{msg('ui.field.typeChoose')}</option>
              <TypeOptions />
            </select>
          </FormField>

          <FormField {...fieldProps('subject', msg('ui.field.subject'), 'c12')} accessKey="y">
            <textarea {...field('subject')} rows={3} maxLength={500} accessKey="y" />
          </FormField>

          <FormField {...fieldProps('signerName', msg('ui.field.signerName'))}>
            <input {...field('signerName')} maxLength={200} />
          </FormField>
          <FormField {...fieldProps('signerPosition', msg('ui.field.signerPosition'))}>
            <input {...field('signerPosition')} maxLength={200} />
          </FormField>
          <FormField {...fieldProps('priority', msg('ui.field.priority'))}>
            <select {...field('priority')}>
              <PriorityOptions />
            </select>
          </FormField>
          <FormField {...fieldProps('secrecy', msg('ui.field.secrecy'))}>
            <select {...field('secrecy')}>
              {SECRECY_LEVELS.map((s) => (
                <option key={s} value={s}>
                  {s === 'none' ? msg('ui.field.secrecyNone') : s}
                </option>
              ))}
            </select>
          </FormField>

          <FormField {...fieldProps('dueDate', msg('ui.field.dueDate'))}>
            <DateInput {...dateField('dueDate')} />
          </FormField>
          <FormField {...fieldProps('toPlaces', msg('ui.field.toPlaces'), 'c9')}>
            <input {...field('toPlaces')} maxLength={500} />
          </FormField>

          <FormField {...fieldProps('note', msg('ui.field.note'), 'c12')} accessKey="c">
            <input {...field('note')} maxLength={1000} accessKey="c" />
          </FormField>
          <div className="field c12 restricted-field">
            <label className="check-label">
              <input
                type="checkbox"
                id="reg-restricted"
                checked={restricted}
                onChange={(e) => setRestricted(e.target.checked)}
                aria-describedby="reg-restricted-hint"
                data-testid="reg-restricted"
              />
              {msg('ui.field.restricted')}
            </label>
            <div className="field-hint" id="reg-restricted-hint">
              {msg('ui.field.restrictedHint')}
            </div>
          </div>
        </div>
        <p className="form-footnote">
          {msg('ui.register.keys')} {msg('ui.register.batchKept')}
        </p>
      </form>

      <aside className="register-side">
        <AttachmentDropZone
          items={attachments.items}
          onFiles={attachments.add}
          onRemove={attachments.remove}
          onCancelOcr={attachments.cancelOcr}
          error={errors.attachments}
        />
        <SignatureWarnings items={attachments.items} />
        {recent.length > 0 && (
          <div className="recent">
            <h2 className="panel-title">{msg('ui.register.lastSaved')}</h2>
            <ul>
              {recent.map((d) => (
                <li key={d.id}>
                  <button type="button" className="recent-item" onClick={() => onOpenDocument(d.id)}>
                    <span className="recent-number">{arrivalNumberText(d.arrivalNumber)}</span>
                    <span className="recent-text">
                      <span>{joinCode(d.codeNumber, d.codeNotation) || d.typeName}</span>
                      <span className="muted">
                        {d.organName} · {shortDate(d.arrivalDate)}
                      </span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </aside>

      {duplicates && (
        <DuplicateDialog
          matches={duplicates}
          busy={busy}
          error={duplicateError}
          onForce={(reason) => void save({ reason })}
          onCancel={() => setDuplicates(null)}
        />
      )}
    </div>
  );
}

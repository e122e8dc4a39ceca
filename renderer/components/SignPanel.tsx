/**
 * "Ký số" beside the open document: choose a certificate (from a .p12/.pfx file or a USB token), type the password or
 * PIN, choose the kind of signature, place it by dragging on the page, and sign. The password/PIN stays in this form
 * until the signing call returns, is sent only with the calls that open the key, and is cleared afterwards. A .p12/.pfx
 * goes to the core's memory only; it is released when another file replaces it or the panel closes.
 */
import { useEffect, useRef, useState } from 'react';
import type { ContentRef, KeyFileRef, Placement, SignatureKindName, SigningCertificate, SigningProgress } from '../../shared/contract';
import { isIsoDate, todayInVietnam } from '../../shared/domain/dates';
import { msg, type MessageKey } from '../../shared/messages';
import { errorMessage, fieldErrors, vietnamDateTime } from '../format';
import { useApi } from '../hooks/useApi';
import { useContractEvent } from '../hooks/useContractEvent';
import type { IssuePlacing } from '../hooks/useIssuePlacing';
import { DateInput } from './DateInput';
import { FileChooser } from './FileChooser';
import { IssuePlacesControls } from './IssuePlacesControls';
import './signing.css';

const KINDS: SignatureKindName[] = ['receipt', 'approval', 'issue', 'attachment'];
const KIND_TEXT: Record<SignatureKindName, MessageKey> = {
  approval: 'signingUi.kind.approval',
  issue: 'signingUi.kind.issue',
  attachment: 'signingUi.kind.attachment',
  receipt: 'signingUi.kind.receipt',
};
const USAGE_TEXT: Record<string, MessageKey> = {
  digitalSignature: 'signingUi.cert.usage.digitalSignature',
  nonRepudiation: 'signingUi.cert.usage.nonRepudiation',
  keyCertSign: 'signingUi.cert.usage.keyCertSign',
};
/** A usage the catalogue does not name yet is shown as the certificate spells it rather than hidden. */
const usageText = (usage: string[]) => usage.map((u) => (USAGE_TEXT[u] ? msg(USAGE_TEXT[u]) : u)).join(', ');
const PHASE_TEXT: Record<SigningProgress['phase'], MessageKey> = {
  preparing: 'signingUi.phase.preparing',
  reading: 'signingUi.phase.reading',
  signing: 'signingUi.phase.signing',
  storing: 'signingUi.phase.storing',
  revocation: 'signingUi.phase.revocation',
  verifying: 'signingUi.phase.verifying',
  done: 'signingUi.phase.done',
  failed: 'signingUi.phase.failed',
};

/** Whether the person must place the signature (attachment signatures have a fixed place, receipts a default one). */
function kindNeedsPlacement(kind: SignatureKindName): boolean {
  return kind === 'approval' || kind === 'issue';
}

interface SignPanelProps {
  documentId: string;
  file: { hash: string; name: string; version: number };
  /** The document's own number and notation, offered for issue and attachment signatures. */
  defaultNumber: string;
  placement: Placement | null;
  /** Issuing signature: where the number and date are written. */
  issuePlacing: IssuePlacing;
  /** Whether the file already carries a signature; null while it is being checked. */
  signedBefore: boolean | null;
  onKindChange: (kind: SignatureKindName) => void;
  onSigned: (version: number) => void;
  onClose: () => void;
}

export function SignPanel({ documentId, file, defaultNumber, placement, issuePlacing, signedBefore, onKindChange, onSigned, onClose }: SignPanelProps) {
  const { api, transport } = useApi();
  const [sourceKind, setSourceKind] = useState<'p12' | 'pkcs11'>('p12');
  const [p12, setP12] = useState<KeyFileRef | null>(null);
  const [secret, setSecret] = useState('');
  const [certificates, setCertificates] = useState<SigningCertificate[] | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [kind, setKind] = useState<SignatureKindName>('receipt');
  const [image, setImage] = useState<ContentRef | null>(null);
  const [numberNotation, setNumberNotation] = useState(defaultNumber);
  const [date, setDate] = useState(todayInVietnam());
  const [ltv, setLtv] = useState(false);
  const [busy, setBusy] = useState<'loading' | 'signing' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<SigningProgress | null>(null);
  const jobId = useRef<string | null>(null);
  const heldKeyFile = useRef<string | null>(null);

  useEffect(() => onKindChange(kind), [kind, onKindChange]);
  const setIssueValues = issuePlacing.setValues;
  useEffect(() => setIssueValues({ numberNotation, date }), [numberNotation, date, setIssueValues]);
  useEffect(() => () => releaseKeyFile(heldKeyFile.current), [api]);
  useContractEvent('signing.progress', (p) => p.jobId === jobId.current && setProgress(p));

  const chooseSource = (next: 'p12' | 'pkcs11') => {
    setSourceKind(next);
    setCertificates(null);
    setChosen(null);
    setSecret('');
    setError(null);
  };

  const upload = async (f: File, done: (ref: ContentRef) => void) => {
    setError(null);
    try {
      done(await transport.upload(f, f.name));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  function releaseKeyFile(handle: string | null) {
    // Best effort: the core forgets it anyway after a few minutes.
    if (handle) api.keyFiles.release({ handle }).catch(() => undefined);
  }

  const pickKeyFile = async (f: File) => {
    setError(null);
    setCertificates(null);
    setChosen(null);
    try {
      const ref = await transport.uploadKeyFile(f, f.name);
      releaseKeyFile(heldKeyFile.current);
      heldKeyFile.current = ref.handle;
      setP12(ref);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const loadCertificates = async () => {
    setBusy('loading');
    setError(null);
    setCertificates(null);
    setChosen(null);
    try {
      const list = sourceKind === 'p12' ? await api.signing.certificates({ kind: 'p12', handle: p12!.handle, password: secret }) : await api.signing.certificates({ kind: 'pkcs11' });
      setCertificates(list);
      const usable = list.findIndex((c) => c.refusal === null);
      setChosen(usable >= 0 ? usable : null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const chosenCertificate = chosen === null ? null : (certificates?.[chosen] ?? null);
  const needsImage = kind === 'approval' || kind === 'issue';
  const needsNumber = kind === 'issue' || kind === 'attachment';
  const ready =
    chosenCertificate !== null &&
    chosenCertificate.refusal === null &&
    secret !== '' &&
    (!kindNeedsPlacement(kind) || placement !== null) &&
    (!needsImage || image !== null) &&
    (!needsNumber || numberNotation.trim() !== '') &&
    (kind !== 'issue' || (isIsoDate(date) && issuePlacing.state !== null));

  const sign = async () => {
    if (!chosenCertificate || !ready) return;
    const id = crypto.randomUUID();
    jobId.current = id;
    setBusy('signing');
    setError(null);
    setErrors({});
    setProgress({ jobId: id, phase: 'preparing', done: 0, total: 0 });
    try {
      const out = await api.signing.sign({
        documentId,
        hash: file.hash,
        source: chosenCertificate.source,
        secret,
        kind,
        ...(placement && kind !== 'attachment' ? { placement } : {}),
        ...(needsImage && image ? { image: image.hash } : {}),
        ...(needsNumber ? { numberNotation: numberNotation.trim() } : {}),
        ...(kind === 'issue' ? { date } : {}),
        ...(kind === 'issue' && issuePlacing.state ? { ...issuePlacing.state.places, template: issuePlacing.state.template } : {}),
        ...(ltv ? { ltv } : {}),
        jobId: id,
      });
      setSecret('');
      onSigned(out.version.version);
    } catch (e) {
      setError(errorMessage(e));
      setErrors(fieldErrors(e));
      setProgress(null);
    } finally {
      setBusy(null);
    }
  };

  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : null;
  return (
    <section className="sign-panel" data-testid="sign-panel" aria-labelledby="sign-panel-title">
      <h2 className="panel-title" id="sign-panel-title">
        {msg('signingUi.sign.title')}
      </h2>
      <p className="muted small">{msg('signingUi.sign.file', { name: file.name, version: file.version })}</p>

      <fieldset className="sign-step" disabled={busy === 'signing'}>
        <legend>{msg('signingUi.sign.source')}</legend>
        <label className="sign-radio">
          <input type="radio" name="sign-source" checked={sourceKind === 'p12'} onChange={() => chooseSource('p12')} />
          {msg('signingUi.sign.sourceP12')}
        </label>
        <label className="sign-radio">
          <input type="radio" name="sign-source" checked={sourceKind === 'pkcs11'} onChange={() => chooseSource('pkcs11')} />
          {msg('signingUi.sign.sourceToken')}
        </label>
        {sourceKind === 'p12' && (
          <FileChooser label={msg('signingUi.sign.p12File')} accept=".p12,.pfx,application/x-pkcs12" data-testid="p12-input" onFile={(f) => void pickKeyFile(f)} />
        )}
        <label className="sign-field">
          <span>{msg(sourceKind === 'p12' ? 'signingUi.sign.password' : 'signingUi.sign.pin')}</span>
          <input type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} data-testid="sign-secret" />
          <span className="field-hint">{msg('signingUi.sign.secretNote')}</span>
        </label>
        <button
          type="button"
          onClick={() => void loadCertificates()}
          disabled={busy !== null || (sourceKind === 'p12' && (!p12 || secret === ''))}
        >
          {msg(sourceKind === 'p12' ? 'signingUi.sign.readP12' : 'signingUi.sign.readToken')}
        </button>
        {certificates && certificates.length === 0 && <p className="sig-problem">{msg('signingUi.sign.noCertificates')}</p>}
        {certificates && certificates.length > 0 && (
          <ul className="cert-list" aria-label={msg('signingUi.sign.certificates')}>
            {certificates.map((c, i) => (
              <li key={`${c.fingerprint}-${i}`} className={c.refusal ? 'cert is-refused' : 'cert'}>
                <label>
                  <input type="radio" name="sign-cert" checked={chosen === i} disabled={c.refusal !== null} onChange={() => setChosen(i)} />
                  <span className="cert-main">
                    <strong title={c.subject}>{c.subjectCommonName}</strong>
                    <span className="small muted">{c.subject.split('\n').filter((l) => !l.startsWith('CN=')).join(', ')}</span>
                    <span className="small">{msg('signingUi.cert.issuer', { issuer: c.issuerCommonName })}</span>
                    <span className="small">{msg('signingUi.cert.validity', { from: vietnamDateTime(c.validFrom), to: vietnamDateTime(c.validTo) })}</span>
                    <span className="small">{msg('signingUi.cert.usage', { usage: usageText(c.keyUsage) || msg('signingUi.cert.usageAny') })}</span>
                    {c.refusal && <span className="sig-problem small">{c.refusal}</span>}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <fieldset className="sign-step" disabled={busy === 'signing'}>
        <legend>{msg('signingUi.sign.kind')}</legend>
        <select value={kind} onChange={(e) => setKind(e.target.value as SignatureKindName)} aria-label={msg('signingUi.sign.kind')} data-testid="sign-kind">
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {msg(KIND_TEXT[k])}
            </option>
          ))}
        </select>
        {needsImage && (
          <>
            <FileChooser
              label={msg(kind === 'issue' ? 'signingUi.sign.seal' : 'signingUi.sign.image')}
              accept=".png,image/png"
              onFile={(f) => void upload(f, setImage)}
            />
            {errors.image && <span className="field-error">{errors.image}</span>}
          </>
        )}
        {needsNumber && (
          <label className="sign-field">
            <span>{msg('signingUi.sign.number')}</span>
            <input value={numberNotation} onChange={(e) => setNumberNotation(e.target.value)} />
          </label>
        )}
        {kind === 'issue' && (
          <label className="sign-field">
            <span>{msg('signingUi.sign.date')}</span>
            <DateInput value={date} onChange={setDate} />
          </label>
        )}
        {kind === 'issue' && signedBefore === false && (
          <p className="sig-problem small" data-testid="issue-unsigned">
            {msg('signingUi.sign.issueUnsigned')}
          </p>
        )}
        {kind === 'issue' && <IssuePlacesControls placing={issuePlacing} />}
        <p className={placement || !kindNeedsPlacement(kind) ? 'muted small' : 'sign-place-hint'} data-testid="placement-status">
          {kind === 'attachment'
            ? msg('signingUi.sign.placeFixed')
            : placement
              ? msg('signingUi.sign.placed', { page: placement.page, x: Math.round(placement.x), y: Math.round(placement.y), w: Math.round(placement.width), h: Math.round(placement.height) })
              : msg(kind === 'receipt' ? 'signingUi.sign.placeOptional' : 'signingUi.sign.placeHint')}
        </p>
        <label className="sign-check">
          <input type="checkbox" checked={ltv} onChange={(e) => setLtv(e.target.checked)} data-testid="sign-ltv" aria-describedby="sign-ltv-hint" />
          {msg('signingUi.sign.ltv')}
        </label>
        <p className="field-hint" id="sign-ltv-hint">
          {msg('signingUi.sign.ltvHint')}
        </p>
      </fieldset>

      {progress && (
        <div className="sign-progress" role="status" data-testid="sign-progress">
          <span>{msg(PHASE_TEXT[progress.phase])}</span>
          <progress max={100} value={percent ?? undefined} />
          {percent !== null && <span className="small">{percent}%</span>}
        </div>
      )}
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      <div className="sign-actions">
        <button type="button" className="primary" disabled={!ready || busy !== null} onClick={() => void sign()}>
          {busy === 'signing' ? msg('ui.working') : msg('signingUi.sign.submit')}
        </button>
        <button type="button" onClick={onClose} disabled={busy === 'signing'}>
          {msg('ui.action.cancel')}
        </button>
      </div>
    </section>
  );
}

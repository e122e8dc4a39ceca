/**
 * "Ký số" beside the open document: choose a certificate (from a .p12/.pfx file or a USB token), type the password or
 * PIN, choose the kind of signature, place it by dragging on the page, and sign. The password/PIN stays in this form
 * until the signing call returns, is sent only with the calls that open the key, and is cleared afterwards. A .p12/.pfx
 * goes to the core's memory only; it is released when another file replaces it or the panel closes.
 */
import { useEffect, useState } from 'react';
import type { ContentRef, Placement, SignatureKindName } from '../../shared/contract';
import { isIsoDate, todayInVietnam } from '../../shared/domain/dates';
import { msg, type MessageKey } from '../../shared/messages';
import { errorMessage, fieldErrors } from '../format';
import { useApi } from '../hooks/useApi';
import type { IssuePlacing } from '../hooks/useIssuePlacing';
import { useSigningKey } from '../hooks/useSigningKey';
import { DateInput } from './DateInput';
import { IssuePlacesControls } from './IssuePlacesControls';
import { KeyChooser } from './KeyChooser';
import { SigningFooter, useSigningJob } from './SigningProgress';
import { StoredFileChooser } from './StoredFileChooser';
import './signing.css';

const KINDS: SignatureKindName[] = ['receipt', 'approval', 'issue', 'attachment'];
const KIND_TEXT: Record<SignatureKindName, MessageKey> = {
  approval: 'signingUi.kind.approval',
  issue: 'signingUi.kind.issue',
  attachment: 'signingUi.kind.attachment',
  receipt: 'signingUi.kind.receipt',
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
  const { api } = useApi();
  const key = useSigningKey();
  const job = useSigningJob();
  const [kind, setKind] = useState<SignatureKindName>('receipt');
  const [image, setImage] = useState<ContentRef | null>(null);
  const [numberNotation, setNumberNotation] = useState(defaultNumber);
  const [date, setDate] = useState(todayInVietnam());
  const [ltv, setLtv] = useState(false);
  const [signing, setSigning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => onKindChange(kind), [kind, onKindChange]);
  const setIssueValues = issuePlacing.setValues;
  useEffect(() => setIssueValues({ numberNotation, date }), [numberNotation, date, setIssueValues]);

  const chosenCertificate = key.usable;
  const needsImage = kind === 'approval' || kind === 'issue';
  const needsNumber = kind === 'issue' || kind === 'attachment';
  const ready =
    chosenCertificate !== null &&
    key.secret !== '' &&
    (!kindNeedsPlacement(kind) || placement !== null) &&
    (!needsImage || image !== null) &&
    (!needsNumber || numberNotation.trim() !== '') &&
    (kind !== 'issue' || (isIsoDate(date) && issuePlacing.state !== null));

  const sign = async () => {
    if (!chosenCertificate || !ready) return;
    const id = job.begin();
    setSigning(true);
    setError(null);
    setErrors({});
    try {
      const out = await api.signing.sign({
        documentId,
        hash: file.hash,
        source: chosenCertificate.source,
        secret: key.secret,
        kind,
        ...(placement && kind !== 'attachment' ? { placement } : {}),
        ...(needsImage && image ? { image: image.hash } : {}),
        ...(needsNumber ? { numberNotation: numberNotation.trim() } : {}),
        ...(kind === 'issue' ? { date } : {}),
        ...(kind === 'issue' && issuePlacing.state ? { ...issuePlacing.state.places, template: issuePlacing.state.template } : {}),
        ...(ltv ? { ltv } : {}),
        jobId: id,
      });
      key.setSecret('');
      onSigned(out.version.version);
    } catch (e) {
      setError(errorMessage(e));
      setErrors(fieldErrors(e));
      job.clear();
    } finally {
      setSigning(false);
    }
  };

  return (
    <section className="sign-panel" data-testid="sign-panel" aria-labelledby="sign-panel-title">
      <h2 className="panel-title" id="sign-panel-title">
        {msg('signingUi.sign.title')}
      </h2>
      <p className="muted small">{msg('signingUi.sign.file', { name: file.name, version: file.version })}</p>

      <KeyChooser signingKey={key} disabled={signing} />

      <fieldset className="sign-step" disabled={signing}>
        <legend>{msg('signingUi.sign.kind')}</legend>
        <select value={kind} onChange={(e) => setKind(e.target.value as SignatureKindName)} aria-label={msg('signingUi.sign.kind')} data-testid="sign-kind">
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {msg(KIND_TEXT[k])}
            </option>
          ))}
        </select>
        {needsImage && (
          <StoredFileChooser
            label={msg(kind === 'issue' ? 'signingUi.sign.seal' : 'signingUi.sign.image')}
            accept=".png,image/png"
            onStored={setImage}
            error={errors.image}
          />
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

      <SigningFooter
        progress={job.progress}
        error={error ?? key.error}
        ready={ready && !key.loading}
        busy={signing}
        label={msg('signingUi.sign.submit')}
        onSign={() => void sign()}
        onClose={onClose}
      />
    </section>
  );
}

/**
 * The two signing steps of an outgoing document, beside its PDF. Ký duyệt: the signer's approval on the draft, with the
 * handwritten-signature image if they have one (else a text appearance), placed by the core between the signer's title
 * and name unless dragged on the page. Cấp số và phát hành: the clerk's issue; the core takes the next số, writes the
 * number and date into the draft's blanks and puts the organisation's seal over the approval, all in one signing.
 */
import { useEffect, useState } from 'react';
import type { ContentRef, OutgoingDocument, Placement } from '../../shared/contract';
import { isIsoDate, todayInVietnam } from '../../shared/domain/dates';
import { msg } from '../../shared/messages';
import { errorMessage, fieldErrors, joinCode } from '../format';
import { useApi } from '../hooks/useApi';
import type { IssuePlacing } from '../hooks/useIssuePlacing';
import { useSigningKey } from '../hooks/useSigningKey';
import { DateInput } from './DateInput';
import { IssuePlacesControls } from './IssuePlacesControls';
import { KeyChooser } from './KeyChooser';
import { SigningFooter, useSigningJob } from './SigningProgress';
import { StoredFileChooser } from './StoredFileChooser';
import './signing.css';

interface OutgoingSignPanelProps {
  mode: 'sign' | 'issue';
  doc: OutgoingDocument;
  file: { name: string; version: number };
  /** Where the person dragged the box on the page; null: the core's own place. */
  placement: Placement | null;
  onResetPlacement: () => void;
  /** Issuing a document with a number (not a copy): where its number and date go, shown and moved on the page. */
  issuePlacing: IssuePlacing | null;
  /** Whether the file already carries a signature; null while it is being checked. */
  signedBefore: boolean | null;
  onDone: (doc: OutgoingDocument, notice: string) => void;
  onClose: () => void;
}

export function OutgoingSignPanel({ mode, doc, file, placement, onResetPlacement, issuePlacing, signedBefore, onDone, onClose }: OutgoingSignPanelProps) {
  const { api } = useApi();
  const key = useSigningKey();
  const job = useSigningJob();
  const [image, setImage] = useState<ContentRef | null>(null);
  const [comment, setComment] = useState('');
  const [date, setDate] = useState(todayInVietnam());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const [nextCode, setNextCode] = useState<string | null>(null);

  const issuing = mode === 'issue';
  const ready = key.usable !== null && key.secret !== '' && (!issuing || (image !== null && isIsoDate(date) && (!issuePlacing || issuePlacing.state !== null)));

  // The number this issue would take on that date, for the preview on the page; the core takes the real one when sealing.
  const setIssueValues = issuePlacing?.setValues;
  useEffect(() => {
    if (!issuing || !isIsoDate(date)) return;
    let current = true;
    api.outgoing.issuePreview({ id: doc.id, date }).then(
      (p) => current && setNextCode(p.numberNotation),
      () => current && setNextCode(null),
    );
    return () => {
      current = false;
    };
  }, [api, issuing, doc.id, date]);
  useEffect(() => setIssueValues?.({ numberNotation: nextCode ?? '', date: isIsoDate(date) ? date : '' }), [setIssueValues, nextCode, date]);

  const run = async () => {
    if (!key.usable || !ready) return;
    const jobId = job.begin();
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const common = { id: doc.id, source: key.usable.source, secret: key.secret, jobId, ...(placement ? { placement } : {}) };
      const places = issuePlacing?.state ? { ...issuePlacing.state.places, template: issuePlacing.state.template } : {};
      const out = issuing
        ? await api.outgoing.issue({ ...common, ...places, seal: image!.hash, date })
        : await api.outgoing.sign({ ...common, ...(image ? { image: image.hash } : {}), comment });
      key.setSecret('');
      const d = out.document;
      onDone(d, issuing ? msg('outgoingUi.done.issue', { code: joinCode(d.codeNumber, d.codeNotation) }) : msg('outgoingUi.done.sign'));
    } catch (e) {
      setError(errorMessage(e));
      setErrors(fieldErrors(e));
      job.clear();
    } finally {
      setBusy(false);
    }
  };

  const title = msg(issuing ? 'outgoingUi.action.issue' : 'outgoingUi.action.sign');
  return (
    <section className="sign-panel" data-testid="outgoing-sign-panel" aria-labelledby="outgoing-sign-title">
      <h2 className="panel-title" id="outgoing-sign-title">
        {title}
      </h2>
      <p className="muted small">{msg('signingUi.sign.file', { name: file.name, version: file.version })}</p>

      <KeyChooser signingKey={key} disabled={busy} />

      <fieldset className="sign-step" disabled={busy}>
        <legend>{msg(issuing ? 'outgoingUi.sign.issueStep' : 'outgoingUi.sign.signStep')}</legend>
        <StoredFileChooser
          label={msg(issuing ? 'signingUi.sign.seal' : 'outgoingUi.sign.imageOptional')}
          accept=".png,image/png"
          onStored={setImage}
          error={errors.image ?? errors.seal}
          data-testid={issuing ? 'seal-input' : 'image-input'}
        />
        {!issuing && !image && <p className="field-hint">{msg('outgoingUi.sign.textAppearance')}</p>}
        {issuing && (
          <>
            <label className="sign-field">
              <span>{msg('outgoingUi.sign.date')}</span>
              <DateInput value={date} onChange={setDate} />
              {errors.date && <span className="field-error">{errors.date}</span>}
            </label>
            <p className="field-hint">{msg('outgoingUi.sign.numberAuto')}</p>
            {nextCode && (
              <p className="small" data-testid="issue-next-number">
                {msg('outgoingUi.sign.numberNext', { code: nextCode })}
              </p>
            )}
            {signedBefore === false && (
              <p className="sig-problem small" data-testid="issue-unsigned">
                {msg('signingUi.sign.issueUnsigned')}
              </p>
            )}
          </>
        )}
        <p className="muted small" data-testid="placement-status">
          {placement
            ? msg('signingUi.sign.placed', { page: placement.page, x: Math.round(placement.x), y: Math.round(placement.y), w: Math.round(placement.width), h: Math.round(placement.height) })
            : msg(issuing ? 'outgoingUi.sign.placeAutoIssue' : 'outgoingUi.sign.placeAuto')}
          {placement && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={onResetPlacement}>
                {msg('outgoingUi.sign.placeReset')}
              </button>
            </>
          )}
        </p>
        {issuePlacing && <IssuePlacesControls placing={issuePlacing} />}
        {!issuing && (
          <label className="sign-field">
            <span>{msg('outgoingUi.step.comment')}</span>
            <textarea rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
          </label>
        )}
      </fieldset>

      <SigningFooter
        progress={job.progress}
        error={error ?? key.error}
        ready={ready && !key.loading}
        busy={busy}
        label={title}
        onSign={() => void run()}
        onClose={onClose}
      />
    </section>
  );
}

/**
 * Each signature of the shown PDF: who signed and when, whether the signed bytes are intact and cover a revision, the
 * certificate chain and its validity at signing time, revocation when known, the timestamp, and what changed after.
 */
import type { ReactNode } from 'react';
import type { SignatureCheck } from '../../shared/contract';
import { msg } from '../../shared/messages';
import { vietnamDateTime } from '../format';
import type { SignatureCheckState } from '../hooks/useSignatureCheck';
import './signing.css';

interface SignaturePanelProps {
  check: SignatureCheckState | null;
  onManageTrust: () => void;
}

export function SignaturePanel({ check, onManageTrust }: SignaturePanelProps) {
  return (
    <section className="sig-panel" data-testid="signature-panel">
      <h2 className="panel-title">{msg('signingUi.panel.title')}</h2>
      {check?.state === 'checking' && <p className="muted small">{msg('signingUi.verdict.checking')}</p>}
      {check?.state === 'failed' && (
        <p className="sig-problem" role="alert">
          {check.message}
        </p>
      )}
      {check?.state === 'done' && check.result.signatures.length === 0 && <p className="muted small">{msg('signingUi.panel.none')}</p>}
      {check?.state === 'done' && (
        <ol className="sig-list">
          {check.result.signatures.map((s) => (
            <SignatureItem key={s.index} s={s} />
          ))}
        </ol>
      )}
      <button type="button" className="link-button" onClick={onManageTrust}>
        {msg('signingUi.trust.open')}
      </button>
    </section>
  );
}

function Row({ label, ok, children }: { label: string; ok: boolean | null; children: ReactNode }) {
  return (
    <div className={ok === null ? 'sig-row' : ok ? 'sig-row is-ok' : 'sig-row is-bad'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function SignatureItem({ s }: { s: SignatureCheck }) {
  const time = s.signingTime ? vietnamDateTime(s.signingTime) : msg('signingUi.panel.unknown');
  const source = s.signingTimeSource === 'timestamp' ? msg('signingUi.panel.timeFromTimestamp') : s.signingTimeSource === 'claimed' ? msg('signingUi.panel.timeClaimed') : '';
  const changes =
    s.changesAfter === 'none' ? msg('signingUi.panel.changesNone') : s.changesAfter === 'allowed' ? msg('signingUi.panel.changesAllowed') : msg('signingUi.panel.changesDisallowed');
  const revocation = {
    good: msg('signingUi.panel.revocationGood'),
    revoked: msg('signingUi.panel.revocationRevoked'),
    unknown: msg('signingUi.panel.revocationUnknown'),
    notChecked: msg('signingUi.panel.revocationNotChecked'),
  }[s.revocation];
  return (
    <li className={`sig-item sig-item-${s.verdict}`} data-testid="signature-item">
      <div className="sig-item-head">
        <strong>{msg('signingUi.panel.signature', { index: s.index, signer: s.signer })}</strong>
        <span className={`sig-chip sig-${s.verdict}`}>{msg(`signingUi.verdict.${s.verdict}`)}</span>
      </div>
      <dl className="sig-rows">
        <Row label={msg('signingUi.panel.issuer')} ok={null}>
          {s.issuer ?? msg('signingUi.panel.unknown')}
        </Row>
        <Row label={msg('signingUi.panel.time')} ok={null}>
          {time} {source && <span className="muted small">{source}</span>}
        </Row>
        <Row label={msg('signingUi.panel.integrity')} ok={s.intact}>
          {msg(s.intact ? 'signingUi.panel.intact' : 'signingUi.panel.notIntact')}
        </Row>
        <Row label={msg('signingUi.panel.coverage')} ok={s.coversRevision}>
          {msg(s.coversRevision ? (s.coversWholeFile ? 'signingUi.panel.coversWhole' : 'signingUi.panel.coversRevision') : 'signingUi.panel.coversNot')}
        </Row>
        <Row label={msg('signingUi.panel.chain')} ok={s.trusted}>
          {s.trusted ? msg('signingUi.panel.trusted', { root: s.chain.at(-1) ?? '' }) : msg('signingUi.panel.untrusted')}
        </Row>
        <Row label={msg('signingUi.panel.validity')} ok={s.validAtSigningTime}>
          {msg(s.validAtSigningTime ? 'signingUi.panel.validAtSigning' : 'signingUi.panel.notValidAtSigning')}
        </Row>
        <Row label={msg('signingUi.panel.revocation')} ok={s.revocation === 'good' ? true : s.revocation === 'revoked' ? false : null}>
          {revocation}
        </Row>
        <Row label={msg('signingUi.panel.timestamp')} ok={s.timestamp ? s.timestamp.valid : null}>
          {s.timestamp
            ? s.timestamp.valid
              ? msg('signingUi.panel.timestampValid', { time: s.timestamp.time ? vietnamDateTime(s.timestamp.time) : '?', tsa: s.timestamp.tsa ?? '?' })
              : msg('signingUi.panel.timestampInvalid')
            : msg('signingUi.panel.timestampNone')}
        </Row>
        <Row label={msg('signingUi.panel.changes')} ok={s.changesAfter !== 'disallowed'}>
          {changes}
        </Row>
      </dl>
    </li>
  );
}

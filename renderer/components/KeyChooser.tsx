/**
 * The first step of every signing form: where the key is (.p12/.pfx file or USB token), its password or PIN, and the
 * certificate to sign with (subject, issuer, validity, key usage; unusable ones greyed with the reason).
 */
import { msg, type MessageKey } from '../../shared/messages';
import { vietnamDateTime } from '../format';
import type { SigningKey } from '../hooks/useSigningKey';
import { FileChooser } from './FileChooser';
import './signing.css';

const USAGE_TEXT: Record<string, MessageKey> = {
  digitalSignature: 'signingUi.cert.usage.digitalSignature',
  nonRepudiation: 'signingUi.cert.usage.nonRepudiation',
  keyCertSign: 'signingUi.cert.usage.keyCertSign',
};
/** A usage the catalogue does not name yet is shown as the certificate spells it rather than hidden. */
const usageText = (usage: string[]) => usage.map((u) => (USAGE_TEXT[u] ? msg(USAGE_TEXT[u]) : u)).join(', ');

export function KeyChooser({ signingKey: k, disabled }: { signingKey: SigningKey; disabled: boolean }) {
  return (
    <fieldset className="sign-step" disabled={disabled}>
      <legend>{msg('signingUi.sign.source')}</legend>
      <label className="sign-radio">
        <input type="radio" name="sign-source" checked={k.sourceKind === 'p12'} onChange={() => k.chooseSource('p12')} />
        {msg('signingUi.sign.sourceP12')}
      </label>
      <label className="sign-radio">
        <input type="radio" name="sign-source" checked={k.sourceKind === 'pkcs11'} onChange={() => k.chooseSource('pkcs11')} />
        {msg('signingUi.sign.sourceToken')}
      </label>
      {k.sourceKind === 'p12' && (
        <FileChooser label={msg('signingUi.sign.p12File')} accept=".p12,.pfx,application/x-pkcs12" data-testid="p12-input" onFile={(f) => void k.pickKeyFile(f)} />
      )}
      <label className="sign-field">
        <span>{msg(k.sourceKind === 'p12' ? 'signingUi.sign.password' : 'signingUi.sign.pin')}</span>
        <input type="password" autoComplete="off" value={k.secret} onChange={(e) => k.setSecret(e.target.value)} data-testid="sign-secret" />
        <span className="field-hint">{msg('signingUi.sign.secretNote')}</span>
      </label>
      <button type="button" onClick={() => void k.loadCertificates()} disabled={k.loading || (k.sourceKind === 'p12' && (!k.p12 || k.secret === ''))}>
        {msg(k.sourceKind === 'p12' ? 'signingUi.sign.readP12' : 'signingUi.sign.readToken')}
      </button>
      {k.certificates && k.certificates.length === 0 && <p className="sig-problem">{msg('signingUi.sign.noCertificates')}</p>}
      {k.certificates && k.certificates.length > 0 && (
        <ul className="cert-list" aria-label={msg('signingUi.sign.certificates')}>
          {k.certificates.map((c, i) => (
            <li key={`${c.fingerprint}-${i}`} className={c.refusal ? 'cert is-refused' : 'cert'}>
              <label>
                <input type="radio" name="sign-cert" checked={k.chosen === i} disabled={c.refusal !== null} onChange={() => k.setChosen(i)} />
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
  );
}

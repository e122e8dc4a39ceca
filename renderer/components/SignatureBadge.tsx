/** The verdict on the shown PDF's signatures, in one word a clerk can act on: valid, invalid, not trusted, unsigned. */
import type { SignatureVerdict } from '../../shared/contract';
import { msg, type MessageKey } from '../../shared/messages';
import type { SignatureCheckState } from '../hooks/useSignatureCheck';
import './signing.css';

const VERDICT_TEXT: Record<SignatureVerdict, MessageKey> = {
  valid: 'signingUi.verdict.valid',
  invalid: 'signingUi.verdict.invalid',
  untrusted: 'signingUi.verdict.untrusted',
  unsigned: 'signingUi.verdict.unsigned',
};
const VERDICT_ICON: Record<SignatureVerdict, string> = { valid: '✓', invalid: '✗', untrusted: '!', unsigned: '–' };

export function SignatureBadge({ check }: { check: SignatureCheckState | null }) {
  if (!check) return null;
  if (check.state === 'checking') {
    return (
      <span className="sig-badge sig-checking" data-testid="signature-badge" role="status">
        {msg('signingUi.verdict.checking')}
      </span>
    );
  }
  if (check.state === 'failed') {
    return (
      <span className="sig-badge sig-invalid" data-testid="signature-badge" role="status" title={check.message}>
        {msg('signingUi.verdict.failed')}
      </span>
    );
  }
  const { verdict, signatures } = check.result;
  return (
    <span className={`sig-badge sig-${verdict}`} data-testid="signature-badge" data-verdict={verdict} role="status">
      <span aria-hidden="true">{VERDICT_ICON[verdict]}</span> {msg(VERDICT_TEXT[verdict])}
      {signatures.length > 1 && <span className="sig-count">{msg('signingUi.signatureCount', { n: signatures.length })}</span>}
    </span>
  );
}

/** Before registering: a received PDF whose signature is broken or not trusted is flagged, so the clerk checks it first. */
import type { SignatureSummary } from '../../shared/contract';
import { msg } from '../../shared/messages';
import type { AttachmentItem } from '../hooks/useAttachments';
import './signing.css';

/** One note per dropped file that carries signatures; nothing when none does. */
export function SignatureWarnings({ items }: { items: AttachmentItem[] }) {
  const signed = items.filter((i) => i.analysis?.signatures && i.analysis.signatures.verdict !== 'unsigned');
  if (signed.length === 0) return null;
  return (
    <div className="sig-warnings" data-testid="signature-warnings">
      {signed.map((i) => (
        <SignatureWarning key={i.id} name={i.name} summary={i.analysis!.signatures!} />
      ))}
    </div>
  );
}

function SignatureWarning({ name, summary }: { name: string; summary: SignatureSummary }) {
  if (summary.verdict === 'valid') {
    return <p className="sig-note sig-valid">{msg('signingUi.analyze.valid', { name, count: summary.count })}</p>;
  }
  return (
    <div className={`sig-note sig-${summary.verdict}`} role="alert">
      <strong>{msg(summary.verdict === 'invalid' ? 'signingUi.analyze.invalid' : 'signingUi.analyze.untrusted', { name })}</strong>
      <ul>
        {summary.problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}

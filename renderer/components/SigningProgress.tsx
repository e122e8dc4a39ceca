/**
 * A signing job's progress as the core reports it ('signing.progress' events carrying the job id the caller chose),
 * and the end every signing form shares: that progress, the refusal if any, the sign and cancel buttons.
 */
import { useCallback, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { SigningProgress as Progress } from '../../shared/contract';
import { msg, type MessageKey } from '../../shared/messages';
import { useContractEvent } from '../hooks/useContractEvent';
import './signing.css';

const PHASE_TEXT: Record<Progress['phase'], MessageKey> = {
  preparing: 'signingUi.phase.preparing',
  reading: 'signingUi.phase.reading',
  signing: 'signingUi.phase.signing',
  storing: 'signingUi.phase.storing',
  revocation: 'signingUi.phase.revocation',
  verifying: 'signingUi.phase.verifying',
  done: 'signingUi.phase.done',
  failed: 'signingUi.phase.failed',
};

/** `begin()` names a new job (pass its id to the signing call) and shows it as preparing; `clear()` hides it. */
export function useSigningJob() {
  const [progress, setProgress] = useState<Progress | null>(null);
  const jobId = useRef<string | null>(null);
  useContractEvent('signing.progress', (p) => p.jobId === jobId.current && setProgress(p));
  const begin = useCallback(() => {
    const id = crypto.randomUUID();
    jobId.current = id;
    setProgress({ jobId: id, phase: 'preparing', done: 0, total: 0 });
    return id;
  }, []);
  const clear = useCallback(() => setProgress(null), []);
  return { progress, begin, clear };
}

export function SigningProgressBar({ progress }: { progress: Progress | null }) {
  if (!progress) return null;
  const percent = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : null;
  return (
    <div className="sign-progress" role="status" data-testid="sign-progress">
      <span>{msg(PHASE_TEXT[progress.phase])}</span>
      <progress max={100} value={percent ?? undefined} />
      {percent !== null && <span className="small">{percent}%</span>}
    </div>
  );
}

interface SigningFooterProps {
  progress: Progress | null;
  error: string | null;
  ready: boolean;
  busy: boolean;
  label: ReactNode;
  onSign: () => void;
  onClose: () => void;
}

export function SigningFooter({ progress, error, ready, busy, label, onSign, onClose }: SigningFooterProps) {
  return (
    <>
      <SigningProgressBar progress={progress} />
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      <div className="sign-actions">
        <button type="button" className="primary" disabled={!ready || busy} onClick={onSign}>
          {busy ? msg('ui.working') : label}
        </button>
        <button type="button" onClick={onClose} disabled={busy}>
          {msg('ui.action.cancel')}
        </button>
      </div>
    </>
  );
}

/** The signatures of one stored PDF as the core judges them; checked again whenever the hash or trust changes. */
import { useCallback, useEffect, useState } from 'react';
import type { VerifyOutput } from '../../shared/contract';
import { errorMessage } from '../format';
import { useApi } from './useApi';

export type SignatureCheckState = { state: 'checking' } | { state: 'done'; result: VerifyOutput } | { state: 'failed'; message: string };

export function useSignatureCheck(hash: string | null): { check: SignatureCheckState | null; recheck: () => void } {
  const { api } = useApi();
  const [check, setCheck] = useState<SignatureCheckState | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!hash) return setCheck(null);
    let live = true;
    setCheck({ state: 'checking' });
    api.signing.verify({ hash }).then(
      (result) => live && setCheck({ state: 'done', result }),
      (error: unknown) => live && setCheck({ state: 'failed', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [api, hash, round]);
  const recheck = useCallback(() => setRound((n) => n + 1), []);
  return { check, recheck };
}

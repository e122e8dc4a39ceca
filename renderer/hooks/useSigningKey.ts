/**
 * The key a signing form signs with: a .p12/.pfx file (held in the core's memory under a handle, released when another
 * file replaces it or the form closes) or a USB token, the password or PIN, and the certificate chosen among those the
 * key holds. The password/PIN stays in this state until the signing call returns and is cleared afterwards; it is sent
 * only with the calls that open the key. Every signing form (a document's "Ký số", an outgoing approval or issue) uses it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyFileRef, SigningCertificate } from '../../shared/contract';
import { errorMessage } from '../format';
import { useApi } from './useApi';

export type KeySourceKind = 'p12' | 'pkcs11';

export interface SigningKey {
  sourceKind: KeySourceKind;
  chooseSource(next: KeySourceKind): void;
  p12: KeyFileRef | null;
  pickKeyFile(file: File): Promise<void>;
  secret: string;
  setSecret(secret: string): void;
  certificates: SigningCertificate[] | null;
  loadCertificates(): Promise<void>;
  chosen: number | null;
  setChosen(index: number): void;
  /** The chosen certificate when it may sign, else null. */
  usable: SigningCertificate | null;
  loading: boolean;
  error: string | null;
}

export function useSigningKey(): SigningKey {
  const { api, transport } = useApi();
  const [sourceKind, setSourceKind] = useState<KeySourceKind>('p12');
  const [p12, setP12] = useState<KeyFileRef | null>(null);
  const [secret, setSecret] = useState('');
  const [certificates, setCertificates] = useState<SigningCertificate[] | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heldKeyFile = useRef<string | null>(null);

  const releaseKeyFile = useCallback(
    (handle: string | null) => {
      // Best effort: the core forgets it anyway after a few minutes.
      if (handle) api.keyFiles.release({ handle }).catch(() => undefined);
    },
    [api],
  );
  useEffect(() => () => releaseKeyFile(heldKeyFile.current), [releaseKeyFile]);

  const chooseSource = (next: KeySourceKind) => {
    setSourceKind(next);
    setCertificates(null);
    setChosen(null);
    setSecret('');
    setError(null);
  };

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
    setLoading(true);
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
      setLoading(false);
    }
  };

  const chosenCertificate = chosen === null ? null : (certificates?.[chosen] ?? null);
  const usable = chosenCertificate && chosenCertificate.refusal === null ? chosenCertificate : null;
  return { sourceKind, chooseSource, p12, pickKeyFile, secret, setSecret, certificates, loadCertificates, chosen, setChosen, usable, loading, error };
}

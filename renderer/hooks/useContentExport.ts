/** Exporting a book or report: the call that makes the file, then its download, with the busy state and the refusal. */
import { useState } from 'react';
import type { ContentRef } from '../../shared/contract';
import { downloadContent } from '../download';
import { errorMessage, fieldErrors } from '../format';
import { useApi } from './useApi';

export function useContentExport() {
  const { transport } = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<ContentRef | null>(null);

  async function run(make: () => Promise<ContentRef>) {
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const ref = await make();
      setResult(ref);
      downloadContent(transport, ref);
    } catch (e) {
      setError(errorMessage(e));
      setErrors(fieldErrors(e));
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, errors, result, run };
}

/** A FileChooser whose file goes to the content store at once: the caller gets the stored reference, or the reason. */
import { useState } from 'react';
import type { ContentRef } from '../../shared/contract';
import { errorMessage } from '../format';
import { useApi } from '../hooks/useApi';
import { FileChooser } from './FileChooser';

interface StoredFileChooserProps {
  label: string;
  accept: string;
  onStored: (ref: ContentRef) => void;
  /** A problem the caller knows of (the core refused the file), shown under the chooser. */
  error?: string | undefined;
  'data-testid'?: string;
}

export function StoredFileChooser({ label, accept, onStored, error, 'data-testid': testId }: StoredFileChooserProps) {
  const { transport } = useApi();
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const store = async (f: File) => {
    setFailed(null);
    setBusy(true);
    try {
      onStored(await transport.upload(f, f.name));
    } catch (e) {
      setFailed(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const problem = failed ?? error;
  return (
    <>
      <FileChooser label={label} accept={accept} onFile={(f) => void store(f)} {...(testId ? { 'data-testid': testId } : {})} busy={busy} />
      {problem && <span className="field-error">{problem}</span>}
    </>
  );
}

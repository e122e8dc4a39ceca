/**
 * Files dropped on a form: each is uploaded to the content store and, when the form wants proposals (`onAnalyzed`),
 * read by incoming.analyze; the analysis goes to `onAnalyzed` so the form can propose fields. Without it the files
 * are only stored (an outgoing draft is written here, nothing is to be read off it). Clearing the list drops late
 * answers of old files.
 */
import { useCallback, useRef, useState } from 'react';
import type { AnalyzeOutput, ContentRef } from '../../shared/contract';
import { errorMessage } from '../format';
import { useApi } from './useApi';
import { useContractEvent } from './useContractEvent';

export interface AttachmentItem {
  id: number;
  name: string;
  size: number;
  state: 'uploading' | 'analyzing' | 'ready' | 'failed';
  ref?: ContentRef;
  analysis?: AnalyzeOutput;
  /** Vietnamese: why the file could not be read or stored. */
  message?: string;
  /** Names the reading in the core, to follow a scan's OCR and to stop it. */
  jobId?: string;
  /** Pages of a scan recognised so far, of those to read (absent for a file with a text layer). */
  ocr?: { done: number; total: number };
}

export function useAttachments(onAnalyzed?: (analysis: AnalyzeOutput) => void) {
  const { api, transport } = useApi();
  const [items, setItems] = useState<AttachmentItem[]>([]);
  const nextId = useRef(1);
  const generation = useRef(0);
  const analyzed = useRef(onAnalyzed);
  analyzed.current = onAnalyzed;

  const add = useCallback(
    (files: File[]) => {
      const gen = generation.current;
      for (const file of files) {
        const id = nextId.current++;
        const update = (patch: Partial<AttachmentItem>) => {
          if (gen === generation.current) setItems((list) => list.map((item) => (item.id === id ? { ...item, ...patch } : item)));
        };
        setItems((list) => [...list, { id, name: file.name, size: file.size, state: 'uploading' }]);
        transport.upload(file, file.name).then(
          (ref) => {
            if (!analyzed.current) return update({ ref, state: 'ready' });
            const jobId = crypto.randomUUID();
            update({ ref, state: 'analyzing', jobId });
            return api.incoming.analyze({ hash: ref.hash, name: ref.name, jobId }).then(
              (analysis) => {
                update({ state: 'ready', analysis, ...(analysis.message ? { message: analysis.message } : {}) });
                if (gen === generation.current) analyzed.current?.(analysis);
              },
              // The file is stored even if it cannot be read: the clerk types the fields.
              (error: unknown) => update({ state: 'ready', message: errorMessage(error) }),
            );
          },
          (error: unknown) => update({ state: 'failed', message: errorMessage(error) }),
        );
      }
    },
    [api, transport],
  );

  useContractEvent('incoming.analyzeProgress', ({ jobId, done, total }) =>
    setItems((list) => list.map((item) => (item.jobId === jobId && item.state === 'analyzing' ? { ...item, ocr: { done, total } } : item))),
  );

  /** Stops a scan's OCR: the analysis comes back with what was read and says so; the clerk types the rest. */
  const cancelOcr = useCallback((jobId: string) => void api.incoming.cancelAnalysis({ jobId }).catch(() => undefined), [api]);

  const remove = useCallback((id: number) => setItems((list) => list.filter((item) => item.id !== id)), []);
  const clear = useCallback(() => {
    generation.current++;
    setItems([]);
  }, []);

  return {
    items,
    add,
    remove,
    clear,
    cancelOcr,
    busy: items.some((item) => item.state === 'uploading' || item.state === 'analyzing'),
    refs: items.filter((item) => item.ref && item.state === 'ready').map((item) => ({ hash: item.ref!.hash, name: item.ref!.name })),
  };
}

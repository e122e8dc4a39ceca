/** The later pages of registered long scans being read in the background, by file: shown beside the attachment. */
import { useCallback, useState } from 'react';
import type { ScanProgress } from '../../shared/contract/types';
import { useApi } from './useApi';
import { useContractEvent } from './useContractEvent';

export function useScanProgress() {
  const { api } = useApi();
  const [reading, setReading] = useState<ReadonlyMap<string, ScanProgress>>(new Map());
  useContractEvent('incoming.scanProgress', (p) =>
    setReading((now) => {
      const next = new Map(now);
      if (p.done < p.total) next.set(p.hash, p);
      else next.delete(p.hash);
      return next;
    }),
  );
  const stop = useCallback(
    (hash: string) => {
      const p = reading.get(hash);
      if (!p) return;
      void api.incoming.cancelAnalysis({ jobId: p.jobId }).finally(() =>
        setReading((now) => {
          const next = new Map(now);
          next.delete(hash);
          return next;
        }),
      );
    },
    [api, reading],
  );
  return { reading, stop };
}

/** Where sync stands, read once and then kept current by the core's `sync.statusChanged` announcements. */
import { useCallback, useEffect, useState } from 'react';
import type { SyncStatus } from '../../shared/contract/syncSchemas';
import { useApi } from './useApi';
import { useContractEvent } from './useContractEvent';

export function useSyncStatus(): { status: SyncStatus | null; setStatus: (s: SyncStatus) => void } {
  const { api } = useApi();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    api.sync.status({}).then(setStatus, () => undefined);
  }, [api]);
  useContractEvent('sync.statusChanged', useCallback((s: SyncStatus) => setStatus(s), []));
  return { status, setStatus };
}

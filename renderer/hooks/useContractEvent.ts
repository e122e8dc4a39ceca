/** Runs `handler` whenever the core announces a contract event (over IPC or the browser host's event stream). */
import { useEffect, useRef } from 'react';
import type { EventName, EventPayload } from '../../shared/contract';
import { useApi } from './useApi';

export function useContractEvent<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): void {
  const { transport } = useApi();
  const current = useRef(handler);
  current.current = handler;
  useEffect(() => transport.subscribe(event, (payload) => current.current(payload)), [transport, event]);
}

/** The contract client and its transport, provided once at the root so that every view calls the same core. */
import { createContext, useContext } from 'react';
import type { Api } from '../../shared/contract';
import type { Transport } from '../api/client';

export interface ApiHandle {
  api: Api;
  transport: Transport;
}

export const ApiContext = createContext<ApiHandle | null>(null);

export function useApi(): ApiHandle {
  const handle = useContext(ApiContext);
  if (!handle) throw new Error('useApi outside ApiContext');
  return handle;
}

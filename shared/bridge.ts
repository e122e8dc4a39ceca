/**
 * What the Electron preload exposes to the page as `window.vanthu`: contract names only, no Node, no raw ipcRenderer.
 * The IPC channel names live here so main and preload never spell them twice.
 */
import type { ContentRef, EventName, EventPayload, MethodName } from './contract';
import type { Result } from './errors';

export const IPC_CHANNELS = { call: 'vanthu:call', upload: 'vanthu:upload', event: 'vanthu:event' } as const;

export interface VanthuBridge {
  call(method: MethodName, input: unknown): Promise<Result<unknown>>;
  subscribe<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
  upload(bytes: ArrayBuffer, name: string): Promise<Result<ContentRef>>;
}

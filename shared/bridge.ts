/**
 * What the Electron preload exposes to the page as `window.vanthu`: contract names only, no Node, no raw ipcRenderer.
 * The IPC channel names live here so main and preload never spell them twice.
 */
import type { ContentRef, EventName, EventPayload, KeyFileRef, MethodName } from './contract';
import type { Result } from './errors';

export const IPC_CHANNELS = { call: 'vanthu:call', upload: 'vanthu:upload', uploadKeyFile: 'vanthu:uploadKeyFile', event: 'vanthu:event' } as const;

export interface VanthuBridge {
  call(method: MethodName, input: unknown): Promise<Result<unknown>>;
  subscribe<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
  upload(bytes: ArrayBuffer, name: string): Promise<Result<ContentRef>>;
  /** A .p12/.pfx for the core's memory only (never the content store); the handle names it in signing calls. */
  uploadKeyFile(bytes: ArrayBuffer, name: string): Promise<Result<KeyFileRef>>;
}

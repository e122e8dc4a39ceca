/**
 * The IPC side of the contract: one call channel, two upload channels (files for the content store, key files for
 * the core's memory only), one event channel (names in shared/bridge). Every message is checked for its sender first;
 * the method name is checked here and the input by the dispatcher.
 */
import type { ContentRef, EventName, EventPayload, KeyFileRef } from '../../shared/contract';
import { isEventName, isMethodName } from '../../shared/contract';
import { AppError, type Result } from '../../shared/errors';
import { msg } from '../../shared/messages';
import type { IpcEventLike } from './senderCheck';

export interface IpcCore {
  dispatch(method: unknown, input: unknown): Promise<Result<unknown>>;
  stage(bytes: Uint8Array, name: string): Promise<ContentRef>;
  keyFiles: { put(bytes: Uint8Array, name: string): Promise<KeyFileRef> };
}

export interface IpcHandlers {
  call(event: IpcEventLike, method: unknown, input: unknown): Promise<Result<unknown>>;
  upload(event: IpcEventLike, bytes: unknown, name: unknown): Promise<Result<ContentRef>>;
  uploadKeyFile(event: IpcEventLike, bytes: unknown, name: unknown): Promise<Result<KeyFileRef>>;
}

export function createIpcHandlers(core: IpcCore, isTrusted: (event: IpcEventLike) => boolean): IpcHandlers {
  return {
    async call(event, method, input) {
      if (!isTrusted(event)) return refused();
      if (!isMethodName(method)) return { ok: false, error: { code: 'BAD_INPUT', message: msg('shell.unknownMethod', { method: String(method).slice(0, 100) }) } };
      return core.dispatch(method, input);
    },
    async upload(event, bytes, name) {
      if (!isTrusted(event)) return refused();
      const data = uploadedBytes(bytes);
      if (!data || !isFileName(name)) return invalidUpload();
      return { ok: true, value: await core.stage(data, name) };
    },
    async uploadKeyFile(event, bytes, name) {
      if (!isTrusted(event)) return refused();
      const data = uploadedBytes(bytes);
      if (!data || !isFileName(name)) return invalidUpload();
      try {
        return { ok: true, value: await core.keyFiles.put(data, name) };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
        throw error;
      }
    },
  };
}

/** Structured clone delivers an ArrayBuffer (or a typed array if the page sent one); anything else is refused. */
function uploadedBytes(bytes: unknown): Uint8Array | null {
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  return ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : null;
}

function isFileName(name: unknown): name is string {
  return typeof name === 'string' && name.trim() !== '';
}

function invalidUpload(): { ok: false; error: { code: 'BAD_INPUT'; message: string } } {
  return { ok: false, error: { code: 'BAD_INPUT', message: msg('shell.uploadInvalid') } };
}

/** Pushes the core's events to the window; only contract events travel. */
export function forwardEvents(
  hub: { subscribe(listener: <E extends EventName>(event: E, payload: EventPayload<E>) => void): () => void },
  send: (event: EventName, payload: unknown) => void,
): () => void {
  return hub.subscribe((event, payload) => {
    if (isEventName(event)) send(event, payload);
  });
}

function refused(): { ok: false; error: { code: 'UNAUTHORIZED'; message: string } } {
  return { ok: false, error: { code: 'UNAUTHORIZED', message: msg('shell.senderRefused') } };
}

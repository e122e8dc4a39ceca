/**
 * The IPC side of the contract: one call channel, one upload channel, one event channel (names in shared/bridge).
 * Every message is checked for its sender first; the method name is checked here and the input by the dispatcher.
 */
import type { ContentRef, EventName, EventPayload } from '../../shared/contract';
import { isEventName, isMethodName } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { msg } from '../../shared/messages';
import type { IpcEventLike } from './senderCheck';

export interface IpcCore {
  dispatch(method: unknown, input: unknown): Promise<Result<unknown>>;
  stage(bytes: Uint8Array, name: string): Promise<ContentRef>;
}

export interface IpcHandlers {
  call(event: IpcEventLike, method: unknown, input: unknown): Promise<Result<unknown>>;
  upload(event: IpcEventLike, bytes: unknown, name: unknown): Promise<Result<ContentRef>>;
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
      // Structured clone delivers an ArrayBuffer (or a typed array if the page sent one); anything else is refused.
      const data = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : null;
      if (!data || typeof name !== 'string' || name.trim() === '') {
        return { ok: false, error: { code: 'BAD_INPUT', message: msg('shell.uploadInvalid') } };
      }
      return { ok: true, value: await core.stage(data, name) };
    },
  };
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

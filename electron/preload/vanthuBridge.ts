/**
 * The bridge the page sees as `window.vanthu`: contract names only, and never the raw ipcRenderer or its event objects
 * (an IpcRendererEvent carries `sender`, which would hand the page the whole IPC API).
 */
import { IPC_CHANNELS, type VanthuBridge } from '../../shared/bridge';
import { isEventName, isMethodName, type EventName } from '../../shared/contract';
import { msg } from '../../shared/messages';

/** The part of Electron's ipcRenderer the bridge uses; tests pass a fake. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

type Handler = (payload: never) => void;

export function createVanthuBridge(ipc: IpcRendererLike): VanthuBridge {
  const handlers = new Map<EventName, Set<Handler>>();
  // One listener for all subscriptions, attached while anyone listens.
  const onEvent = (_event: unknown, name: unknown, payload: unknown) => {
    if (!isEventName(name)) return;
    for (const handler of handlers.get(name) ?? []) (handler as (payload: unknown) => void)(payload);
  };
  const listenerCount = () => [...handlers.values()].reduce((sum, set) => sum + set.size, 0);

  return {
    async call(method, input) {
      if (!isMethodName(method)) {
        return { ok: false, error: { code: 'BAD_INPUT', message: msg('shell.unknownMethod', { method: String(method).slice(0, 100) }) } };
      }
      return (await ipc.invoke(IPC_CHANNELS.call, method, input)) as Awaited<ReturnType<VanthuBridge['call']>>;
    },
    subscribe(event, handler) {
      if (!isEventName(event)) throw new TypeError(msg('shell.unknownEvent', { event: String(event).slice(0, 100) }));
      if (typeof handler !== 'function') throw new TypeError(msg('error.badInput'));
      if (listenerCount() === 0) ipc.on(IPC_CHANNELS.event, onEvent);
      const set = handlers.get(event) ?? new Set<Handler>();
      handlers.set(event, set);
      // Wrapped so that subscribing the same function twice gives two independent subscriptions.
      const entry: Handler = (payload) => handler(payload);
      set.add(entry);
      return () => {
        if (!set.delete(entry)) return;
        if (listenerCount() === 0) ipc.removeListener(IPC_CHANNELS.event, onEvent);
      };
    },
    async upload(bytes, name) {
      return (await ipc.invoke(IPC_CHANNELS.upload, bytes, name)) as Awaited<ReturnType<VanthuBridge['upload']>>;
    },
    async uploadKeyFile(bytes, name) {
      return (await ipc.invoke(IPC_CHANNELS.uploadKeyFile, bytes, name)) as Awaited<ReturnType<VanthuBridge['uploadKeyFile']>>;
    },
  };
}

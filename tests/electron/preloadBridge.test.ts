import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/bridge';
import { createVanthuBridge, type IpcRendererLike } from '../../electron/preload/vanthuBridge';

/** An ipcRenderer stand-in: records invokes and lets the test deliver events as the main process would. */
function fakeIpc() {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc: IpcRendererLike & { invoke: ReturnType<typeof vi.fn> } = {
    invoke: vi.fn(async () => ({ ok: true, value: 'from main' })),
    on(channel, listener) {
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
    },
  };
  const deliver = (...args: unknown[]) => {
    for (const listener of listeners.get(IPC_CHANNELS.event) ?? []) listener({ sender: 'the raw ipcRenderer' }, ...args);
  };
  return { ipc, deliver, listenerCount: () => listeners.get(IPC_CHANNELS.event)?.size ?? 0 };
}
const ID = '0b7e2a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

describe('preload bridge', () => {
  it('sends contract methods on the call channel', async () => {
    const { ipc } = fakeIpc();
    const bridge = createVanthuBridge(ipc);
    expect(await bridge.call('incoming.get', { id: ID })).toEqual({ ok: true, value: 'from main' });
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_CHANNELS.call, 'incoming.get', { id: ID });
  });

  it('refuses method names outside the contract without touching IPC', async () => {
    const { ipc } = fakeIpc();
    const bridge = createVanthuBridge(ipc);
    for (const name of ['shell.openExternal', 'toString', '__proto__', 'hasOwnProperty', '']) {
      const result = await bridge.call(name as never, {});
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(/không có chức năng/);
    }
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('sends uploads on the upload channel', async () => {
    const { ipc } = fakeIpc();
    const bytes = new ArrayBuffer(4);
    await createVanthuBridge(ipc).upload(bytes, 'a.pdf');
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_CHANNELS.upload, bytes, 'a.pdf');
  });

  it('sends key files on their own channel, never the content upload one', async () => {
    const { ipc } = fakeIpc();
    const bytes = new ArrayBuffer(4);
    await createVanthuBridge(ipc).uploadKeyFile(bytes, 'chu-ky.p12');
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_CHANNELS.uploadKeyFile, bytes, 'chu-ky.p12');
    expect(ipc.invoke).toHaveBeenCalledTimes(1);
  });

  it('delivers payloads of contract events only, never the IPC event object', () => {
    const { ipc, deliver, listenerCount } = fakeIpc();
    const bridge = createVanthuBridge(ipc);
    const seen: unknown[][] = [];
    const stop = bridge.subscribe('incoming.changed', (...args: unknown[]) => seen.push(args));
    deliver('incoming.changed', { id: ID });
    deliver('not.an.event', { id: ID });
    expect(seen).toEqual([[{ id: ID }]]);
    stop();
    deliver('incoming.changed', { id: ID });
    expect(seen).toHaveLength(1);
    expect(listenerCount()).toBe(0);
  });

  it('refuses subscriptions to events outside the contract', () => {
    const { ipc, listenerCount } = fakeIpc();
    expect(() => createVanthuBridge(ipc).subscribe('ipc.raw' as never, () => {})).toThrow(/không có sự kiện/);
    expect(listenerCount()).toBe(0);
  });

  it('keeps one IPC listener for many subscriptions and removes it with the last one', () => {
    const { ipc, listenerCount } = fakeIpc();
    const bridge = createVanthuBridge(ipc);
    const stops = Array.from({ length: 20 }, () => bridge.subscribe('incoming.changed', () => {}));
    expect(listenerCount()).toBe(1);
    for (const stop of stops) stop();
    expect(listenerCount()).toBe(0);
  });
});

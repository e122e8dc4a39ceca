import { describe, expect, it, vi } from 'vitest';
import type { ContentRef, KeyFileRef } from '../../shared/contract';
import { createIpcHandlers, forwardEvents, type IpcCore } from '../../electron/main/ipcHandlers';
import { isTrustedSender, type FrameLike, type IpcEventLike, type WindowLike } from '../../electron/main/senderCheck';
import { createEventHub } from '../../electron/core/events';
import { createKeyFileStore } from '../../electron/core/key-files/keyFileStore';

/** Frames and windows shaped like Electron's WebFrameMain and BrowserWindow. */
function frame(url: string, ids: { processId?: number; routingId?: number; parent?: FrameLike | null } = {}): FrameLike {
  return { url, parent: ids.parent ?? null, processId: ids.processId ?? 4, routingId: ids.routingId ?? 1 };
}
function ourWindow(url = 'app://vanthu/index.html'): WindowLike & { destroyed: boolean } {
  const win = { destroyed: false, isDestroyed: () => win.destroyed, webContents: { mainFrame: frame(url) } };
  return win;
}
const eventFrom = (win: WindowLike, senderFrame: FrameLike | null, sender: unknown = win.webContents): IpcEventLike => ({ sender, senderFrame });

describe('sender check', () => {
  it('accepts the main frame of our window showing our app:// page', () => {
    const win = ourWindow();
    // A separate object for the same frame, as Electron may hand out.
    expect(isTrustedSender(eventFrom(win, frame('app://vanthu/index.html#/incoming')), win)).toBe(true);
  });

  it('refuses other origins in the main frame', () => {
    for (const url of ['https://example.com/', 'app://content/abc', 'file:///tmp/x.html', 'http://127.0.0.1:5173/', 'app://evil@vanthu/', 'about:blank', '']) {
      const win = ourWindow(url);
      expect(isTrustedSender(eventFrom(win, frame(url)), win), url).toBe(false);
    }
  });

  it('refuses subframes, other frames, other webContents, vanished frames and closed windows', () => {
    const win = ourWindow();
    const top = win.webContents.mainFrame;
    expect(isTrustedSender(eventFrom(win, frame('app://vanthu/index.html', { routingId: 7, parent: top })), win)).toBe(false);
    expect(isTrustedSender(eventFrom(win, frame('app://vanthu/index.html', { parent: top })), win)).toBe(false);
    expect(isTrustedSender(eventFrom(win, frame('app://vanthu/index.html', { routingId: 7 })), win)).toBe(false);
    expect(isTrustedSender(eventFrom(win, frame('app://vanthu/index.html', { processId: 9 })), win)).toBe(false);
    expect(isTrustedSender(eventFrom(win, top, { mainFrame: top }), win)).toBe(false);
    expect(isTrustedSender(eventFrom(win, null), win)).toBe(false);
    expect(isTrustedSender(eventFrom(win, top), null)).toBe(false);
    win.destroyed = true;
    expect(isTrustedSender(eventFrom(win, top), win)).toBe(false);
  });
});

describe('IPC handlers', () => {
  const ref: ContentRef = { hash: 'a'.repeat(64), size: 3, name: 'cv.pdf', mime: 'application/pdf' };
  const keyRef: KeyFileRef = { handle: 'k'.repeat(32), size: 3, name: 'chu-ky.p12' };
  function setup(trusted: boolean) {
    const core: IpcCore = {
      dispatch: vi.fn(async () => ({ ok: true as const, value: 'dispatched' })),
      stage: vi.fn(async () => ref),
      keyFiles: { put: vi.fn(async () => keyRef) },
    };
    return { core, handlers: createIpcHandlers(core, () => trusted) };
  }
  const event: IpcEventLike = { sender: {}, senderFrame: null };

  it('passes contract methods to the dispatcher', async () => {
    const { core, handlers } = setup(true);
    expect(await handlers.call(event, 'incoming.list', { page: 1 })).toEqual({ ok: true, value: 'dispatched' });
    expect(core.dispatch).toHaveBeenCalledWith('incoming.list', { page: 1 });
  });

  it('refuses unknown method names before the dispatcher', async () => {
    const { core, handlers } = setup(true);
    for (const method of ['fs.readFile', '__proto__', 'constructor', 42, null]) {
      const result = await handlers.call(event, method, {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('BAD_INPUT');
    }
    expect(core.dispatch).not.toHaveBeenCalled();
  });

  it('refuses untrusted senders for calls and uploads, in Vietnamese', async () => {
    const { core, handlers } = setup(false);
    const call = await handlers.call(event, 'org.get', {});
    const upload = await handlers.upload(event, new ArrayBuffer(3), 'a.pdf');
    const keyFile = await handlers.uploadKeyFile(event, new ArrayBuffer(3), 'a.p12');
    for (const result of [call, upload, keyFile]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      if (!result.ok) expect(result.error.message).toMatch(/từ chối/);
    }
    expect(core.dispatch).not.toHaveBeenCalled();
    expect(core.stage).not.toHaveBeenCalled();
    expect(core.keyFiles.put).not.toHaveBeenCalled();
  });

  it('stages uploaded bytes and refuses uploads without bytes or a name', async () => {
    const { core, handlers } = setup(true);
    expect(await handlers.upload(event, new Uint8Array([1, 2, 3]).buffer, 'cv.pdf')).toEqual({ ok: true, value: ref });
    expect(Array.from((core.stage as ReturnType<typeof vi.fn>).mock.calls[0]?.[0] as Uint8Array)).toEqual([1, 2, 3]);
    for (const [bytes, name] of [['abc', 'a.pdf'], [new ArrayBuffer(1), ''], [new ArrayBuffer(1), 7], [null, 'a.pdf']] as const) {
      expect(await handlers.upload(event, bytes, name)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect(core.stage).toHaveBeenCalledTimes(1);
  });

  it('hands key files to the memory-only store, never the content store, and passes its refusals on', async () => {
    const { core, handlers } = setup(true);
    expect(await handlers.uploadKeyFile(event, new Uint8Array([4, 5, 6]).buffer, 'chu-ky.p12')).toEqual({ ok: true, value: keyRef });
    expect(Array.from((core.keyFiles.put as ReturnType<typeof vi.fn>).mock.calls[0]?.[0] as Uint8Array)).toEqual([4, 5, 6]);
    expect(core.stage).not.toHaveBeenCalled();
    for (const [bytes, name] of [['abc', 'a.p12'], [new ArrayBuffer(1), ''], [null, 'a.p12']] as const) {
      expect(await handlers.uploadKeyFile(event, bytes, name)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    const store = createKeyFileStore({ maxBytes: 8 });
    const real = createIpcHandlers({ ...core, keyFiles: store }, () => true);
    const refused = await real.uploadKeyFile(event, new ArrayBuffer(9), 'lon.p12');
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('quá lớn') } });
  });

  it('forwards contract events only', () => {
    const hub = createEventHub();
    const sent: unknown[] = [];
    const stop = forwardEvents(hub, (name, payload) => sent.push([name, payload]));
    hub.emit('incoming.changed', { id: '0b7e2a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' });
    (hub.emit as (name: string, payload: unknown) => void)('internal.secret', { pin: '1234' });
    stop();
    hub.emit('incoming.changed', { id: '0b7e2a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' });
    expect(sent).toEqual([['incoming.changed', { id: '0b7e2a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' }]]);
  });
});

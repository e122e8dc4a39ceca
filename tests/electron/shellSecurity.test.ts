import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy';
import { guardNavigation, isNavigationAllowed, type GuardedContents, type PreventableEvent } from '../../electron/main/navigationGuard';
import { denyAllPermissions, type PermissionSession } from '../../electron/main/permissions';
import { mainWindowOptions, secureWebPreferences } from '../../electron/main/windowOptions';

describe('window options', () => {
  it('turn on isolation, sandbox and web security and turn off Node, webviews and the spellchecker', () => {
    const prefs = secureWebPreferences('/app/dist/electron/preload.cjs', false);
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
  });

  it('put the secure preferences into the window and keep it hidden until ready', () => {
    const options = mainWindowOptions({ title: 'Vanthu', preloadPath: '/p.cjs', devTools: true });
    expect(options.show).toBe(false);
    expect(options.webPreferences).toEqual(secureWebPreferences('/p.cjs', true));
  });
});

/** A webContents stand-in that records listeners the way Electron's EventEmitter does. */
function fakeContents() {
  const listeners = new Map<string, ((event: PreventableEvent, url?: string) => void)[]>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const on = (name: string, listener: (event: PreventableEvent, url?: string) => void) => {
    listeners.set(name, [...(listeners.get(name) ?? []), listener]);
  };
  const contents: GuardedContents = {
    on: on as GuardedContents['on'],
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
  };
  const emit = (name: string, url?: string) => {
    const event = { preventDefault: vi.fn() };
    for (const listener of listeners.get(name) ?? []) listener(event, url);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { contents, emit, open: (url: string) => openHandler?.({ url }) };
}

describe('navigation guard', () => {
  it('refuses navigation and redirects to other origins and schemes', () => {
    const { contents, emit } = fakeContents();
    guardNavigation(contents);
    for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'app://content/abc', 'app://evil/', 'javascript:alert(1)', 'not a url']) {
      expect(emit('will-navigate', url), url).toBe(true);
      expect(emit('will-redirect', url), url).toBe(true);
    }
  });

  it('lets the app reload its own page', () => {
    const { contents, emit } = fakeContents();
    guardNavigation(contents);
    expect(emit('will-navigate', 'app://vanthu/index.html')).toBe(false);
    expect(isNavigationAllowed('app://vanthu/')).toBe(true);
  });

  it('denies every new window, even of our own origin, and every <webview>', () => {
    const { contents, emit, open } = fakeContents();
    guardNavigation(contents);
    expect(open('https://example.com/')).toEqual({ action: 'deny' });
    expect(open('app://vanthu/index.html')).toEqual({ action: 'deny' });
    expect(emit('will-attach-webview')).toBe(true);
  });
});

describe('permissions', () => {
  it('answers every request and every check with no', () => {
    let request: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | undefined;
    let check: Parameters<PermissionSession['setPermissionCheckHandler']>[0] | undefined;
    let device: Parameters<PermissionSession['setDevicePermissionHandler']>[0] | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
      setDevicePermissionHandler: (h) => (device = h),
    });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(check?.({}, permission)).toBe(false);
    }
    expect(device?.({ deviceType: 'usb' })).toBe(false);
  });
});

describe('content security policy', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));

  it('allows no eval, no inline script and no remote origin', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval');
    expect(directives.get('script-src')).toEqual(["'self'"]);
    const local = new Set(["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:']);
    for (const [name, sources] of directives) {
      for (const source of sources ?? []) expect(local.has(source), `${name} ${source}`).toBe(true);
    }
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('allows inline styles only for styles', () => {
    for (const [name, sources] of directives) if (sources?.includes("'unsafe-inline'")) expect(name).toBe('style-src');
  });
});

/**
 * The Electron transport: the preload's `window.vanthu` bridge carries the envelopes. Stored bytes are served by the
 * app:// protocol under the page's own origin (app://vanthu/content/<hash>), so content URLs are origin-relative, as in
 * the browser host, and the CSP's 'self' covers them.
 */
import type { VanthuBridge } from '../../shared/bridge';
import { AppError, type Result } from '../../shared/errors';
import { contentQuery, type Transport } from './client';

declare global {
  interface Window {
    vanthu?: VanthuBridge;
  }
}

export function createIpcTransport(bridge: VanthuBridge): Transport {
  return {
    call: (method, input) => bridge.call(method, input),
    subscribe: (event, handler) => bridge.subscribe(event, handler),
    upload: async (file, name) => unwrap(await bridge.upload(await file.arrayBuffer(), name)),
    uploadKeyFile: async (file, name) => unwrap(await bridge.uploadKeyFile(await file.arrayBuffer(), name)),
    contentUrl: (hash, name, options) => `/content/${hash}${contentQuery(name, options)}`,
  };
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.fields);
  return result.value;
}

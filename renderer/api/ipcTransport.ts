/** The Electron transport: the preload's `window.vanthu` bridge carries the envelopes; stored bytes come from app://. */
import type { VanthuBridge } from '../../shared/bridge';
import { AppError } from '../../shared/errors';
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
    async upload(file, name) {
      const result = await bridge.upload(await file.arrayBuffer(), name);
      if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.fields);
      return result.value;
    },
    contentUrl: (hash, name, options) => `app://content/${hash}${contentQuery(name, options)}`,
  };
}

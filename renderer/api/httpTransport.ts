/**
 * The browser host's transport: `POST /rpc/<method>`, `PUT /content`, `PUT /key-file`, `GET /events` (SSE) on the page's own origin.
 * The session cookie set by the printed address travels by itself; the `X-Vanthu` header marks our own writes.
 */
import type { ContentRef, EventName, EventPayload, KeyFileRef, MethodName } from '../../shared/contract';
import { AppError, type ErrorInfo, type Result } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { contentQuery, type Transport } from './client';

const OWN_REQUEST = { 'X-Vanthu': '1' };

export function createHttpTransport(): Transport {
  let events: EventSource | null = null;

  async function envelope<T>(response: Promise<Response>): Promise<Result<T>> {
    let res: Response;
    try {
      res = await response;
    } catch {
      return failure({ code: 'INTERNAL', message: msg('ui.error.offline') });
    }
    if (res.status === 401) return failure({ code: 'UNAUTHORIZED', message: msg('error.unauthorized') });
    if (!(res.headers.get('Content-Type') ?? '').includes('application/json')) {
      return failure({ code: 'INTERNAL', message: msg('error.internal') });
    }
    return (await res.json()) as Result<T>;
  }

  async function put<T>(route: string, file: Blob, name: string): Promise<T> {
    const result = await envelope<T>(fetch(`${route}?name=${encodeURIComponent(name)}`, { method: 'PUT', headers: OWN_REQUEST, body: file, credentials: 'same-origin' }));
    if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.fields);
    return result.value;
  }

  return {
    call: (method: MethodName, input: unknown) =>
      envelope(
        fetch(`/rpc/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { ...OWN_REQUEST, 'Content-Type': 'application/json' },
          body: JSON.stringify(input),
          credentials: 'same-origin',
        }),
      ),

    subscribe<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void) {
      // One stream for the whole page; EventSource reconnects by itself after the host restarts.
      events ??= new EventSource('/events', { withCredentials: true });
      const listener = (e: MessageEvent<string>) => handler(JSON.parse(e.data) as EventPayload<E>);
      events.addEventListener(event, listener);
      return () => events?.removeEventListener(event, listener);
    },

    upload: (file: Blob, name: string) => put<ContentRef>('/content', file, name),
    uploadKeyFile: (file: Blob, name: string) => put<KeyFileRef>('/key-file', file, name),

    contentUrl: (hash, name, options) => `/content/${hash}${contentQuery(name, options)}`,
  };
}

function failure(error: ErrorInfo): Result<never> {
  return { ok: false, error };
}

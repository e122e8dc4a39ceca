/**
 * The UI's side of the contract. A transport moves envelopes (Electron IPC or HTTP); `createApi` turns it into
 * `api.incoming.register(input)` so the UI never knows which one it has.
 */
import { type Api, type EventName, type EventPayload, type MethodName, type Output, type ContentRef, type KeyFileRef } from '../../shared/contract';
import { AppError, type Result } from '../../shared/errors';

export interface ContentUrlOptions {
  /** Ask for the bytes as a download (Content-Disposition: attachment) instead of showing them. */
  download?: boolean;
}

export interface Transport {
  call(method: MethodName, input: unknown): Promise<Result<unknown>>;
  subscribe<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
  /** Sends a file's bytes to the content store outside the RPC envelopes; returns the reference to pass to methods. */
  upload(file: Blob, name: string): Promise<ContentRef>;
  /** Sends a .p12/.pfx to the core's memory only (never the content store); the handle names it in signing calls. */
  uploadKeyFile(file: Blob, name: string): Promise<KeyFileRef>;
  /** Where the UI may fetch stored bytes (a PDF to view, an exported register book). */
  contentUrl(hash: string, name?: string, options?: ContentUrlOptions): string;
}

/** Wraps a transport so failures arrive as thrown AppErrors carrying the Vietnamese message and field problems. */
export function createApi(transport: Transport): Api {
  const call = async (method: MethodName, input: unknown) => {
    const result = await transport.call(method, input ?? {});
    if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.fields);
    return result.value as Output<typeof method>;
  };
  return new Proxy({} as Api, {
    get: (_, domain: string) =>
      new Proxy({}, { get: (__, verb: string) => (input: unknown) => call(`${domain}.${verb}` as MethodName, input) }),
  });
}

/** The query string both content URL shapes share: the file name (for the saved file) and the download flag. */
export function contentQuery(name: string | undefined, options: ContentUrlOptions = {}): string {
  const params = new URLSearchParams();
  if (name) params.set('name', name);
  if (options.download) params.set('download', '1');
  const query = params.toString();
  return query ? `?${query}` : '';
}

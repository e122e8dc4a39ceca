/**
 * Binary HTTP for the services a signature leans on (timestamp authority, OCSP responder, CRL distribution point):
 * one POST/GET with a deadline, failures sorted into what the caller turns into its own Vietnamese message.
 */

export type HttpFailureKind = 'timeout' | 'unreachable' | 'status';

export class HttpFailure extends Error {
  constructor(
    readonly kind: HttpFailureKind,
    readonly status = 0,
  ) {
    super(`HTTP ${kind}${status ? ` ${status}` : ''}`);
    this.name = 'HttpFailure';
  }
}

export interface FetchBytesOptions {
  timeoutMs: number;
  /** POST this body when given; GET otherwise. */
  body?: Uint8Array;
  contentType?: string;
  accept?: string;
}

export async function fetchBytes(url: string, options: FetchBytesOptions): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.body ? 'POST' : 'GET',
      headers: {
        ...(options.contentType ? { 'Content-Type': options.contentType } : {}),
        ...(options.accept ? { Accept: options.accept } : {}),
      },
      // A copy typed over a plain ArrayBuffer, as fetch's BodyInit demands.
      ...(options.body ? { body: new Uint8Array(options.body) } : {}),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (!response.ok) throw new HttpFailure('status', response.status);
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (error instanceof HttpFailure) throw error;
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) throw new HttpFailure('timeout');
    throw new HttpFailure('unreachable');
  }
}

/** "0,4" / "30": seconds as Vietnamese messages write them. */
export function secondsText(ms: number): string {
  return String(Number((ms / 1000).toFixed(1))).replace('.', ',');
}

/** Answers in one shape: JSON bodies, and errors as `{ error: { code, message } }` with a Vietnamese message. */
import type { ServerResponse } from 'node:http';
import { msg } from '../../shared/messages';

/** A refusal a route throws: the router sends it as it is; anything else thrown becomes a 500 with no detail. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function unauthorized(): HttpError {
  return new HttpError(401, 'UNAUTHORIZED', msg('server.unauthorized'));
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendJsonText(res, status, JSON.stringify(body));
}

/** A body already written as JSON text. */
export function sendJsonText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  if (error.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  sendJson(res, error.status, { error: { code: error.code, message: error.message } });
}

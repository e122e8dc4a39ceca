/** Request bodies: read up to a limit (a client cannot make the server buffer without end), parsed, then validated. */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { msg } from '../../shared/messages';
import { HttpError } from './respond';

export const JSON_LIMIT_BYTES = 8 * 1024 * 1024;

export async function readJson<S extends z.ZodType>(req: IncomingMessage, schema: S, limit = JSON_LIMIT_BYTES): Promise<z.infer<S>> {
  const text = await readBody(req, limit);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'BAD_INPUT', msg('server.badJson'));
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(body)'))].join(', ');
    throw new HttpError(400, 'BAD_INPUT', msg('server.badInput', { fields }));
  }
  return parsed.data;
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'TOO_LARGE', msg('server.tooLarge', { max: limit / (1024 * 1024) }));
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

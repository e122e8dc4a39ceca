/**
 * The server's routes. A route is authenticated unless added with `addPublic`: the router checks the bearer token
 * before it even looks for the route, so a caller without a valid token learns nothing, not even which paths exist.
 * A path ending in "/" matches every path under it (`/v1/blobs/` serves `/v1/blobs/<hash>`); the exact paths win.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { msg } from '../../shared/messages';
import type { Pool } from '../db/pool';
import type { Authenticate, AuthUser } from './auth';
import { HttpError, sendError, unauthorized } from './respond';

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export interface PublicContext {
  pool: Pool;
}
export interface RouteContext extends PublicContext {
  user: AuthUser;
}
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, ctx: RouteContext) => Promise<void>;
export type PublicHandler = (req: IncomingMessage, res: ServerResponse, ctx: PublicContext) => Promise<void>;

export interface Router {
  /** A route only a logged-in user reaches; `ctx.user` is that user. */
  add(method: Method, path: string, handler: RouteHandler): void;
  /** A route anyone reaches (logging in). */
  addPublic(method: Method, path: string, handler: PublicHandler): void;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

type Route = { method: Method; path: string } & ({ auth: true; handler: RouteHandler } | { auth: false; handler: PublicHandler });

export function createRouter(pool: Pool, authenticate: Authenticate): Router {
  const routes: Route[] = [];

  function find(method: string, pathname: string): Route | undefined {
    const matching = routes.filter((r) => r.method === method && (r.path === pathname || (r.path.endsWith('/') && pathname.startsWith(r.path))));
    return matching.find((r) => r.path === pathname) ?? matching.sort((a, b) => b.path.length - a.path.length)[0];
  }

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = new URL(req.url ?? '/', 'http://server').pathname;
    const route = find(req.method ?? '', pathname);
    if (route?.auth === false) return route.handler(req, res, { pool });
    const user = await authenticate(req);
    if (!user) throw unauthorized();
    if (!route) throw new HttpError(404, 'NOT_FOUND', msg('server.notFound'));
    return route.handler(req, res, { pool, user });
  }

  return {
    add: (method, path, handler) => void routes.push({ method, path, auth: true, handler }),
    addPublic: (method, path, handler) => void routes.push({ method, path, auth: false, handler }),
    async handle(req, res) {
      try {
        await dispatch(req, res);
      } catch (error) {
        // The client went away in the middle of its request (a dropped link): no one to answer, nothing broken here.
        if (req.destroyed && (error as NodeJS.ErrnoException).code === 'ECONNRESET') {
          res.destroy();
          return;
        }
        if (res.headersSent) {
          res.destroy();
          return;
        }
        if (error instanceof HttpError) {
          // A refused body may still be arriving: drop it and the connection rather than read it.
          if (!req.readableEnded) res.setHeader('Connection', 'close');
          sendError(res, error);
          return;
        }
        console.error(error);
        sendError(res, new HttpError(500, 'INTERNAL', msg('server.internal')));
      }
    },
  };
}

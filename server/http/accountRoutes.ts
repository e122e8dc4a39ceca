/** Logging in, refreshing a session, and the organisation a logged-in user belongs to. */
import { LoginRequest, RefreshRequest, SYNC_PATHS, type SyncEntity } from '../../shared/contract/syncWire';
import { msg } from '../../shared/messages';
import { login, refresh } from '../accounts/sessions';
import { orgSnapshot } from '../db/accountsRepo';
import { readJson } from './readJson';
import { HttpError, sendJson, unauthorized } from './respond';
import type { Router } from './router';

/** `kinds`: the kinds of records this server syncs, named with the profile each PC reads at every round. */
export function registerAccountRoutes(router: Router, accessKey: Buffer, kinds: readonly SyncEntity[]): void {
  router.addPublic('POST', SYNC_PATHS.login, async (req, res, { pool }) => {
    const { username, password } = await readJson(req, LoginRequest);
    const result = await login(pool, accessKey, username, password);
    if (result.ok) return sendJson(res, 200, result.session);
    if (result.reason === 'disabled') throw new HttpError(403, 'ACCOUNT_DISABLED', msg('server.accountDisabled'));
    throw new HttpError(401, 'BAD_CREDENTIALS', msg('server.badCredentials'));
  });

  router.addPublic('POST', SYNC_PATHS.refresh, async (req, res, { pool }) => {
    const { refreshToken } = await readJson(req, RefreshRequest);
    const session = await refresh(pool, accessKey, refreshToken);
    if (!session) throw unauthorized();
    sendJson(res, 200, session);
  });

  router.add('GET', SYNC_PATHS.org, async (_req, res, { pool, user }) => {
    const snapshot = await orgSnapshot(pool, user.orgId);
    if (!snapshot) throw unauthorized();
    sendJson(res, 200, { ...snapshot, kinds });
  });
}

/**
 * The admin routes: an organisation's administrator lists, adds, disables and enables accounts, resets passwords,
 * changes a user's role, unit and administrator right, and adds units, with the same bearer tokens as sync. A user who is not an administrator gets 403, and every route works
 * on the caller's own organisation only.
 */
import { ADMIN_PATHS, NewUnitInput, NewUserInput, PasswordResetInput, UserPlaceInput, UserStateInput } from '../../shared/contract/adminWire';
import { msg } from '../../shared/messages';
import { addUnit, changeUserPlace, listAccounts, resetPassword, setAccountDisabled } from '../accounts/administration';
import { addUserToOrg, SetupRefused } from '../accounts/setup';
import { readJson } from '../http/readJson';
import { HttpError, sendJson, unauthorized } from '../http/respond';
import type { RouteHandler, Router } from '../http/router';

/** `notify` pokes the organisation's PCs: a user's new role or unit reaches their PCs with the profile of their next round. */
export function registerAdminRoutes(router: Router, notify: (orgId: string) => Promise<void>): void {
  const add = (method: 'GET' | 'POST', path: string, handler: RouteHandler) =>
    router.add(method, path, async (req, res, ctx) => {
      if (!ctx.user.isAdmin) throw new HttpError(403, 'FORBIDDEN', msg('admin.notAdmin'));
      try {
        await handler(req, res, ctx);
      } catch (error) {
        // The same refusals as `vanthu-server user add`, already in Vietnamese.
        if (error instanceof SetupRefused) throw new HttpError(400, 'REFUSED', error.message);
        throw error;
      }
    });
  const found = (userFound: boolean, id: string) => {
    if (!userFound) throw new HttpError(404, 'NOT_FOUND', msg('admin.userUnknown'));
    return { id };
  };

  add('GET', ADMIN_PATHS.accounts, async (_req, res, { pool, user }) => {
    const accounts = await listAccounts(pool, user.orgId);
    if (!accounts) throw unauthorized();
    sendJson(res, 200, accounts);
  });

  add('POST', ADMIN_PATHS.addUser, async (req, res, { pool, user }) => {
    const added = await addUserToOrg(pool, user.orgId, await readJson(req, NewUserInput));
    sendJson(res, 201, added);
  });

  add('POST', ADMIN_PATHS.userState, async (req, res, { pool, user }) => {
    const { userId, disabled } = await readJson(req, UserStateInput);
    // An administrator who locks themselves out may be the only one the organisation has.
    if (disabled && userId === user.id) throw new HttpError(400, 'REFUSED', msg('admin.cannotDisableSelf'));
    sendJson(res, 200, found(await setAccountDisabled(pool, user.orgId, userId, disabled), userId));
  });

  add('POST', ADMIN_PATHS.resetPassword, async (req, res, { pool, user }) => {
    const { userId, password } = await readJson(req, PasswordResetInput);
    sendJson(res, 200, found(await resetPassword(pool, user.orgId, userId, password), userId));
  });

  add('POST', ADMIN_PATHS.userPlace, async (req, res, { pool, user }) => {
    const change = await readJson(req, UserPlaceInput);
    const changed = found(await changeUserPlace(pool, user.orgId, change), change.userId);
    await notify(user.orgId);
    sendJson(res, 200, changed);
  });

  add('POST', ADMIN_PATHS.addUnit, async (req, res, { pool, user }) => {
    const unit = await readJson(req, NewUnitInput);
    sendJson(res, 201, { id: await addUnit(pool, user.orgId, unit) });
  });
}

/**
 * The admin page at GET /admin: one HTML page and one plain script, both public (they hold no data; every call the
 * script makes carries the administrator's access token, which it keeps in memory only). The page's words come from
 * the message catalogue: the HTML is rendered from it once at start, and the script reads the words it needs, and the
 * API paths, from a JSON block in the page rather than repeating them.
 */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { ADMIN_PATHS } from '../../shared/contract/adminWire';
import { SYNC_PATHS } from '../../shared/contract/syncWire';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy';
import { STATIC_TYPES } from '../../shared/httpHeaders';
import { msg, type MessageKey } from '../../shared/messages';
import { MIN_PASSWORD_LENGTH, ROLES } from '../accounts/setup';
import type { Router } from '../http/router';

export const ADMIN_PAGE_PATH = '/admin';
const SCRIPT_PATH = '/admin/admin.js';

/** The words the script shows, keyed as in the catalogue. */
const SCRIPT_TEXTS: MessageKey[] = [
  ...ROLES.map((role) => `ui.role.${role}` as const),
  'admin.state.active',
  'admin.state.disabled',
  'admin.adminBadge',
  'admin.noUnit',
  'admin.disable',
  'admin.enable',
  'admin.done.userAdded',
  'admin.done.disabled',
  'admin.done.enabled',
  'admin.done.password',
  'admin.done.unitAdded',
  'admin.done.place',
  'admin.offline',
];

export function registerAdminPage(router: Router): void {
  const page = Buffer.from(renderPage());
  const script = readFileSync(new URL('./admin.js', import.meta.url));
  router.addPublic('GET', ADMIN_PAGE_PATH, async (_req, res) => send(res, STATIC_TYPES['.html']!, page));
  router.addPublic('GET', SCRIPT_PATH, async (_req, res) => send(res, STATIC_TYPES['.js']!, script));
}

function send(res: ServerResponse, type: string, body: Buffer): void {
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': body.length,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A catalogue text, escaped for HTML. */
function t(key: MessageKey, params?: Record<string, string | number>): string {
  return escapeHtml(msg(key, params));
}

function field(label: MessageKey, input: string): string {
  return `<label><span>${t(label)}</span>${input}</label>`;
}

function renderPage(): string {
  const config = {
    paths: { login: SYNC_PATHS.login, ...ADMIN_PATHS },
    texts: Object.fromEntries(SCRIPT_TEXTS.map((key) => [key, msg(key)])),
  };
  // Inside a <script> data block only "<" could end the block early.
  const configJson = JSON.stringify(config).replace(/</g, '\\u003c');
  const roleOptions = ROLES.map((role) => `<option value="${role}">${t(`ui.role.${role}`)}</option>`).join('');
  const passwordHint = `<small>${t('admin.passwordHint', { min: MIN_PASSWORD_LENGTH })}</small>`;
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('admin.pageTitle')}</title>
<style>${STYLE}</style>
<script type="application/json" id="admin-config">${configJson}</script>
<script src="${SCRIPT_PATH}" defer></script>
</head>
<body>
<header>
  <h1>${t('admin.heading')}</h1>
  <span id="org-name"></span>
  <button type="button" id="logout" class="quiet" hidden>${t('admin.logout')}</button>
</header>
<noscript><p class="notice error">${t('admin.noScript')}</p></noscript>
<main>
<section id="login-view" class="card narrow">
  <h2>${t('admin.login.heading')}</h2>
  <p class="hint">${t('admin.login.hint')}</p>
  <form id="login-form">
    ${field('admin.field.username', '<input name="username" autocomplete="username" required>')}
    ${field('admin.field.password', '<input name="password" type="password" autocomplete="current-password" required>')}
    <button type="submit">${t('admin.login.submit')}</button>
    <p class="notice" role="alert" hidden></p>
  </form>
</section>
<section id="admin-view" hidden>
  <p id="admin-message" class="notice" role="status" hidden></p>
  <div class="card">
    <h2>${t('admin.users.heading')}</h2>
    <table>
      <thead><tr><th>${t('admin.field.username')}</th><th>${t('admin.field.fullName')}</th><th>${t('admin.field.role')}</th><th>${t('admin.field.unit')}</th><th>${t('admin.column.state')}</th><th>${t('admin.column.actions')}</th></tr></thead>
      <tbody id="user-rows"></tbody>
    </table>
  </div>
  <div class="forms">
    <form id="add-user-form" class="card" aria-label="${t('admin.addUser.heading')}">
      <h2>${t('admin.addUser.heading')}</h2>
      <div class="pairs">
        ${field('admin.field.username', '<input name="username" autocomplete="off" required>')}
        ${field('admin.field.fullName', '<input name="fullName" autocomplete="off" required>')}
        ${field('admin.field.position', '<input name="position" autocomplete="off">')}
        ${field('admin.field.role', `<select name="role" required>${roleOptions}</select>`)}
        ${field('admin.field.unit', '<select name="unitAbbrev" class="unit-choice" required></select>')}
        ${field('admin.field.password', `<input name="password" type="password" autocomplete="new-password" required>${passwordHint}`)}
      </div>
      <button type="submit">${t('admin.addUser.heading')}</button>
    </form>
    <form id="reset-password-form" class="card" aria-label="${t('admin.password.heading')}">
      <h2>${t('admin.password.heading')}</h2>
      ${field('admin.field.user', '<select name="userId" class="user-choice" required></select>')}
      ${field('admin.field.newPassword', `<input name="password" type="password" autocomplete="new-password" required>${passwordHint}`)}
      <button type="submit">${t('admin.password.heading')}</button>
    </form>
    <form id="user-place-form" class="card" aria-label="${t('admin.place.heading')}">
      <h2>${t('admin.place.heading')}</h2>
      ${field('admin.field.user', '<select name="userId" class="user-choice" required></select>')}
      ${field('admin.field.role', `<select name="role" required>${roleOptions}</select>`)}
      ${field('admin.field.unit', '<select name="unitAbbrev" class="unit-choice" required></select>')}
      <label class="check"><input type="checkbox" name="isAdmin"><span>${t('admin.place.isAdmin')}</span></label>
      <p class="hint"><small>${t('admin.place.hint')}</small></p>
      <button type="submit">${t('admin.place.heading')}</button>
    </form>
    <div class="card">
      <h2>${t('admin.units.heading')}</h2>
      <ul id="unit-list" class="units"></ul>
      <form id="add-unit-form" aria-label="${t('admin.addUnit.heading')}">
        <h3>${t('admin.addUnit.heading')}</h3>
        ${field('admin.field.unitName', '<input name="name" autocomplete="off" required>')}
        ${field('admin.field.unitAbbrev', '<input name="abbrev" autocomplete="off" required maxlength="20">')}
        <button type="submit">${t('admin.addUnit.heading')}</button>
      </form>
    </div>
  </div>
</section>
</main>
</body>
</html>
`;
}

const STYLE = `
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1f2933; background: #f3f5f8; }
header { display: flex; align-items: center; gap: 16px; padding: 12px 24px; background: #12467a; color: #fff; }
header h1 { margin: 0; font-size: 18px; font-weight: 600; }
#org-name { flex: 1; opacity: .85; }
main { padding: 20px 24px; max-width: 1320px; margin: 0 auto; }
h2 { font-size: 16px; margin: 0 0 12px; }
h3 { font-size: 14px; margin: 18px 0 10px; }
.card { background: #fff; border: 1px solid #dde3ea; border-radius: 8px; padding: 16px 20px; }
.narrow { max-width: 380px; margin: 40px auto; }
.forms { display: grid; grid-template-columns: 2fr 1fr 1fr 1fr; gap: 20px; margin-top: 20px; align-items: start; }
.pairs { display: grid; grid-template-columns: 1fr 1fr; column-gap: 16px; }
label { display: grid; align-content: start; gap: 4px; margin-bottom: 12px; font-size: 13px; color: #52606d; }
input, select { font: inherit; padding: 7px 9px; border: 1px solid #c4cdd5; border-radius: 6px; background: #fff; color: #1f2933; min-width: 0; }
input:focus, select:focus, button:focus-visible { outline: 2px solid #3b82c4; outline-offset: 1px; }
small { color: #7b8794; }
label.check { display: flex; align-items: center; gap: 8px; color: #1f2933; }
button { font: inherit; padding: 7px 14px; border: 0; border-radius: 6px; background: #12467a; color: #fff; cursor: pointer; white-space: nowrap; }
button:hover { background: #0d355d; }
button:disabled { opacity: .6; cursor: default; }
button.quiet { background: transparent; border: 1px solid rgba(255,255,255,.6); }
button.row-action { padding: 3px 12px; font-size: 13px; background: #fff; color: #12467a; border: 1px solid #12467a; }
button.row-action.danger { color: #b42318; border-color: #b42318; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 8px 12px; border-bottom: 1px solid #e4e7eb; vertical-align: middle; }
tbody tr:last-child td { border-bottom: 0; }
th { font-size: 12px; color: #7b8794; font-weight: 600; white-space: nowrap; }
td small { display: block; }
tr.disabled td { color: #9aa5b1; }
.badge { display: inline-block; padding: 1px 10px; border-radius: 10px; font-size: 12px; white-space: nowrap; background: #e3f8e8; color: #18794e; }
tr.disabled .badge { background: #fde8e8; color: #b42318; }
.tag { margin-left: 6px; padding: 0 6px; border-radius: 4px; font-size: 11px; background: #e8eefc; color: #12467a; }
.units { margin: 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 8px; }
.units li { padding: 3px 10px; border: 1px solid #dde3ea; border-radius: 14px; background: #f8fafc; font-size: 13px; }
.notice { margin: 0 0 16px; padding: 10px 14px; border-radius: 6px; background: #e3f8e8; color: #18794e; }
.notice.error { background: #fde8e8; color: #b42318; }
#admin-message { position: sticky; top: 8px; z-index: 1; box-shadow: 0 2px 8px rgba(31, 41, 51, .12); }
form .notice { margin: 12px 0 0; }
.hint { color: #52606d; margin-top: 0; }
@media (max-width: 1000px) { .forms, .pairs { grid-template-columns: 1fr; } }
`;

/**
 * The organisation's administrator at the real document server's admin page (embedded PostgreSQL, set up with
 * `vanthu-server init` and `user add`): a specialist is refused, the administrator logs in, adds a unit and a user,
 * makes the specialist a leader of the new unit (and cannot give up the only administrator's right), locks a user out
 * and resets a password, and each change holds at the server's login. Screenshots:
 * tests/.artifacts/screenshots/admin-*.
 */
import { SYNC_PATHS } from '../../shared/contract/syncWire';
import { COMMUNE_SERVER, startDocumentServer, SERVER_PASSWORD } from './documentServer';
import { shot } from './pageHelpers';
import { NEW_USER_PASSWORD, RESET_PASSWORD, WRONG_PASSWORD } from './secrets';
import { expect, test } from './webHostFixture';

const { org: ORG } = COMMUNE_SERVER;

test.setTimeout(180_000);

test('the administrator manages the organisation’s accounts at /admin', async ({ page }) => {
  const server = await startDocumentServer(ORG, COMMUNE_SERVER.users);
  try {
    const logInStatus = async (username: string, password: string) =>
      (await page.request.post(server.url + SYNC_PATHS.login, { data: { username, password } })).status();
    await page.goto(`${server.url}/admin`);
    await expect(page).toHaveTitle('Quản trị tài khoản — Vanthu');
    const login = page.locator('#login-form');

    // A specialist's right password still opens nothing here.
    await login.getByLabel('Tên đăng nhập').fill('lan');
    await login.getByLabel('Mật khẩu').fill(SERVER_PASSWORD);
    await login.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(login.getByRole('alert')).toHaveText('Chỉ tài khoản quản trị của cơ quan mới dùng được chức năng này.');

    await login.getByLabel('Mật khẩu').fill(WRONG_PASSWORD);
    await login.getByLabel('Tên đăng nhập').fill('hang');
    await login.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(login.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
    await login.getByLabel('Mật khẩu').fill(SERVER_PASSWORD);
    await shot(page, 'admin-login');
    await login.getByLabel('Mật khẩu').press('Enter');
    const users = page.locator('#user-rows');
    await expect(users.getByRole('row')).toHaveCount(3);
    await expect(page.locator('#org-name')).toHaveText(`${ORG.name} (${ORG.organId})`);
    await expect(users.getByRole('row', { name: /hung/ })).toContainText('Lãnh đạo');
    await expect(users.getByRole('row', { name: /hang/ })).toContainText('quản trị');
    await expect(users.getByRole('row', { name: /hang/ }).getByRole('button')).toHaveCount(0);

    const message = page.locator('#admin-message');
    const addUnit = page.getByRole('form', { name: 'Thêm đơn vị' });
    await addUnit.getByLabel('Tên đơn vị').fill('Phòng Tài chính - Kế hoạch');
    await addUnit.getByLabel('Viết tắt').fill('TCKH');
    await addUnit.getByRole('button').click();
    await expect(message).toHaveText('Đã thêm đơn vị Phòng Tài chính - Kế hoạch (TCKH).');

    // A refusal first: the password is too short, the form keeps what was typed.
    const addUser = page.getByRole('form', { name: 'Thêm người dùng' });
    await addUser.getByLabel('Tên đăng nhập').fill('thu');
    await addUser.getByLabel('Họ và tên').fill('Lê Thị Thu');
    await addUser.getByLabel('Chức vụ').fill('Kế toán');
    await addUser.getByLabel('Vai trò').selectOption({ label: 'Chuyên viên' });
    await addUser.getByLabel('Đơn vị').selectOption({ label: 'Phòng Tài chính - Kế hoạch (TCKH)' });
    await addUser.getByLabel('Mật khẩu').fill('ngan');
    await addUser.getByRole('button').click();
    await expect(message).toHaveText('Mật khẩu cần ít nhất 8 ký tự.');
    await expect(message).toHaveClass(/error/);
    await addUser.getByLabel('Mật khẩu').fill(NEW_USER_PASSWORD);
    await addUser.getByRole('button').click();
    await expect(message).toHaveText('Đã thêm tài khoản thu.');
    await expect(users.getByRole('row', { name: /thu/ })).toContainText('Phòng Tài chính - Kế hoạch');
    expect(await logInStatus('thu', NEW_USER_PASSWORD)).toBe(200);

    // The form starts from the chosen user's present place; the specialist becomes a leader of the new unit.
    const lanRow = users.getByRole('row', { name: /lan/ });
    const place = page.getByRole('form', { name: 'Đổi vai trò, đơn vị' });
    await place.getByLabel('Người dùng').selectOption({ label: 'Nguyễn Thị Lan (lan)' });
    await expect(place.getByLabel('Vai trò')).toHaveValue('chuyen_vien');
    await expect(place.getByLabel('Đơn vị')).toHaveValue('VP');
    await expect(place.getByLabel('Quyền quản trị tài khoản')).not.toBeChecked();
    await place.getByLabel('Vai trò').selectOption({ label: 'Lãnh đạo' });
    await place.getByLabel('Đơn vị').selectOption({ label: 'Phòng Tài chính - Kế hoạch (TCKH)' });
    await place.getByRole('button').click();
    await expect(message).toHaveText('Đã đổi vai trò, đơn vị của lan: Lãnh đạo, Phòng Tài chính - Kế hoạch.');
    await expect(lanRow).toContainText('Lãnh đạo');
    await expect(lanRow).toContainText('Phòng Tài chính - Kế hoạch');
    const lanSession = await page.request.post(server.url + SYNC_PATHS.login, { data: { username: 'lan', password: SERVER_PASSWORD } });
    expect((await lanSession.json()).user.role).toBe('lanh_dao');

    // The only administrator cannot give the right up; the refusal leaves the form as it was.
    await place.getByLabel('Người dùng').selectOption({ label: `${ORG.adminName} (hang)` });
    await expect(place.getByLabel('Quyền quản trị tài khoản')).toBeChecked();
    await place.getByLabel('Quyền quản trị tài khoản').uncheck();
    await place.getByRole('button').click();
    await expect(message).toHaveText('Cơ quan phải còn ít nhất một tài khoản quản trị đang hoạt động: hãy cấp quyền quản trị cho người khác trước.');
    await expect(message).toHaveClass(/error/);
    await expect(users.getByRole('row', { name: /hang/ })).toContainText('quản trị');
    await shot(page, 'admin-place', { fullPage: true });

    await lanRow.getByRole('button', { name: 'Khóa' }).click();
    await expect(message).toHaveText('Đã khóa tài khoản lan: người này không đăng nhập được nữa.');
    await expect(lanRow).toContainText('Đã khóa');
    await expect(lanRow.getByRole('button', { name: 'Mở khóa' })).toBeVisible();
    expect(await logInStatus('lan', SERVER_PASSWORD)).toBe(403);

    const reset = page.getByRole('form', { name: 'Đặt lại mật khẩu' });
    await reset.getByLabel('Người dùng').selectOption({ label: 'Trần Văn Hùng (hung)' });
    await reset.getByLabel('Mật khẩu mới').fill(RESET_PASSWORD);
    await reset.getByRole('button').click();
    await expect(message).toHaveText('Đã đặt lại mật khẩu cho hung.');
    expect(await logInStatus('hung', SERVER_PASSWORD)).toBe(401);
    expect(await logInStatus('hung', RESET_PASSWORD)).toBe(200);
    await shot(page, 'admin-accounts', { fullPage: true });

    // Nothing of the session outlives the page: a reload is back at the login form.
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie])).toEqual([0, 0, '']);
    await page.reload();
    await expect(login).toBeVisible();
    await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeHidden();
  } finally {
    await server.close();
  }
});

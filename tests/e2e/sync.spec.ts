/**
 * Two PCs of one commune office against the real document server (embedded PostgreSQL): the clerk logs in through the
 * UI and takes the organisation from the server, registers and presents a document; the leader's PC receives it by
 * itself and forwards it; the clerk's link drops (a proxy between its host and the server), three more documents
 * wait, the header says so, and when the link returns both PCs converge. Screenshots: tests/.artifacts/screenshots/sync-*.
 */
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import type { IncomingDetail, OrgProfile } from '../../shared/contract/types';
import { COMMUNE_SERVER, startDocumentServer, SERVER_PASSWORD } from './documentServer';
import { registerByContract, rpc, shot } from './pageHelpers';
import { expect, launchWebHost, test } from './webHostFixture';

const { org: ORG } = COMMUNE_SERVER;

test.setTimeout(240_000);

test('two PCs of an office converge through the server, online and after the link drops', async ({ browser }) => {
  const server = await startDocumentServer(ORG, COMMUNE_SERVER.users);
  let link: FaultProxy | undefined;
  const hosts: Awaited<ReturnType<typeof launchWebHost>>[] = [];
  try {
    link = await startFaultProxy({ targetPort: Number(new URL(server.url).port), seed: 7 });
    const [clerkHost, leaderHost] = await Promise.all([launchWebHost(['--sync-every', '5']), launchWebHost(['--sync-every', '5'])]);
    hosts.push(clerkHost!, leaderHost!);
    const clerk = await (await browser.newContext()).newPage();
    const leader = await (await browser.newContext()).newPage();

    // The clerk's PC starts empty and takes the organisation from the server at login.
    await clerk.goto(clerkHost!.url);
    await clerk.getByRole('button', { name: 'Đăng nhập máy chủ' }).click();
    const login = clerk.getByRole('dialog', { name: 'Đăng nhập máy chủ văn bản' });
    await login.getByLabel('Địa chỉ máy chủ').fill(link.url);
    await login.getByLabel('Tên đăng nhập').fill('hang');
    await login.getByLabel('Mật khẩu').fill(SERVER_PASSWORD);
    await shot(clerk, 'sync-login');
    await login.getByLabel('Mật khẩu').press('Enter');
    await expect(login).toBeHidden();
    await expect(clerk.locator('.app-org')).toHaveText(ORG.name);
    await expect(clerk.getByTestId('acting-user')).toHaveText('Phạm Thị Hằng (Văn thư)');
    const indicator = clerk.getByTestId('sync-indicator');
    await expect(indicator).toContainText('Đã đồng bộ');

    // The leader's login is not this scenario's subject: through the contract, then the page reloads.
    await leader.goto(leaderHost!.url);
    await rpc(leader, leaderHost!.url, 'sync.login', { serverUrl: server.url, username: 'hung', password: SERVER_PASSWORD });
    const profile = await rpc<OrgProfile>(leader, leaderHost!.url, 'org.get', {});
    const staffId = (name: string) => profile.staff.find((s) => s.fullName === name)!.id;
    await leader.reload();
    await expect(leader.getByTestId('acting-user')).toHaveText('Trần Văn Hùng (Lãnh đạo)');
    await leader.keyboard.press('Alt+2');
    await expect(leader.getByTestId('list-total')).toContainText('0');

    // Registered and presented at the clerk's PC: the leader's open list shows it without anyone asking.
    const first = await registerByContract(clerk, clerkHost!.url, { subject: 'Giấy mời họp giao ban tháng 11', codeNumber: '12', codeNotation: 'GM-UBND' });
    await rpc(clerk, clerkHost!.url, 'incoming.handOver', { id: first.id, action: 'present', recipient: { kind: 'staff', id: staffId('Trần Văn Hùng') }, note: 'Kính trình', date: '2026-11-21' });
    await expect(leader.getByRole('row', { name: /Giấy mời họp giao ban tháng 11/ })).toBeVisible({ timeout: 30_000 });
    await expect(leader.getByRole('row', { name: /Giấy mời họp giao ban tháng 11/ })).toContainText('Đã trình');

    // The leader forwards it to a specialist; the clerk's PC learns of it.
    await rpc(leader, leaderHost!.url, 'incoming.handOver', { id: first.id, action: 'forward', recipient: { kind: 'staff', id: staffId('Nguyễn Thị Lan') }, note: 'Đề nghị chuẩn bị nội dung', date: '2026-11-21' });
    await expect
      .poll(async () => (await rpc<IncomingDetail>(clerk, clerkHost!.url, 'incoming.get', { id: first.id })).document.status, { timeout: 30_000 })
      .toBe('forwarded');

    // The clerk's link drops: three documents are registered and wait; the header says so.
    link.setOffline(true);
    for (const [n, subject] of ['Công văn về phòng chống thiên tai', 'Quyết định khen thưởng', 'Kế hoạch chuyển đổi số'].entries()) {
      await registerByContract(clerk, clerkHost!.url, { subject, codeNumber: String(20 + n), codeNotation: 'UBND' });
    }
    await expect(indicator).toContainText('Mất kết nối', { timeout: 20_000 });
    await expect(indicator).toContainText('3 chờ gửi');
    await shot(clerk, 'sync-offline-header');
    await indicator.click();
    const panel = clerk.getByRole('dialog', { name: 'Đồng bộ với máy chủ văn bản' });
    await expect(panel).toContainText('3 thay đổi đang chờ gửi');
    await expect(panel).toContainText('Không kết nối được máy chủ http:');
    await shot(clerk, 'sync-offline-panel');
    await clerk.keyboard.press('Escape');
    await expect(panel).toBeHidden();

    // The link returns: the clerk's PC sends what waited by itself and the leader's list shows all four.
    link.setOffline(false);
    await expect(indicator).toContainText('Đã đồng bộ', { timeout: 30_000 });
    await expect(indicator).not.toContainText('chờ gửi');
    await expect(leader.getByTestId('list-total')).toContainText('4', { timeout: 30_000 });
    await expect(leader.getByRole('row', { name: /Kế hoạch chuyển đổi số/ })).toBeVisible();
    await shot(clerk, 'sync-online-header');
    await shot(leader, 'sync-leader-list');
  } finally {
    for (const host of hosts) await host.close();
    await link?.close();
    await server.close();
  }
});


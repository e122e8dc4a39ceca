/**
 * The register list's filters in the real UI, each checked against six known documents: year, type, urgency, status,
 * an arrival date range with both ends included, and sorting by the issuing-body column both ways; an overdue deadline
 * is shown whole.
 */
import type { Page } from '@playwright/test';
import type { IncomingFields } from '../../shared/contract/types';
import { todayInVietnam, yearOf } from '../../shared/domain/dates';
import { msg } from '../../shared/messages';
import { COMMUNE, registerByContract, rpc, setUpOrganisation, shot } from './pageHelpers';
import { expect, test } from './webHostFixture';

/** In order of arrival; the number and notation ("01/CV" …, numbers below 10 written with a leading zero) names each document. */
const DOCS: Partial<IncomingFields>[] = [
  { arrivalDate: '2025-12-29', organName: 'Sở Y tế tỉnh Nghệ An', typeName: 'Công văn', priority: 0 },
  { arrivalDate: '2026-01-05', organName: 'Ủy ban nhân dân tỉnh Nghệ An', typeName: 'Quyết định', priority: 0, dueDate: '2026-01-20' },
  { arrivalDate: '2026-03-10', organName: 'Bộ Nội vụ', typeName: 'Giấy mời', priority: 1 },
  { arrivalDate: '2026-03-20', organName: 'Sở Tài chính tỉnh Nghệ An', typeName: 'Công văn', priority: 2 },
  { arrivalDate: '2026-04-02', organName: 'Huyện ủy Đô Lương', typeName: 'Thông báo', priority: 0 },
  { arrivalDate: '2026-05-15', organName: 'Công an tỉnh Nghệ An', typeName: 'Công văn', priority: 3 },
];

/** The numbers and notations of the rows shown, top to bottom: `expect` waits until the list settles on them. */
const expectRows = (page: Page, numbers: number[]) =>
  expect(page.locator('.grid-row .col-code')).toHaveText(numbers.map((n) => `0${n}/CV`));

test('filters by year, type, urgency, status and arrival dates, and sorting by issuing body', async ({ page, host }) => {
  await page.goto(host.url);
  const org = await setUpOrganisation(page, host.url, {
    ...COMMUNE,
    units: [{ name: 'Công an xã', abbrev: 'CA' }],
    staff: [...COMMUNE.staff, { fullName: 'Trần Văn Minh', position: 'Chủ tịch', unitAbbrev: null, role: 'lanh_dao' }],
  });
  const ids: string[] = [];
  for (const [i, fields] of DOCS.entries()) {
    const doc = await registerByContract(page, host.url, { ...fields, issuedDate: fields.arrivalDate, codeNumber: String(i + 1), codeNotation: 'CV', subject: `Văn bản thử ${i + 1}` });
    ids.push(doc.id);
  }
  // The fifth is presented to the chairman, the sixth forwarded to the police unit; the others stay registered.
  const chairman = org.staff.find((s) => s.role === 'lanh_dao')!;
  await rpc(page, host.url, 'incoming.handOver', { id: ids[4], action: 'present', recipient: { kind: 'staff', id: chairman.id }, note: '' });
  await rpc(page, host.url, 'incoming.handOver', { id: ids[5], action: 'forward', recipient: { kind: 'unit', id: org.units[0]!.id }, note: '' });

  await page.reload();
  await expect(page.getByRole('heading', { name: msg('ui.register.title') })).toBeVisible();
  await page.keyboard.press('Alt+2');
  // Newest arrival first when nothing is chosen.
  await expect(page.getByTestId('list-total')).toHaveText(msg('ui.list.total', { n: 6 }));
  await expectRows(page, [6, 5, 4, 3, 2, 1]);
  // A deadline that has passed shows in red bold, and whole: the clerk chases exactly these.
  const overdue = page.locator('.grid-row .col-dueDate').filter({ has: page.locator('.overdue') });
  await expect(overdue).toHaveText('20/01/2026');
  expect(await overdue.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);

  const filters = page.getByRole('search');
  const clear = filters.getByRole('button', { name: msg('ui.list.clear') });
  const year = filters.getByLabel(msg('ui.list.year'));
  // The years offered are those the register holds, and the current one.
  const offered = [...new Set([yearOf(todayInVietnam()), 2026, 2025])].sort((a, b) => b - a).map(String);
  await expect(year.locator('option')).toHaveText([msg('ui.list.allYears'), ...offered]);
  await year.selectOption('2025');
  await expectRows(page, [1]);
  await year.selectOption('2026');
  await expectRows(page, [6, 5, 4, 3, 2]);
  await clear.click();

  const type = filters.getByLabel(msg('ui.list.type'));
  await type.selectOption('Công văn');
  await expectRows(page, [6, 4, 1]);
  await type.selectOption('Giấy mời');
  await expectRows(page, [3]);
  await clear.click();

  const urgency = filters.getByLabel(msg('ui.list.priority'));
  await urgency.selectOption({ label: 'Khẩn' });
  await expectRows(page, [3]);
  await urgency.selectOption({ label: 'Hỏa tốc' });
  await expectRows(page, [6]);
  await urgency.selectOption({ label: 'Thường' });
  await expectRows(page, [5, 2, 1]);
  await clear.click();

  const status = filters.getByLabel(msg('ui.list.status'));
  await status.selectOption({ label: msg('ui.status.presented') });
  await expectRows(page, [5]);
  await status.selectOption({ label: msg('ui.status.forwarded') });
  await expectRows(page, [6]);
  await status.selectOption({ label: msg('ui.status.registered') });
  await expectRows(page, [4, 3, 2, 1]);
  await clear.click();
  await expectRows(page, [6, 5, 4, 3, 2, 1]);

  // Arrival dates from 10/03 to 20/03/2026: both ends count.
  await filters.getByLabel(msg('ui.list.from'), { exact: true }).fill('10/03/2026');
  await filters.getByLabel(msg('ui.list.to'), { exact: true }).fill('20/03/2026');
  await expectRows(page, [4, 3]);
  await expect(page.getByTestId('list-total')).toHaveText(msg('ui.list.total', { n: 2 }));
  // Filters combine: the same range, Công văn only.
  await type.selectOption('Công văn');
  await expectRows(page, [4]);
  await shot(page, 'list-filters');
  await clear.click();

  // By issuing body: A to Z on the first click (Vietnamese letters in their place), Z to A on the second.
  const organ = page.getByRole('columnheader', { name: msg('ui.col.organName') });
  await organ.getByRole('button').click();
  await expect(organ).toHaveAttribute('aria-sort', 'ascending');
  await expectRows(page, [3, 6, 5, 4, 1, 2]);
  await organ.getByRole('button').click();
  await expect(organ).toHaveAttribute('aria-sort', 'descending');
  await expectRows(page, [2, 1, 4, 5, 6, 3]);
});

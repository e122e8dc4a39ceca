/**
 * The office's rules screen through the real UI: the clerk switches outgoing numbering to one sequence per type,
 * tightens the deadline of urgent documents and enters a day off announced for this year, which the year's list of
 * days off then shows; a date that does not exist is refused in words; an officer may read the rules but not save
 * them. What was saved is read back through the contract. Screenshots go to tests/.artifacts/screenshots/.
 */
import { addDays, shortVietnameseDate, todayInVietnam, weekdayOf, yearOf } from '../../shared/domain/dates';
import { msg } from '../../shared/messages';
import { TAN_LAP } from '../support/outgoingOffice';
import { actAs, rpc, setUpOrganisation, shot } from './pageHelpers';
import { expect, test } from './webHostFixture';

/** A Wednesday of this year in the second half of November: never a holiday, so a day off there is only ours. */
function announcedDayOff(): string {
  let day = `${yearOf(todayInVietnam())}-11-18`;
  while (weekdayOf(day) !== 3) day = addDays(day, 1);
  return day;
}

test('the clerk sets numbering, deadlines and an announced day off; an officer only reads them', async ({ page, host }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(host.url);
  await setUpOrganisation(page, host.url, TAN_LAP);
  await page.reload();
  await actAs(page, 'Nguyễn Thị Lan (Văn thư)');

  await page.getByRole('button', { name: msg('officeRulesUi.open') }).click();
  const dialog = page.getByRole('dialog', { name: msg('officeRulesUi.title') });
  await expect(dialog.getByRole('radio', { name: msg('officeRulesUi.numbering.shared') })).toBeChecked();
  await dialog.getByRole('radio', { name: msg('officeRulesUi.numbering.perType') }).check();
  await dialog.getByLabel('Khẩn', { exact: true }).fill('3');
  // A date that does not exist is named in the refusal, and nothing is saved.
  const extra = dialog.getByLabel(msg('officeRulesUi.days.extra'));
  await extra.fill('31/02');
  await dialog.getByRole('button', { name: msg('officeRulesUi.save') }).click();
  await expect(dialog.getByText('“31/02” không phải ngày hợp lệ')).toBeVisible();
  expect((await rpc<{ numbering: string }>(page, host.url, 'outgoing.settings', {})).numbering).toBe('shared');

  const dayOff = announcedDayOff();
  await extra.fill(shortVietnameseDate(dayOff));
  await dialog.getByRole('button', { name: msg('officeRulesUi.save') }).click();
  await expect(dialog.getByRole('status')).toHaveText(msg('officeRulesUi.saved'));
  await expect(dialog.getByTestId('rules-holidays')).toContainText(`${shortVietnameseDate(dayOff)} ${msg('calendar.holiday.extraDayOff')}`);
  await expect(dialog.getByTestId('rules-holidays')).toContainText(msg('calendar.holiday.tet'));
  await shot(page, 'office-rules-1-saved');

  expect((await rpc<{ numbering: string }>(page, host.url, 'outgoing.settings', {})).numbering).toBe('perType');
  const saved = await rpc<{ dueDates: { byPriority: Record<string, number> }; calendar: { extraDaysOff: string[] } }>(page, host.url, 'handling.settings', {});
  expect(saved.dueDates.byPriority['1']).toBe(3);
  expect(saved.calendar.extraDaysOff).toEqual([dayOff]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // An officer reads the same rules, with nothing to change them by.
  await actAs(page, 'Lê Minh Đức (Chuyên viên)');
  await page.getByRole('button', { name: msg('officeRulesUi.open') }).click();
  await expect(dialog.getByText(msg('officeRulesUi.readOnly'))).toBeVisible();
  await expect(dialog.getByRole('radio', { name: msg('officeRulesUi.numbering.perType') })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: msg('officeRulesUi.numbering.perType') })).toBeDisabled();
  await expect(dialog.getByLabel('Khẩn', { exact: true })).toHaveValue('3');
  await expect(dialog.getByRole('button', { name: msg('officeRulesUi.save') })).toHaveCount(0);
  await shot(page, 'office-rules-2-officer');
  expect(pageErrors).toEqual([]);
});

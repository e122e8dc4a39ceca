/**
 * The register list over several pages in the real UI: scrolling down asks for each next page by key, the issuing-body
 * filter matches without diacritics while typing, and sorting by deadline keeps documents without one last.
 */
import { msg } from '../../shared/messages';
import { registerByContract, setUpOrganisation, shot } from './pageHelpers';
import { expect, test } from './webHostFixture';

const DOCS = 450;
const BODIES = ['Sở Y tế tỉnh Hà Tĩnh', 'Ủy ban nhân dân tỉnh Hà Tĩnh', 'Bộ Nội vụ'];

test('450 documents: pages by key while scrolling, issuing body folded, deadline sort', async ({ page, host }) => {
  test.setTimeout(240_000);
  await page.goto(host.url);
  await setUpOrganisation(page, host.url);
  for (let i = 0; i < DOCS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    await registerByContract(page, host.url, {
      arrivalDate: `2026-10-${day}`, organName: BODIES[i % 3], codeNumber: String(i + 1), codeNotation: 'CV', issuedDate: `2026-10-${day}`,
      subject: `Văn bản thử số ${i + 1}`, dueDate: i % 4 === 0 ? `2026-12-${day}` : null,
    });
  }
  const asked: Record<string, unknown>[] = [];
  page.on('request', (r) => r.url().includes('/rpc/incoming.list') && asked.push(r.postDataJSON()));
  await page.reload();
  // Alt+2 is heard only once the app has mounted: wait for the form it opens on, then for the list tab to be chosen.
  await expect(page.getByRole('heading', { name: msg('ui.register.title') })).toBeVisible();
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('tab', { name: new RegExp(msg('ui.nav.list')) })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('list-total')).toHaveText(msg('ui.list.total', { n: '450' }));

  // Down to the end a screen at a time: the last row is number 1, and the next pages were asked for after a row.
  const grid = page.getByTestId('grid-body');
  const firstShown = async () => Number(await grid.locator('[role=row]').first().getAttribute('aria-rowindex'));
  for (let shown = await firstShown(); ; ) {
    const moved = await grid.evaluate((el) => {
      const before = el.scrollTop;
      el.scrollTop += 1500;
      return el.scrollTop > before;
    });
    if (!moved) break;
    // Each screen is drawn and read before the next scroll, as a person reading it would: no row waits for its page.
    await expect.poll(firstShown).toBeGreaterThan(shown);
    await expect(grid.locator('.loading-cell')).toHaveCount(0);
    shown = await firstShown();
  }
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
  const lastRow = page.locator(`[role=row][aria-rowindex="${DOCS + 1}"]`);
  await expect(lastRow.getByRole('gridcell').first()).toHaveText('1');
  expect(asked.filter((a) => typeof a.after === 'string').length).toBeGreaterThanOrEqual(2);
  expect(asked.filter((a) => Number(a.offset ?? 0) > 0)).toEqual([]);

  // The issuing body typed without diacritics filters once typing pauses.
  await page.locator('.filter-organ input').fill('so y te');
  await expect(page.getByTestId('list-total')).toHaveText(msg('ui.list.total', { n: '150' }));
  await expect(page.getByRole('row').nth(1)).toContainText('Sở Y tế tỉnh Hà Tĩnh');

  // By deadline, soonest first: documents with a deadline first, the others after them.
  await page.getByRole('button', { name: msg('ui.col.dueDate') }).click();
  await page.getByRole('button', { name: msg('ui.col.dueDate') }).click();
  await expect(page.getByRole('columnheader', { name: msg('ui.col.dueDate') })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByRole('row').nth(1)).toContainText('01/12/2026');
  await shot(page, 'list-organ-due');
});

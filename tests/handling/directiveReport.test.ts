/**
 * The tracking report of leaders' directives (báo cáo theo dõi thực hiện ý kiến chỉ đạo) made through the core from a
 * month of directives, read back with poppler (pdfinfo, pdftotext) and ExcelJS: the directives given or due in the
 * period, in the order given, with their units, latest reports and results; the counts per unit and per leader the
 * follow-up list shows; one unit's and one leader's report; a long report with its header on every page.
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Input, Output } from '../../shared/contract';
import { call, fields, openTestCore } from '../support/coreFixture';
import { OFFICE } from '../support/handlingOffice';
import { pdfWords, run, type PdfPageWords } from '../register-book/pdfWords';
import { readRegister, wholeRows, type RegisterLayout } from '../register-book/readRegister';

vi.setConfig({ testTimeout: 60_000 });

const OUT = join('tests', '.artifacts', 'directive-report');
const squash = (s: string) => s.replace(/\s+/g, '');
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };

const HEADERS = ['Số TT', 'Ngày chỉ đạo', 'Lãnh đạo chỉ đạo', 'Nội dung chỉ đạo', 'Đơn vị chủ trì, phối hợp', 'Thời hạn', 'Tình hình thực hiện', 'Kết quả'];
const SUMMARY_HEADERS = ['Đơn vị, lãnh đạo chỉ đạo', 'Tổng số', 'Hoàn thành đúng hạn', 'Hoàn thành quá hạn', 'Đang thực hiện', 'Quá hạn'];
/** Each directive starts at its số thứ tự. */
const REPORT_LAYOUT: RegisterLayout = { headers: HEADERS, keyColumn: 0, key: /^\d+$/ };

/** The office with a second leader and a head for each unit, on a clock the test moves. */
async function openDirectiveOffice() {
  let clock = new Date('2026-11-10T03:00:00Z');
  const opened = await openTestCore({ now: () => clock }, false);
  const profile = await call(opened.core, 'org.setup', {
    ...OFFICE,
    staff: [
      ...OFFICE.staff,
      { fullName: 'Phạm Thị Hoa', position: 'Phó Chủ tịch', unitAbbrev: null, role: 'lanh_dao' },
      { fullName: 'Phan Văn Tâm', position: 'Chánh Văn phòng', unitAbbrev: 'VP', role: 'chuyen_vien' },
    ],
  });
  const core = opened.core;
  const staff = (name: string) => profile.staff.find((s) => s.fullName === name)!.id;
  const unit = (abbrev: string) => profile.units.find((u) => u.abbrev === abbrev)!.id;
  return {
    core,
    dispose: opened.dispose,
    staff,
    unit,
    setClock: (iso: string) => (clock = new Date(iso)),
    actAs: (name: string) => call(core, 'org.actAs', { staffId: staff(name) }),
  };
}

let office: Awaited<ReturnType<typeof openDirectiveOffice>>;
const CONTENT = {
  late: 'Rà soát hồ sơ cấp phép xây dựng tồn đọng',
  onDocument: 'Kiểm tra công trình vi phạm trật tự xây dựng',
  dueInPeriod: 'Báo cáo tình hình quản lý đất công',
  onTime: 'Tổng hợp kiến nghị cử tri trước kỳ họp',
  october: 'Chuẩn bị hội nghị tổng kết',
  cancelled: 'Việc không còn cần thiết',
};

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  office = await openDirectiveOffice();
  const o = office;
  const meeting = (name: string, date: string) => ({ kind: 'meeting' as const, name, date });
  const give = (input: Input<'directive.create'>) => call(o.core, 'directive.create', input);

  // In October: one given and due then (not in the report), one given then and due in November (in it).
  o.setClock('2026-10-02T03:00:00Z');
  await o.actAs('Trần Văn Hùng');
  await give({ content: CONTENT.october, source: meeting('Họp giao ban', '2026-10-01'), unitIds: [o.unit('VP')], dueDate: '2026-10-20' });
  const dueInPeriod = await give({ content: CONTENT.dueInPeriod, source: meeting('Họp UBND', '2026-10-01'), unitIds: [o.unit('ĐCXD')], dueDate: '2026-11-05' });

  o.setClock('2026-11-10T03:00:00Z');
  const late = await give({ content: CONTENT.late, source: meeting('Họp giao ban tháng 11', '2026-11-09'), unitIds: [o.unit('ĐCXD'), o.unit('VP')], dueDate: '2026-11-25' });
  await o.actAs('Phạm Thị Hoa');
  const onTime = await give({ content: CONTENT.onTime, source: meeting('Họp chuẩn bị kỳ họp HĐND', '2026-11-10'), unitIds: [o.unit('VP')], dueDate: '2026-11-20' });
  const cancelled = await give({ content: CONTENT.cancelled, source: meeting('Họp chuẩn bị kỳ họp HĐND', '2026-11-10'), unitIds: [o.unit('VP')], dueDate: '2026-11-30' });
  await call(o.core, 'directive.cancel', { id: cancelled.id, note: 'Đã có văn bản khác' });

  o.setClock('2026-11-16T03:00:00Z');
  await o.actAs('Nguyễn Thị Lan');
  const registered = await call(o.core, 'incoming.register', { fields: fields({ arrivalDate: '2026-11-16', issuedDate: '2026-11-13', subject: 'V/v kiểm tra công trình xây dựng không phép', codeNumber: '125', codeNotation: 'UBND-QLĐT' }), attachments: [] });
  if (registered.kind !== 'registered') throw new Error('not registered');
  await o.actAs('Trần Văn Hùng');
  const onDocument = await give({ content: CONTENT.onDocument, source: { kind: 'document', incomingId: registered.document.id }, unitIds: [o.unit('ĐCXD')], dueDate: '2026-12-10' });

  // Reports (the newest one counts) and completions.
  await o.actAs('Đặng Văn Nam');
  await call(o.core, 'directive.report', { id: late.id, note: 'Đã rà soát 12/20 hồ sơ' });
  o.setClock('2026-11-18T03:00:00Z');
  await call(o.core, 'directive.report', { id: onDocument.id, note: 'Đã kiểm tra 3 công trình' });
  await call(o.core, 'directive.report', { id: late.id, note: 'Đã rà soát 18/20 hồ sơ' });
  await o.actAs('Phan Văn Tâm');
  await call(o.core, 'directive.complete', { id: onTime.id, note: 'Đã gửi báo cáo tổng hợp' });
  o.setClock('2026-11-24T03:00:00Z');
  await o.actAs('Võ Thị Mai');
  await call(o.core, 'directive.complete', { id: late.id });
  await o.actAs('Phan Văn Tâm');
  await call(o.core, 'directive.report', { id: late.id, note: 'Văn phòng đang tổng hợp' });
  o.setClock('2026-11-27T03:00:00Z');
  await call(o.core, 'directive.complete', { id: late.id });
  expect((await call(o.core, 'directive.get', { id: dueInPeriod.id })).status).toBe('overdue');
  o.setClock('2026-12-01T03:00:00Z');
});
afterAll(() => office.dispose());

/** Exports through the contract, keeps a copy under tests/.artifacts for a person to look at. */
async function exportReport(name: string, input: Input<'directive.exportReport'>): Promise<{ path: string; bytes: Uint8Array; ref: Output<'directive.exportReport'> }> {
  const ref = await call(office.core, 'directive.exportReport', input);
  const bytes = await office.core.content.read(ref.hash);
  const path = join(OUT, name);
  writeFileSync(path, bytes);
  return { path, bytes, ref };
}

function pdfInfo(path: string): { pages: number; size: string } {
  const info = run('pdfinfo', [path]);
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]), size: /^Page size:\s+(.+)$/m.exec(info)?.[1] ?? '' };
}

/** The pages of the directives' table and those of the summary, told apart by the summary's title. */
function split(pages: PdfPageWords[]): { table: PdfPageWords[]; summary: PdfPageWords[] } {
  const at = pages.findIndex((p) => p.words.some((w) => w.text === 'TỔNG') && p.words.some((w) => w.text === 'HỢP'));
  return { table: pages.slice(0, at), summary: pages.slice(at) };
}

/**
 * The summary read back from the text of its pages (from `firstPage` on), one line per unit, leader or total:
 * name → [total, on time, late, in progress, overdue]; a group's heading has no numbers.
 */
function summaryCounts(path: string, firstPage: number): Record<string, number[]> {
  const pages = pdfWords(path).slice(firstPage - 1);
  // No line has a key of its own: the header row is read column by column, the lines from the text below.
  const read = readRegister(pages, { headers: SUMMARY_HEADERS, keyColumn: 0, key: /^$/ });
  expect(read.headers).toEqual(pages.map(() => SUMMARY_HEADERS));
  expect(read.overflowing).toEqual([]);
  const text = run('pdftotext', ['-layout', '-f', String(firstPage), path, '-']);
  const counts: Record<string, number[]> = {};
  for (const line of text.split('\n')) {
    const numbers = /^\s*(\S.*?)\s{2,}(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/.exec(line);
    if (numbers) counts[numbers[1]!] = numbers.slice(2).map(Number);
    else if (/^\s*I+\. Theo/.test(line)) counts[line.trim()] = [];
  }
  return counts;
}

describe('the directives report of a month', () => {
  it('prints the directives given or due in the period, in the order given, then the counts the follow-up list shows', async () => {
    const { path, ref } = await exportReport('november.pdf', { ...NOVEMBER, format: 'pdf' });
    expect(ref).toMatchObject({ name: 'bao-cao-y-kien-chi-dao_2026-11-01_2026-11-30.pdf', mime: 'application/pdf' });
    execFileSync('pdftoppm', ['-r', '60', '-png', path, join(OUT, 'november')]);
    const { pages, size } = pdfInfo(path);
    expect(size).toBe('842 x 595 pts (A4)');
    expect(pages).toBe(2);

    const text = run('pdftotext', ['-layout', path, '-']);
    expect(text).toContain('BÁO CÁO THEO DÕI THỰC HIỆN Ý KIẾN CHỈ ĐẠO');
    expect(text).toContain('ỦY BAN NHÂN DÂN XÃ TÂN LẬP');
    expect(text).toContain('Từ ngày 01/11/2026 đến ngày 30/11/2026');
    expect(squash(text)).toContain(squash('tình hình tính đến ngày 01/12/2026'));
    // Given and due in October, or cancelled: not in the report.
    for (const absent of [CONTENT.october, CONTENT.cancelled]) expect(squash(text)).not.toContain(squash(absent));

    const { table, summary } = split(pdfWords(path));
    const read = readRegister(table, REPORT_LAYOUT);
    expect(read.overflowing).toEqual([]);
    expect(read.headers).toEqual([HEADERS]);
    expect(read.pageLabels).toEqual(['Trang 1/2']);
    expect(wholeRows(read.rows).map((r) => r.cells.map(squash))).toEqual(
      [
        ['1', '01/10/2026', 'Trần Văn Hùng', `${CONTENT.dueInPeriod} Họp UBND, ngày 01/10/2026`, 'Chủ trì: Địa chính - Xây dựng', '05/11/2026', 'Chưa báo cáo', 'Quá hạn'],
        [
          '2',
          '09/11/2026',
          'Trần Văn Hùng',
          `${CONTENT.late} Họp giao ban tháng 11, ngày 09/11/2026`,
          'Chủ trì: Địa chính - Xây dựng Phối hợp: Văn phòng',
          '25/11/2026',
          'Địa chính - Xây dựng: Hoàn thành ngày 24/11/2026 Văn phòng: Hoàn thành ngày 27/11/2026',
          'Hoàn thành quá hạn (ngày 27/11/2026)',
        ],
        ['3', '10/11/2026', 'Phạm Thị Hoa', `${CONTENT.onTime} Họp chuẩn bị kỳ họp HĐND, ngày 10/11/2026`, 'Chủ trì: Văn phòng', '20/11/2026', 'Hoàn thành ngày 18/11/2026. Đã gửi báo cáo tổng hợp', 'Hoàn thành đúng hạn (ngày 18/11/2026)'],
        [
          '4',
          '16/11/2026',
          'Trần Văn Hùng',
          `${CONTENT.onDocument} Văn bản đến số 1: 125/UBND-QLĐT – V/v kiểm tra công trình xây dựng không phép`,
          'Chủ trì: Địa chính - Xây dựng',
          '10/12/2026',
          'Đã kiểm tra 3 công trình',
          'Đang thực hiện',
        ],
      ].map((row) => row.map(squash)),
    );

    // The counts are the follow-up list's over the same directives, and the leaders' lines add up to all of them.
    const counts = summaryCounts(path, table.length + 1);
    expect(summary).toHaveLength(1);
    const list = await call(office.core, 'directive.list', {});
    const inReport = new Set([CONTENT.dueInPeriod, CONTENT.late, CONTENT.onTime, CONTENT.onDocument]);
    const listed = list.rows.filter((d) => inReport.has(d.content));
    expect(listed).toHaveLength(4);
    const tally = (statuses: (string | null)[]) => [statuses.length, ...(['doneOnTime', 'doneLate', 'inProgress', 'overdue'] as const).map((s) => statuses.filter((x) => x === s).length)];
    expect(counts).toEqual({
      'I. Theo đơn vị thực hiện (phần việc của từng đơn vị)': [],
      'Địa chính - Xây dựng': tally(listed.flatMap((d) => d.units.filter((u) => u.unitName === 'Địa chính - Xây dựng').map((u) => u.status))),
      'Văn phòng': tally(listed.flatMap((d) => d.units.filter((u) => u.unitName === 'Văn phòng').map((u) => u.status))),
      'II. Theo lãnh đạo chỉ đạo': [],
      'Phạm Thị Hoa': tally(listed.filter((d) => d.leaderName === 'Phạm Thị Hoa').map((d) => d.status)),
      'Trần Văn Hùng': tally(listed.filter((d) => d.leaderName === 'Trần Văn Hùng').map((d) => d.status)),
      'Tổng số ý kiến chỉ đạo': tally(listed.map((d) => d.status)),
    });
    expect(counts['Tổng số ý kiến chỉ đạo']).toEqual([4, 1, 1, 1, 1]);
    expect(counts['Địa chính - Xây dựng']).toEqual([3, 1, 0, 1, 1]);
    expect(run('pdftotext', ['-layout', '-f', '2', path, '-'])).toContain('Trang 2/2');
  });

  it('writes the same rows in the XLSX, dates as dates, and the summary on a sheet of its own', async () => {
    const { bytes } = await exportReport('november.xlsx', { ...NOVEMBER, format: 'xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Ý kiến chỉ đạo', 'Tổng hợp']);
    const [sheet, summary] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.printTitlesRow).toBe('6:7');
    expect([2, 3, 4, 5].map((r) => sheet.getCell(r, 1).value)).toEqual([
      'ỦY BAN NHÂN DÂN XÃ TÂN LẬP',
      'BÁO CÁO THEO DÕI THỰC HIỆN Ý KIẾN CHỈ ĐẠO',
      'Từ ngày 01/11/2026 đến ngày 30/11/2026',
      'Gồm các ý kiến chỉ đạo được giao hoặc đến hạn trong kỳ; tình hình tính đến ngày 01/12/2026.',
    ]);
    expect(HEADERS.map((_, i) => sheet.getCell(6, i + 1).value)).toEqual(HEADERS);
    const row = (n: number) => HEADERS.map((_, i) => sheet.getCell(8 + n, i + 1).value);
    expect(row(1)).toEqual([
      2,
      new Date('2026-11-09T00:00:00Z'),
      'Trần Văn Hùng',
      `${CONTENT.late}\nHọp giao ban tháng 11, ngày 09/11/2026`,
      'Chủ trì: Địa chính - Xây dựng\nPhối hợp: Văn phòng',
      new Date('2026-11-25T00:00:00Z'),
      'Địa chính - Xây dựng: Hoàn thành ngày 24/11/2026\nVăn phòng: Hoàn thành ngày 27/11/2026',
      'Hoàn thành quá hạn\n(ngày 27/11/2026)',
    ]);
    expect(row(3)[6]).toBe('Đã kiểm tra 3 công trình');
    expect(row(4)).toEqual(HEADERS.map(() => null));

    expect(summary.getCell(3, 1).value).toBe('TỔNG HỢP KẾT QUẢ THỰC HIỆN Ý KIẾN CHỈ ĐẠO');
    expect(SUMMARY_HEADERS.map((_, i) => summary.getCell(6, i + 1).value)).toEqual(SUMMARY_HEADERS);
    const lines = Array.from({ length: 8 }, (_, n) => SUMMARY_HEADERS.map((__, i) => summary.getCell(8 + n, i + 1).value));
    expect(lines).toEqual([
      ['I. Theo đơn vị thực hiện (phần việc của từng đơn vị)', null, null, null, null, null],
      ['Địa chính - Xây dựng', 3, 1, 0, 1, 1],
      ['Văn phòng', 2, 1, 1, 0, 0],
      ['II. Theo lãnh đạo chỉ đạo', null, null, null, null, null],
      ['Phạm Thị Hoa', 1, 1, 0, 0, 0],
      ['Trần Văn Hùng', 3, 0, 1, 1, 1],
      ['Tổng số ý kiến chỉ đạo', 4, 1, 1, 1, 1],
      SUMMARY_HEADERS.map(() => null),
    ]);
  });

  it('prints one unit’s part or one leader’s directives, named under the period', async () => {
    const { path } = await exportReport('november-vp.pdf', { ...NOVEMBER, format: 'pdf', unitId: office.unit('VP') });
    const text = run('pdftotext', ['-layout', path, '-']);
    expect(text).toContain('Đơn vị: Văn phòng');
    const { table } = split(pdfWords(path));
    // The unit's own part: its latest report or completion, and its result, not the other units'.
    expect(wholeRows(readRegister(table, REPORT_LAYOUT).rows).map((r) => [r.cells[1], squash(r.cells[6]!), squash(r.cells[7]!)])).toEqual([
      ['09/11/2026', squash('Hoàn thành ngày 27/11/2026'), squash('Hoàn thành quá hạn (ngày 27/11/2026)')],
      ['10/11/2026', squash('Hoàn thành ngày 18/11/2026. Đã gửi báo cáo tổng hợp'), squash('Hoàn thành đúng hạn (ngày 18/11/2026)')],
    ]);
    expect(summaryCounts(path, table.length + 1)['Văn phòng']).toEqual([2, 1, 1, 0, 0]);

    const { bytes } = await exportReport('november-hoa.xlsx', { ...NOVEMBER, format: 'xlsx', leaderId: office.staff('Phạm Thị Hoa') });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell(5, 1).value).toBe('Lãnh đạo chỉ đạo: Phạm Thị Hoa');
    expect([9, 10].map((r) => sheet.getCell(r, 4).value)).toEqual([`${CONTENT.onTime}\nHọp chuẩn bị kỳ họp HĐND, ngày 10/11/2026`, null]);
  });

  it('is anyone’s to print, as the list is everyone’s to read; refuses an unknown unit, someone who is no leader and a period backwards', async () => {
    await office.actAs('Đặng Văn Nam');
    expect(await office.core.dispatch('directive.exportReport', { ...NOVEMBER, format: 'xlsx' })).toMatchObject({ ok: true, value: { mime: expect.stringContaining('spreadsheetml') } });
    const unknown = await office.core.dispatch('directive.exportReport', { ...NOVEMBER, format: 'pdf', unitId: '00000000-0000-4000-8000-00000000ffff' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: 'Không có đơn vị này trong cơ quan.' } });
    const clerk = await office.core.dispatch('directive.exportReport', { ...NOVEMBER, format: 'pdf', leaderId: office.staff('Nguyễn Thị Lan') });
    expect(clerk).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: 'Không có lãnh đạo này trong cơ quan.' } });
    const backwards = await office.core.dispatch('directive.exportReport', { from: '2026-11-30', to: '2026-11-01', format: 'xlsx' });
    expect(backwards).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});

describe('a long directives report', () => {
  let long: Awaited<ReturnType<typeof openDirectiveOffice>>;
  beforeAll(async () => {
    long = await openDirectiveOffice();
    await long.actAs('Trần Văn Hùng');
    for (let i = 1; i <= 40; i++) {
      await call(long.core, 'directive.create', {
        content: `Chỉ đạo số ${i}: tăng cường quản lý đất đai, trật tự xây dựng và bảo vệ môi trường trên địa bàn xã, báo cáo kết quả về Ủy ban nhân dân xã`,
        source: { kind: 'meeting', name: 'Họp giao ban', date: '2026-11-09' },
        unitIds: i % 2 === 0 ? [long.unit('ĐCXD'), long.unit('VP')] : [long.unit('VP')],
        dueDate: '2026-11-30',
      });
    }
  });
  afterAll(() => long.dispose());

  it('repeats the headers on every page, numbers its pages through the summary and keeps every directive once, in order', async () => {
    const ref = await call(long.core, 'directive.exportReport', { ...NOVEMBER, format: 'pdf' });
    const path = join(OUT, 'long.pdf');
    writeFileSync(path, await long.core.content.read(ref.hash));
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '2', '-l', '2', path, join(OUT, 'long')]);
    const { pages } = pdfInfo(path);
    expect(pages).toBeGreaterThan(2);
    const { table, summary } = split(pdfWords(path));
    const read = readRegister(table, REPORT_LAYOUT);
    expect(read.headers).toEqual(table.map(() => HEADERS));
    expect(read.pageLabels).toEqual(table.map((_, i) => `Trang ${i + 1}/${pages}`));
    expect(read.overflowing).toEqual([]);
    expect(wholeRows(read.rows).map((r) => Number(r.cells[0]))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(summary).toHaveLength(1);
    expect(summaryCounts(path, table.length + 1)).toMatchObject({ 'Văn phòng': [40, 0, 0, 40, 0], 'Địa chính - Xây dựng': [20, 0, 0, 20, 0], 'Tổng số ý kiến chỉ đạo': [40, 0, 0, 40, 0] });
  });
});

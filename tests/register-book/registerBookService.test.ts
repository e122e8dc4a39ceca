/** The register book as the clerk prints it: registered and handed-over documents, through the core, read back. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { call, FIXED_NOW, fields, openTestCore } from '../support/coreFixture';
import { pdfWords } from './pdfWords';
import { readRegister } from './readRegister';

const squash = (s: string) => s.replace(/\s+/g, '');
const XLSX_FIRST_ROW = 8;

let core: Core;
let dispose: () => void;

beforeAll(async () => {
  ({ core, dispose } = await openTestCore({
    now: FIXED_NOW,
    analyzeFile: async () => ({ pageCount: 1, problem: null, message: null, proposal: {}, text: '' }),
  }));
  const handed = await call(core, 'incoming.register', { fields: fields({ codeNumber: '5' }), attachments: [] });
  await call(core, 'incoming.register', { fields: fields({ codeNumber: '', codeNotation: 'Không số', organName: 'Sở Tư pháp tỉnh Hà Tĩnh' }), attachments: [] });
  if (handed.kind !== 'registered') throw new Error('expected a registration');
  const org = (await call(core, 'org.get', {}))!;
  const leader = org.staff.find((s) => s.role === 'lanh_dao')!;
  const unit = org.units.find((u) => u.abbrev === 'ĐCXD')!;
  const id = handed.document.id;
  await call(core, 'incoming.handOver', { id, action: 'present', recipient: { kind: 'staff', id: leader.id }, note: '', date: '2026-11-20' });
  await call(core, 'incoming.handOver', { id, action: 'forward', recipient: { kind: 'unit', id: unit.id }, note: '', date: '2026-11-21' });
});
afterAll(() => dispose());

const exportBook = (format: 'pdf' | 'xlsx') => call(core, 'registerBook.export', { from: '2026-11-01', to: '2026-11-30', format });

describe('the register book of registered documents', () => {
  it('prints a hand-over in the PDF: its first date in Ngày chuyển, every recipient in Đơn vị hoặc người nhận', async () => {
    const ref = await exportBook('pdf');
    const { rows } = readRegister(pdfWords(core.content.pathOf(ref.hash)));
    expect(rows.map((r) => [r.cells[1], r.cells[3], r.cells[6], r.cells[7]].map((c) => squash(c ?? '')))).toEqual([
      // Số đến as counted; the document's number 5 written as Decree 30 numbers documents.
      ['1', '05/STNMT-ĐĐBĐ', squash('Trần Văn Hùng; Địa chính - Xây dựng'), '20/11/2026'],
      ['2', 'Khôngsố', '', ''],
    ]);
  });

  it('writes the same in the XLSX cells', async () => {
    const ref = await exportBook('xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await core.content.read(ref.hash)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const row = (n: number) => [2, 4, 7, 8].map((c) => sheet.getRow(XLSX_FIRST_ROW + n).getCell(c).value);
    expect(row(0)).toEqual([1, '05/STNMT-ĐĐBĐ', 'Trần Văn Hùng; Địa chính - Xây dựng', new Date('2026-11-20T00:00:00Z')]);
    expect(row(1)).toEqual([2, 'Không số', null, null]);
  });
});

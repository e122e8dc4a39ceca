/**
 * Work files in the core: the clerk keeps the year's plan, an officer opens a file from it and files documents, the
 * owner or the unit head closes it; closing takes the "processed entirely online" verdict and exports the file as a PDF
 * (checked with qpdf, pdftotext, pdfinfo) and an XML package (checked with xmllint against resources/xml/work-file.xsd);
 * every change is an event and an outbox mutation; the KPI report counts it per unit, in PDF and XLSX.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { call } from '../support/coreFixture';
import { cleanupFixtures, libreOfficePdfs } from '../support/documentFixtures';
import { openOffice } from '../support/handlingOffice';
import { handledOnline, twoPagePdf } from '../support/workFileOffice';

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((d) => d()));
afterAll(cleanupFixtures);

async function office() {
  const opened = await openOffice();
  disposers.push(opened.dispose);
  return opened;
}

async function refusal(core: Core, method: Parameters<Core['dispatch']>[0], input: object) {
  const result = await core.dispatch(method, input as never);
  if (result.ok) throw new Error(`${method} was allowed`);
  return result.error;
}

function withDb<T>(dir: string, read: (db: Database.Database) => T): T {
  const db = new Database(path.join(dir, 'vanthu.db'), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describe('work files', () => {
  it('keeps the plan, opens, files, closes with the online verdict and exports PDF and XML for the archive', async () => {
    const o = await office();
    // The plan is the clerk's and the leaders': an officer is refused, a notation is used once a year.
    await o.actAs('Lê Minh Đức');
    const planInput = { year: 2026, notation: '01.ĐC', title: 'Hồ sơ rà soát đất đai năm 2026', unitId: o.unit('ĐCXD'), retention: '10 năm' };
    expect(await refusal(o.core, 'workFile.planSave', planInput)).toMatchObject({ code: 'FORBIDDEN' });
    await o.actAs('Nguyễn Thị Lan');
    const entry = await call(o.core, 'workFile.planSave', planInput);
    expect(await refusal(o.core, 'workFile.planSave', { ...planInput, title: 'Khác' })).toMatchObject({ code: 'BAD_INPUT', fields: { notation: expect.stringContaining('01.ĐC') } });
    expect(await refusal(o.core, 'workFile.planSave', { ...planInput, notation: '01 ĐC' })).toMatchObject({ code: 'BAD_INPUT' });
    expect((await call(o.core, 'workFile.planList', { year: 2026 })).map((e) => e.notation)).toEqual(['01.ĐC']);

    const online = await handledOnline(o, 'V/v rà soát hồ sơ cấp giấy chứng nhận');
    const paper = await o.register('V/v báo cáo bằng bản giấy');

    // The officer opens the file in his unit, not in another.
    await o.actAs('Lê Minh Đức');
    expect(await refusal(o.core, 'workFile.open', { year: 2026, notation: '02.VP', title: 'Hồ sơ khác', unitId: o.unit('VP') })).toMatchObject({ code: 'FORBIDDEN' });
    const opened = await call(o.core, 'workFile.open', { year: 2026, planEntryId: entry.id });
    expect(opened).toMatchObject({ fileCode: '000.12.34.H41.2026.01.ĐC', title: planInput.title, unitName: 'Địa chính - Xây dựng', ownerName: 'Lê Minh Đức', state: 'open', openedOn: '2026-11-20', retention: '10 năm' });
    expect(opened.actions).toEqual(['file', 'unfile', 'close']);
    expect(await refusal(o.core, 'workFile.open', { year: 2026, planEntryId: entry.id })).toMatchObject({ code: 'BAD_INPUT' });

    // Filing: the owner and his unit's colleague may, the clerk of another unit may not.
    const fileId = opened.id;
    await call(o.core, 'workFile.file', { id: fileId, doc: { kind: 'incoming', id: online.id } });
    await o.actAs('Đặng Văn Nam');
    const withPaper = await call(o.core, 'workFile.file', { id: fileId, doc: { kind: 'incoming', id: paper } });
    await o.actAs('Nguyễn Thị Lan');
    expect(await refusal(o.core, 'workFile.file', { id: fileId, doc: { kind: 'incoming', id: paper } })).toMatchObject({ code: 'FORBIDDEN' });
    expect(withPaper.documents.map((d) => [d.ordinal, d.subject, d.shortfalls])).toEqual([
      [1, 'V/v rà soát hồ sơ cấp giấy chứng nhận', []],
      [2, 'V/v báo cáo bằng bản giấy', ['paperReceipt', 'noAttachment', 'notInstructed', 'notClosed']],
    ]);
    expect(withPaper.online).toBe(false);
    expect((await call(o.core, 'workFile.filesOf', { kind: 'incoming', id: paper })).map((f) => f.id)).toEqual([fileId]);

    // A colleague takes the paper one out again; he may not close, the unit head may.
    await o.actAs('Đặng Văn Nam');
    const unfiled = await call(o.core, 'workFile.unfile', { id: fileId, doc: { kind: 'incoming', id: paper } });
    expect(unfiled.online).toBe(true);
    expect(await refusal(o.core, 'workFile.close', { id: fileId })).toMatchObject({ code: 'FORBIDDEN' });
    await o.actAs('Võ Thị Mai');
    const closed = await call(o.core, 'workFile.close', { id: fileId });
    expect(closed).toMatchObject({ state: 'closed', closedOn: '2026-11-20', processedOnline: true, actions: [] });
    expect(closed.exports.map((e) => [e.mime, e.name])).toEqual([
      ['application/pdf', 'ho-so_000.12.34.H41.2026.01.DC.pdf'],
      ['application/xml', 'ho-so_000.12.34.H41.2026.01.DC.xml'],
    ]);
    expect(await refusal(o.core, 'workFile.file', { id: fileId, doc: { kind: 'incoming', id: paper } })).toMatchObject({ code: 'WRONG_STATE' });

    // The PDF: cover, table of contents, then the document's two pages; the XML is valid against the package schema.
    const pdfRef = await call(o.core, 'workFile.export', { id: fileId, format: 'pdf' });
    expect(pdfRef.hash).toBe(closed.exports[0]!.hash);
    const pdfPath = o.core.content.pathOf(pdfRef.hash);
    execFileSync('qpdf', ['--check', pdfPath]);
    expect(execFileSync('pdfinfo', [pdfPath]).toString()).toMatch(/Pages:\s+4\n/);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
    const pages = text.split('\f');
    expect(pages[0]).toContain('Mã hồ sơ: 000.12.34.H41.2026.01.ĐC');
    expect(pages[0]).toContain('Hồ sơ rà soát đất đai năm 2026');
    expect(pages[0]).toContain('Số lượng văn bản: 1; số trang: 2');
    expect(pages[0]).toContain('Xử lý hoàn toàn trên môi trường mạng: Có');
    expect(pages[1]).toContain('MỤC LỤC VĂN BẢN');
    // Wrapped cells interleave in the text, so the table is checked by its words that fit one line.
    expect(pages[1]).toContain(`${online.codeNumber}/`);
    expect(pages[1]).toMatch(/18\/11\/2026\s+Sở Tài nguyên/);
    expect(pages[1]).toContain('Văn bản đến số');
    expect(pages[2]).toContain('HANDLED ONLINE - trang 1');
    expect(pages[3]).toContain('HANDLED ONLINE - trang 2');

    const xmlRef = await call(o.core, 'workFile.export', { id: fileId, format: 'xml' });
    const xmlPath = o.core.content.pathOf(xmlRef.hash);
    const schema = path.join(import.meta.dirname, '../../resources/xml/work-file.xsd');
    execFileSync('xmllint', ['--noout', '--schema', schema, xmlPath], { stdio: 'pipe' });
    const xml = (await o.core.content.read(xmlRef.hash)).toString('utf8');
    expect(xml).toContain('<FileCode>000.12.34.H41.2026.01.ĐC</FileCode>');
    expect(xml).toContain('<FileCatalog>2026</FileCatalog>');
    expect(xml).toContain('<FileNotation>01.ĐC</FileNotation>');
    expect(xml).toContain('<DocOrdinal>1</DocOrdinal>');
    expect(xml).toContain('<PageAmount>2</PageAmount>');
    expect(xml).toContain(`<FileHash>${online.hash}</FileHash>`);
    expect(xml).toContain('<ProcessedOnline>true</ProcessedOnline>');
    // A package that breaks the schema is refused by the same check, so the check means something.
    const broken = path.join(o.dir, 'broken.xml');
    writeFileSync(broken, xml.replace('<DocOrdinal>1</DocOrdinal>', '<DocOrdinal>một</DocOrdinal>'));
    expect(() => execFileSync('xmllint', ['--noout', '--schema', schema, broken], { stdio: 'pipe' })).toThrow();

    // Every change is one event and one outbox mutation of its record.
    const history = withDb(o.dir, (db) =>
      db
        .prepare(
          `SELECT e.entity, e.kind, e.actor, json_extract(o.payload, '$.entity') AS queued FROM events e LEFT JOIN outbox o ON o.event_id = e.id
           WHERE e.entity IN ('workFile', 'filePlanEntry') ORDER BY e.rowid`,
        )
        .all(),
    );
    expect(history).toEqual([
      { entity: 'filePlanEntry', kind: 'filePlan.added', actor: 'Nguyễn Thị Lan', queued: 'filePlanEntry' },
      { entity: 'workFile', kind: 'workFile.opened', actor: 'Lê Minh Đức', queued: 'workFile' },
      { entity: 'workFile', kind: 'workFile.filed', actor: 'Lê Minh Đức', queued: 'workFile' },
      { entity: 'workFile', kind: 'workFile.filed', actor: 'Đặng Văn Nam', queued: 'workFile' },
      { entity: 'workFile', kind: 'workFile.unfiled', actor: 'Đặng Văn Nam', queued: 'workFile' },
      { entity: 'workFile', kind: 'workFile.closed', actor: 'Võ Thị Mai', queued: 'workFile' },
    ]);
    // The closing mutation carries the exports, whose files a push uploads first.
    const closing = withDb(o.dir, (db) => db.prepare(`SELECT payload FROM outbox ORDER BY seq DESC LIMIT 1`).pluck().get() as string);
    expect(JSON.parse(closing)).toMatchObject({ set: { state: 'closed', processedOnline: 1, 'export:pdf': { hash: pdfRef.hash } }, blobs: expect.arrayContaining([pdfRef.hash, xmlRef.hash]) });
  });

  it('reports per unit the files opened, closed and closed online, as a table and a chart in PDF and XLSX', async () => {
    const o = await office();
    const online = await handledOnline(o, 'V/v kiểm tra hiện trạng sử dụng đất');
    const paper = await o.register('V/v gửi bản giấy');
    await o.actAs('Lê Minh Đức');
    const a = await call(o.core, 'workFile.open', { year: 2026, notation: '01.ĐC', title: 'Hồ sơ kiểm tra đất' });
    await call(o.core, 'workFile.file', { id: a.id, doc: { kind: 'incoming', id: online.id } });
    await call(o.core, 'workFile.close', { id: a.id });
    const b = await call(o.core, 'workFile.open', { year: 2026, notation: '02.ĐC', title: 'Hồ sơ bản giấy' });
    await call(o.core, 'workFile.file', { id: b.id, doc: { kind: 'incoming', id: paper } });
    expect((await call(o.core, 'workFile.close', { id: b.id })).processedOnline).toBe(false);
    await call(o.core, 'workFile.open', { year: 2026, notation: '03.ĐC', title: 'Hồ sơ còn mở' });
    await o.actAs('Nguyễn Thị Lan');
    await call(o.core, 'workFile.open', { year: 2026, notation: '01.VP', title: 'Hồ sơ văn phòng' });

    const kpi = await call(o.core, 'workFile.kpi', { from: '2026-11-01', to: '2026-11-30' });
    expect(kpi.units.map((u) => [u.unitName, u.opened, u.closed, u.closedOnline, u.share])).toEqual([
      ['Văn phòng', 1, 0, 0, null],
      ['Địa chính - Xây dựng', 3, 2, 1, 50],
    ]);
    expect(kpi.total).toMatchObject({ unitId: null, opened: 4, closed: 2, closedOnline: 1, share: 50 });
    expect((await call(o.core, 'workFile.kpi', { from: '2026-12-01', to: '2026-12-31' })).total).toMatchObject({ opened: 0, closed: 0, share: null });
    expect(await refusal(o.core, 'workFile.kpi', { from: '2026-12-01', to: '2026-11-01' })).toMatchObject({ code: 'BAD_INPUT' });
    const oneUnit = await call(o.core, 'workFile.kpi', { from: '2026-11-01', to: '2026-11-30', unitId: o.unit('ĐCXD') });
    expect(oneUnit.units.map((u) => u.unitName)).toEqual(['Địa chính - Xây dựng']);
    expect(oneUnit.total).toMatchObject({ opened: 3, closed: 2 });

    const pdf = await call(o.core, 'workFile.kpiExport', { from: '2026-11-01', to: '2026-11-30', format: 'pdf' });
    const pdfPath = o.core.content.pathOf(pdf.hash);
    execFileSync('qpdf', ['--check', pdfPath]);
    expect(execFileSync('pdfinfo', [pdfPath]).toString()).toMatch(/Page size:\s+842 x 595 pts/);
    const [table, chart] = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString().split('\f');
    expect(table).toContain('BÁO CÁO TỶ LỆ HỒ SƠ XỬ LÝ HOÀN TOÀN TRÊN MÔI TRƯỜNG MẠNG');
    expect(table).toMatch(/Địa chính - Xây dựng\s+3\s+2\s+1\s+50,0 %/);
    expect(table).toMatch(/Toàn cơ quan\s+4\s+2\s+1\s+50,0 %/);
    expect(chart).toContain('Tỷ lệ hồ sơ xử lý hoàn toàn trên môi trường mạng theo đơn vị');
    expect(chart).toContain('50,0 %');
    // The bars are vector rectangles: two of them (the unit and the total; Văn phòng closed nothing, so it has none).
    const content = execFileSync('qpdf', ['--qdf', '--object-streams=disable', pdfPath, '-']).toString('latin1');
    expect(content.match(/ re f\b/g)?.length).toBe(2);

    const xlsx = await call(o.core, 'workFile.kpiExport', { from: '2026-11-01', to: '2026-11-30', format: 'xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await o.core.content.read(xlsx.hash)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values).toContainEqual(['Địa chính - Xây dựng', 3, 2, 1, '50,0 %']);
    expect(values).toContainEqual(['Toàn cơ quan', 4, 2, 1, '50,0 %']);

    // The chart: a sheet of the shares as numbers (none for a unit that closed nothing) and a native bar chart over it.
    expect(book.worksheets.map((s) => s.name)).toEqual(['Tỷ lệ hồ sơ trực tuyến', 'Biểu đồ']);
    const shares: unknown[][] = [];
    book.worksheets[1]!.eachRow((row) => shares.push((row.values as unknown[]).slice(1)));
    expect(shares).toEqual([['Đơn vị', 'Tỷ lệ (%)'], ['Văn phòng'], ['Địa chính - Xây dựng', 50], ['Toàn cơ quan', 50]]);
    const xlsxPath = path.join(o.dir, 'kpi.xlsx');
    writeFileSync(xlsxPath, await o.core.content.read(xlsx.hash));
    execFileSync('xmllint', ['--noout', '-'], { input: execFileSync('unzip', ['-p', xlsxPath, 'xl/charts/chart1.xml']) });
    // LibreOffice Calc opens the workbook and prints the chart: its title is text only the chart carries.
    const [calcPdf] = await libreOfficePdfs([xlsxPath]);
    const printed = execFileSync('pdftotext', ['-layout', calcPdf!, '-']).toString().replace(/\s+/g, ' ');
    expect(printed).toContain('Tỷ lệ hồ sơ xử lý hoàn toàn trên môi trường mạng theo đơn vị (%)');
  });

  it('files an outgoing draft as not sealed, and exports an open file as it stands', async () => {
    const o = await office();
    await o.actAs('Lê Minh Đức');
    const main = await o.core.stage(await twoPagePdf('DRAFT REPLY'), 'du-thao.pdf');
    const draft = await call(o.core, 'outgoing.create', { fields: { typeName: 'Công văn', subject: 'V/v trả lời về hiện trạng đất', signerId: o.staff('Trần Văn Hùng') }, main });
    const file = await call(o.core, 'workFile.open', { year: 2026, notation: '05.ĐC', title: 'Hồ sơ trả lời' });
    const filed = await call(o.core, 'workFile.file', { id: file.id, doc: { kind: 'outgoing', id: draft.id } });
    expect(filed.documents.map((d) => [d.kind, d.subject, d.shortfalls])).toEqual([['outgoing', 'V/v trả lời về hiện trạng đất', ['notSealed']]]);
    // Filing it again changes nothing; a document this computer does not hold is refused.
    expect((await call(o.core, 'workFile.file', { id: file.id, doc: { kind: 'outgoing', id: draft.id } })).documents).toHaveLength(1);
    expect(await refusal(o.core, 'workFile.file', { id: file.id, doc: { kind: 'incoming', id: draft.id } })).toMatchObject({ code: 'BAD_INPUT' });

    const pdf = await call(o.core, 'workFile.export', { id: file.id, format: 'pdf' });
    const pdfPath = o.core.content.pathOf(pdf.hash);
    expect(execFileSync('pdfinfo', [pdfPath]).toString()).toMatch(/Pages:\s+4\n/);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
    expect(text).toContain('Thời gian: từ ngày 20 tháng 11 năm 2026 đến nay (hồ sơ đang mở)');
    expect(text).toContain('Xử lý hoàn toàn trên môi trường mạng: Không');
    expect(text).toContain('DRAFT REPLY - trang 2');
    // Made on demand, not kept: the open file still has no export of its own.
    expect((await call(o.core, 'workFile.get', { id: file.id })).exports).toEqual([]);
  });
});

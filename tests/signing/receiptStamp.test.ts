/**
 * The incoming receipt stamp ("ĐẾN") by default: an opaque, bordered box placed where page 1 has no text, with the
 * receiving organisation's name from the data folder's profile or from --org. Checked with pdftotext -bbox (the
 * stamp's words against the page's own), pdfsig, and a pdftoppm render.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { makeSelfSignedP12, signaturePng } from './fixtures';
import { pdfsig, qpdfCheck } from './pdfTools';

const ENV = 'VANTHU_RECEIPT_P12_PASSWORD';
const FONTS = path.join(import.meta.dirname, '../../resources/fonts');
let work: string;
let p12: string;
let page: string;

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** pdftotext -bbox: every word of page 1 with its box (points from the top-left corner). */
function words(file: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: m[5]!.replace(/&amp;/g, '&'),
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
  }));
}

const key = (w: Word) => `${w.text}@${w.xMin.toFixed(1)},${w.yMin.toFixed(1)}`;
const overlaps = (a: Word, b: Word) => a.xMin < b.xMax && b.xMin < a.xMax && a.yMin < b.yMax && b.yMin < a.yMax;

/**
 * An official letter (công văn) laid out as Decree 30 asks, on A4: the issuing body and the number on the left, the
 * national name and the place and date on the right, the addressee, a body reaching down the page, the signature
 * block. Dense at the top, as real ones are.
 */
async function makeDecree30Letter(file: string): Promise<void> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(readFileSync(path.join(FONTS, 'LiberationSerif-Regular.ttf')), { subset: true });
  const bold = await doc.embedFont(readFileSync(path.join(FONTS, 'LiberationSerif-Bold.ttf')), { subset: true });
  const p = doc.addPage([595.28, 841.89]);
  const centred = (pg: PDFPage, text: string, centre: number, top: number, size: number, font: PDFFont) =>
    pg.drawText(text, { x: centre - font.widthOfTextAtSize(text, size) / 2, y: 841.89 - top, size, font });
  centred(p, 'UBND TỈNH THỬ NGHIỆM', 170, 70, 13, regular);
  centred(p, 'SỞ NỘI VỤ', 170, 86, 13, bold);
  centred(p, 'Số: 125/SNV-VP', 170, 112, 13, regular);
  centred(p, 'V/v triển khai ký số văn bản đến', 170, 128, 12, regular);
  centred(p, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 400, 70, 12, bold);
  centred(p, 'Độc lập - Tự do - Hạnh phúc', 400, 86, 13, bold);
  centred(p, 'Thử Nghiệm, ngày 15 tháng 11 năm 2026', 400, 112, 13, regular);
  centred(p, 'Kính gửi: Ủy ban nhân dân các huyện, thị xã, thành phố', 320, 165, 14, regular);
  const body =
    'Thực hiện Nghị định số 30/2020/NĐ-CP của Chính phủ về công tác văn thư, Sở Nội vụ đề nghị các cơ quan, đơn vị triển khai tiếp nhận văn bản điện tử có chữ ký số, đóng dấu đến điện tử, đăng ký vào sổ và trình lãnh đạo trong ngày làm việc; văn bản không hợp lệ được trả lại nơi gửi kèm lý do.';
  const words = body.split(' ');
  let line = '';
  let top = 200;
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (regular.widthOfTextAtSize(next, 14) > 595.28 - 85 - 57) {
      p.drawText(line, { x: 85, y: 841.89 - top, size: 14, font: regular });
      line = word;
      top += 21;
    } else line = next;
  }
  p.drawText(line, { x: 85, y: 841.89 - top, size: 14, font: regular });
  p.drawText('Nơi nhận:', { x: 85, y: 841.89 - (top + 50), size: 12, font: bold });
  p.drawText('- Như trên;', { x: 85, y: 841.89 - (top + 65), size: 11, font: regular });
  p.drawText('- Lưu: VT, VP.', { x: 85, y: 841.89 - (top + 80), size: 11, font: regular });
  centred(p, 'GIÁM ĐỐC', 420, top + 50, 13, bold);
  centred(p, 'Nguyễn Thị Văn Thư', 420, top + 150, 13, bold);
  writeFileSync(file, await doc.save());
}

async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** The words the signature added: those of the signed page that the original page does not have. */
function stampWords(original: string, signed: string): { stamp: Word[]; page: Word[] } {
  const before = words(original);
  const known = new Set(before.map(key));
  return { stamp: words(signed).filter((w) => !known.has(key(w))), page: before };
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'vanthu-receipt-'));
  process.env[ENV] = 'đến-thử';
  p12 = makeSelfSignedP12(work, 'Trần Văn Văn Thư', process.env[ENV]);
  page = path.join(work, 'cong-van.pdf');
  await makeDecree30Letter(page);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const signer = () => ['--p12', p12, '--password-env', ENV];
const receipt = ['--kind', 'receipt', '--number', '4711', '--date', '2026-11-16', '--forward', 'Phòng Tư pháp'];

describe('the ĐẾN receipt stamp', () => {
  it('by default covers none of page 1’s words nor an earlier signature, and names the organisation from the profile', async () => {
    const data = path.join(work, 'data');
    expect((await cli(['--data', data, 'init', '--org-name', 'Ủy ban nhân dân huyện Thử Nghiệm', '--organ-id', '000.00.00.H41', '--abbrev', 'UBND'])).code).toBe(0);
    // The leader's signature image already sits in the free space between the recipients and the title.
    const approved = path.join(work, 'approved.pdf');
    writeFileSync(path.join(work, 'signature.png'), signaturePng());
    const approval = { x: 150, y: 460, width: 210, height: 120 };
    const approve = ['--kind', 'approval', '--rect', `${approval.x},${approval.y},${approval.width},${approval.height}`, '--image', path.join(work, 'signature.png')];
    expect(await cli(['sign', page, '-o', approved, ...signer(), ...approve])).toMatchObject({ code: 0, err: [] });
    const signed = path.join(work, 'received.pdf');
    expect(await cli(['--data', data, 'sign', approved, '-o', signed, ...signer(), ...receipt])).toMatchObject({ code: 0, err: [] });

    const { stamp, page: original } = stampWords(approved, signed);
    const approvalBox: Word = { text: 'chữ ký', xMin: approval.x, xMax: approval.x + approval.width, yMin: 841.89 - approval.y - approval.height, yMax: 841.89 - approval.y };
    expect(stamp.filter((w) => overlaps(w, approvalBox))).toEqual([]);
    const text = stamp.map((w) => w.text).join(' ');
    expect(text).toContain('ỦY BAN NHÂN DÂN HUYỆN THỬ NGHIỆM');
    expect(text).toContain('ĐẾN');
    expect(text).toContain('Số: 4711');
    expect(text).toContain('Chuyển: Phòng Tư pháp');
    for (const w of stamp) expect(original.filter((o) => overlaps(o, w)).map((o) => `${o.text} under ${w.text}`)).toEqual([]);
    expect(pdfsig(signed).map((s) => s.valid)).toEqual([true, true]);
    expect(qpdfCheck(signed).ok).toBe(true);
  });

  it('takes the organisation from --org without a data folder, and is an opaque box: no page text shows through', async () => {
    const signed = path.join(work, 'received-org.pdf');
    expect(await cli(['--data', path.join(work, 'no-data'), 'sign', page, '-o', signed, ...signer(), ...receipt, '--org', 'SỞ TƯ PHÁP', '--page', '1', '--rect', '60,700,200,110'])).toMatchObject({
      code: 0,
      err: [],
    });
    // Placed over the header on purpose: the header's words are hidden behind the white box, the stamp's are shown.
    const { stamp } = stampWords(page, signed);
    expect(stamp.map((w) => w.text).join(' ')).toContain('SỞ TƯ PHÁP');
    const prefix = path.join(work, 'over-header');
    execFileSync('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', '-singlefile', '-x', '64', '-y', String(Math.round(841.89 - 806)), '-W', '192', '-H', '102', signed, prefix]);
    const ppm = readFileSync(`${prefix}.ppm`);
    let at = 0;
    for (let fields = 0; fields < 4; at++) if (ppm[at] === 0x0a || ppm[at] === 0x20) fields++;
    let black = 0;
    let red = 0;
    for (let i = at; i + 2 < ppm.length; i += 3) {
      if (ppm[i]! < 80 && ppm[i + 1]! < 80 && ppm[i + 2]! < 80) black++;
      else if (ppm[i]! > 150 && ppm[i + 1]! < 90 && ppm[i + 2]! < 90) red++;
    }
    expect(black).toBe(0);
    expect(red).toBeGreaterThan(200);
  });
});

/**
 * PDFs that LibreOffice Writer exports, as offices make them from their .odt/.docx drafts: a Decree 30 quyết định
 * (tests/fixtures/libreoffice/quyet-dinh.fodt, Times New Roman, which resolves to its metric twin Liberation Serif here)
 * converted headless as a plain PDF, as PDF/A-1 (LibreOffice makes it level A, tagged) and PDF/A-2b, and as a
 * tagged PDF. Each is signed three times with the command line (the leader's approval, the organisation's issuing seal
 * with number and date, the receiving organisation's ĐẾN stamp), then checked with tools the project did not write: pdfsig, qpdf, openssl cms, pdftotext,
 * pdffonts and a pdftoppm render. The plain export also carries what files pick up after an office program wrote them:
 * earlier incremental updates with a linked free list and a number reused at generation 1, and odd bytes after %%EOF.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { parsePdfaIdentification } from '../../electron/core/signing/pdf/pdfaConformance';
import { createTestPki, type TestCert, type TestPki } from '../support/testPki';
import { sealPng, signaturePng } from './fixtures';
import { opensslVerify, pdfsig, qpdfCheck, signaturesByQpdf } from './pdfTools';

const SOURCE = path.join(import.meta.dirname, '..', 'fixtures', 'libreoffice', 'quyet-dinh.fodt');
const ENV = 'VANTHU_TEST_P12_PASSWORD';

/** Writer's PDF export filter options, in the JSON form LibreOffice 7.4 and later read after the filter name. */
const FLAVOURS = {
  plain: {},
  pdfa1a: { SelectPdfVersion: { type: 'long', value: '1' } },
  pdfa2b: { SelectPdfVersion: { type: 'long', value: '2' } },
  tagged: { UseTaggedPDF: { type: 'boolean', value: 'true' } },
} as const;
type Flavour = keyof typeof FLAVOURS;

const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8', timeout: 30_000 });
const sofficeVersion = soffice.status === 0 ? /LibreOffice [\d.]+/.exec(soffice.stdout)?.[0] : undefined;
if (!sofficeVersion) {
  console.warn(`libreoffice.test.ts skipped: soffice is not installed (${soffice.error?.message ?? soffice.stderr}); .ci/run installs libreoffice-writer-nogui`);
}

let pki: TestPki;
let receiver: TestCert;
let work: string;
const inputs = {} as Record<Flavour, string>;

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

/** One headless conversion; a profile of its own and a writable HOME keep it independent of the machine's user. */
function convert(flavour: Flavour): string {
  const dir = path.join(work, flavour);
  mkdirSync(dir, { recursive: true });
  const options = Object.keys(FLAVOURS[flavour]).length ? `:writer_pdf_Export:${JSON.stringify(FLAVOURS[flavour])}` : ':writer_pdf_Export';
  const result = spawnSync(
    'soffice',
    ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(work, 'lo-profile')}`, '--convert-to', `pdf${options}`, '--outdir', dir, path.join(work, 'quyet-dinh.fodt')],
    { encoding: 'utf8', timeout: 60_000, env: { ...process.env, HOME: path.join(work, 'home') } },
  );
  const output = path.join(dir, 'quyet-dinh.pdf');
  // soffice exits 0 even when it cannot load the document (e.g. Writer missing): its stderr says so.
  expect(qpdfCheck(output).ok, `${flavour}: ${result.stdout}${result.stderr}`).toBe(true);
  return output;
}

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Page 1's words with their boxes as pdftotext measures them (points from the top-left corner), and the page height. */
function wordsOnPage1(file: string): { words: Word[]; height: number } {
  const xhtml = run('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-']);
  const height = Number(/<page width="[\d.]+" height="([\d.]+)"/.exec(xhtml)![1]);
  const words = [...xhtml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: m[5]!,
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
  }));
  return { words, height };
}

/**
 * Where the issuing step writes and signs, found in the exported page itself (LibreOffice's line breaking decides):
 * the date after the place name, the number on the same line under the organisation's name, and the signer's area
 * between the title and the name. Coordinates in points from the lower-left corner, as the command line takes them.
 */
function placesOf(file: string) {
  const { words, height } = wordsOnPage1(file);
  const word = (text: string) => {
    const found = words.find((w) => w.text === text);
    expect(found, `"${text}" on page 1`).toBeDefined();
    return found!;
  };
  // A line box reaches about a fifth of its height below the baseline.
  const baseline = (w: Word) => height - w.yMax + (w.yMax - w.yMin) * 0.2;
  const place = word('Nghiệm,');
  const organisation = [word('ỦY'), word('DÂN')];
  const title = word('PHÓ');
  const name = word('Trần');
  const top = height - title.yMax - 4;
  const bottom = height - name.yMin + 4;
  const x = title.xMin - 25;
  return {
    numberAt: `1,${(organisation[0]!.xMin + organisation[1]!.xMax) / 2 - 48},${baseline(place)}`,
    dateAt: `1,${place.xMax + 4},${baseline(place)}`,
    signatureArea: { x, y: bottom, width: 170, height: top - bottom },
    rect: `${x},${bottom},170,${top - bottom}`,
  };
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/**
 * Approval, issue and receipt through `vanthu sign`, into work/<label>/; after each, the output begins with the input
 * and pdfsig accepts every signature.
 */
async function signThreeTimes(label: string, input: string): Promise<string[]> {
  const places = placesOf(input);
  mkdirSync(path.join(work, label), { recursive: true });
  const key = (cert: TestCert) => ['--p12', cert.p12Path!, '--password-env', ENV];
  const steps: [string, string[]][] = [
    ['approval', [...key(pki.leaf), '--kind', 'approval', '--rect', places.rect, '--image', path.join(work, 'signature.png')]],
    [
      'issue',
      [
        ...key(pki.orgLeaf), '--kind', 'issue', '--rect', places.rect, '--image', path.join(work, 'seal.png'), '--number', '125', '--notation', 'QĐ-SNV',
        '--date', '2026-11-15', '--number-at', places.numberAt, '--date-at', places.dateAt,
      ],
    ],
    ['receipt', [...key(receiver), '--kind', 'receipt', '--number', '4711', '--date', '2026-11-16', '--forward', 'Phòng Hành chính - Tư pháp', '--org', 'SỞ TƯ PHÁP TỈNH THỬ NGHIỆM']],
  ];
  const files = [input];
  for (const [kind, args] of steps) {
    const from = files[files.length - 1]!;
    const output = path.join(work, label, `${kind}.pdf`);
    expect(await cli(['sign', from, '-o', output, ...args]), `${label}/${kind}`).toEqual({ code: 0, out: expect.any(String) as string, err: '' });
    const before = readFileSync(from);
    expect(readFileSync(output).subarray(0, before.length).equals(before), `${label}/${kind}: the output begins with the input's bytes`).toBe(true);
    const signatures = pdfsig(output);
    expect(signatures.map((s) => s.valid), `${label}/${kind}: pdfsig`).toEqual(Array<boolean>(files.length).fill(true));
    expect(signatures[signatures.length - 1]!.totalDocumentSigned, `${label}/${kind}: the last signature covers the whole file`).toBe(true);
    files.push(output);
  }
  return files;
}

/** The checks every file must pass once signed three times: `original` is the unsigned input. */
async function expectSoundlySigned(label: string, original: string, last: string): Promise<void> {
  expect(qpdfCheck(last)).toMatchObject({ ok: true });
  const signatures = signaturesByQpdf(last);
  expect(signatures).toHaveLength(3);
  for (const signature of signatures) {
    const verdict = opensslVerify(last, signature.byteRange, signature.contents, pki.rootPemPath, path.join(work, label));
    expect(verdict.ok, verdict.output).toBe(true);
  }
  const verified = await cli(['verify', last, '--trust', pki.rootPemPath, '--json']);
  expect(verified.code, verified.err).toBe(0);
  const report = JSON.parse(verified.out) as { valid: boolean; signatures: { signer: string; intact: boolean; trusted: boolean; changesAfter: string }[] };
  expect(report.valid).toBe(true);
  expect(report.signatures.map(({ signer, intact, trusted, changesAfter }) => [signer, intact, trusted, changesAfter])).toEqual([
    ['Nguyễn Văn An', true, true, 'allowed'],
    ['Ủy ban nhân dân tỉnh Thử Nghiệm', true, true, 'allowed'],
    ['Sở Tư pháp tỉnh Thử Nghiệm', true, true, 'none'],
  ]);

  // The page's own words come out of the signed file exactly as LibreOffice wrote them; the number, the date and the
  // stamp are new words on top.
  const signed = wordsOnPage1(last).words.map((w) => w.text);
  const remaining = [...signed];
  for (const text of wordsOnPage1(original).words.map((w) => w.text)) {
    const at = remaining.indexOf(text);
    expect(at, `"${text}" still on the signed page`).toBeGreaterThanOrEqual(0);
    remaining.splice(at, 1);
  }
  const text = run('pdftotext', ['-layout', last, '-']);
  for (const line of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Về việc ban hành Quy chế văn thư, lưu trữ điện tử', 'Trần Thị Bình']) {
    expect(text).toContain(line);
  }
  // Every font is embedded, LibreOffice's subsets and the appearances' alike.
  expect(run('pdffonts', [last]).split('\n').slice(2).filter((l) => l.trim() && !/\byes\s+yes\b/.test(l))).toEqual([]);
}

/** Counts blue (signature ink) and red (seal) pixels of page 1 inside a box given in points from the lower-left corner. */
function inkIn(file: string, box: { x: number; y: number; width: number; height: number }): { blue: number; red: number } {
  const { height } = wordsOnPage1(file);
  const prefix = path.join(path.dirname(file), `${path.basename(file, '.pdf')}-area`);
  run('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', '-singlefile', '-x', String(Math.round(box.x)), '-y', String(Math.round(height - box.y - box.height)), '-W', String(Math.round(box.width)), '-H', String(Math.round(box.height)), file, prefix]);
  const ppm = readFileSync(`${prefix}.ppm`);
  let at = 0;
  for (let fields = 0; fields < 4; at++) if (ppm[at] === 0x0a || ppm[at] === 0x20) fields++;
  let blue = 0;
  let red = 0;
  for (let i = at; i + 2 < ppm.length; i += 3) {
    const [r, g, b] = [ppm[i]!, ppm[i + 1]!, ppm[i + 2]!];
    if (b > 150 && r < 90 && g < 110) blue++;
    else if (r > 150 && g < 90 && b < 90) red++;
  }
  return { blue, red };
}

/** The catalog of the file's last revision, as qpdf shows it. */
function catalogOf(file: string): string {
  const root = /\/Root (\d+) 0 R/.exec(run('qpdf', ['--show-object=trailer', file]))![1]!;
  return run('qpdf', [`--show-object=${root}`, file]);
}

/** The PDF/A part and conformance that the catalog's XMP metadata names. */
function pdfaOf(file: string) {
  const metadata = /\/Metadata (\d+) 0 R/.exec(catalogOf(file));
  return metadata ? parsePdfaIdentification(run('qpdf', [`--show-object=${metadata[1]}`, '--filtered-stream-data', file])) : null;
}

/**
 * Appends an update the way word processors and editors save incrementally: a classic table whose rows end in "\r\n",
 * freed numbers linked into the free list through object 0 (each free entry names the next free number and the
 * generation the number will have when it is used again), and "%%EOF\r\n" at the end.
 */
function appendUpdate(input: string, output: string, update: { objects: { num: number; gen: number; body: string }[]; freed: { num: number; gen: number }[]; trailer: string }): void {
  const original = readFileSync(input);
  const tail = original.subarray(-1024).toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)![1]);
  const id = /\/ID \[[^\]]*\]/.exec(run('qpdf', ['--show-object=trailer', input]))![0];
  const rows = new Map<number, string>();
  let body = '';
  for (const object of update.objects) {
    rows.set(object.num, `${String(original.length + body.length).padStart(10, '0')} ${String(object.gen).padStart(5, '0')} n\r\n`);
    body += `${object.num} ${object.gen} obj\r\n${object.body}\r\nendobj\r\n`;
  }
  const freed = [...update.freed].sort((a, b) => a.num - b.num);
  rows.set(0, `${String(freed[0]?.num ?? 0).padStart(10, '0')} 65535 f\r\n`);
  freed.forEach((f, i) => rows.set(f.num, `${String(freed[i + 1]?.num ?? 0).padStart(10, '0')} ${String(f.gen).padStart(5, '0')} f\r\n`));
  let table = 'xref\r\n';
  const numbers = [...rows.keys()].sort((a, b) => a - b);
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    table += `${numbers[i]} ${j - i + 1}\r\n${numbers.slice(i, j + 1).map((n) => rows.get(n)).join('')}`;
    i = j + 1;
  }
  const xrefAt = original.length + body.length;
  const trailer = `trailer\r\n<< ${update.trailer} ${id} /Prev ${prev} >>\r\nstartxref\r\n${xrefAt}\r\n%%EOF\r\n`;
  writeFileSync(output, Buffer.concat([original, Buffer.from(body + table + trailer, 'latin1')]));
}

describe.skipIf(!sofficeVersion)(`signing PDFs exported by ${sofficeVersion ?? 'LibreOffice'}`, () => {
  beforeAll(() => {
    pki = createTestPki();
    work = path.join(pki.dir, 'libreoffice');
    mkdirSync(path.join(work, 'home'), { recursive: true });
    copyFileSync(SOURCE, path.join(work, 'quyet-dinh.fodt'));
    writeFileSync(path.join(work, 'signature.png'), signaturePng());
    writeFileSync(path.join(work, 'seal.png'), sealPng());
    receiver = pki.issue({
      name: 'receiver',
      subject: '/C=VN/O=Sở Tư pháp tỉnh Thử Nghiệm/CN=Sở Tư pháp tỉnh Thử Nghiệm',
      issuer: pki.intermediate,
      extensions: ['basicConstraints = critical,CA:FALSE', 'keyUsage = critical,digitalSignature,nonRepudiation'],
      p12: true,
    });
    for (const flavour of Object.keys(FLAVOURS) as Flavour[]) inputs[flavour] = convert(flavour);
  }, 120_000);
  afterAll(() => pki?.cleanup());

  it('plain export (classic cross-reference table, LibreOffice trailer keys): three signatures, number, date and stamp on the page', async () => {
    const input = inputs.plain;
    expect(run('pdfinfo', [input])).toMatch(/Producer:\s+LibreOffice/);
    expect(pdfaOf(input)).toBeNull();
    expect(readFileSync(input).toString('latin1')).toMatch(/\nxref\n0 \d+\n[\s\S]*\/DocChecksum \/[0-9A-F]{32}\n>>\nstartxref\n\d+\n%%EOF\n$/);
    const files = await signThreeTimes('plain', input);
    const last = files[files.length - 1]!;
    await expectSoundlySigned('plain', input, last);

    const text = run('pdftotext', ['-layout', last, '-']);
    expect(text).toContain('Số: 125/QĐ-SNV');
    expect(text).toMatch(/Thử Nghiệm, +ngày 15 tháng 11 năm 2026/);
    expect(text).toContain('SỞ TƯ PHÁP TỈNH THỬ NGHIỆM');
    expect(text).toContain('Số: 4711');

    const { signatureArea } = placesOf(input);
    const approved = inkIn(files[1]!, signatureArea);
    expect(approved.blue).toBeGreaterThan(200);
    expect(approved.red).toBe(0);
    // The seal covers the left third of the signer's image: red over the area's left edge, blue still on the right.
    expect(inkIn(last, { ...signatureArea, width: signatureArea.width / 3 }).red).toBeGreaterThan(200);
    expect(inkIn(last, { ...signatureArea, x: signatureArea.x + signatureArea.width / 2, width: signatureArea.width / 2 }).blue).toBeGreaterThan(100);
  });

  for (const [flavour, part, conformance] of [
    ['pdfa1a', 1, 'A'],
    ['pdfa2b', 2, 'B'],
  ] as const) {
    it(`PDF/A-${part}${conformance.toLowerCase()} export: signed three times, still names itself so, with its output intent`, async () => {
      expect(pdfaOf(inputs[flavour])).toEqual({ part, conformance });
      const files = await signThreeTimes(flavour, inputs[flavour]);
      const last = files[files.length - 1]!;
      await expectSoundlySigned(flavour, inputs[flavour], last);
      expect(pdfaOf(last)).toEqual({ part, conformance });
      expect(catalogOf(last)).toMatch(/\/OutputIntents/);
      // PDF/A-1 forbids transparency: LibreOffice's file has none, and neither may the signatures' images and stamp.
      if (part === 1) expect(run('qpdf', ['--json=2', '--json-key=qpdf', last])).not.toMatch(/"\/(SMask|Group|CA|ca)"/);
      const { signatureArea } = placesOf(inputs[flavour]);
      expect(inkIn(files[1]!, signatureArea).blue).toBeGreaterThan(200);
    });
  }

  it('a /Prev chain of two earlier updates that free objects and reuse a number at generation 1 for the page', async () => {
    const base = inputs.plain;
    const show = (object: string, file = base) => run('qpdf', [`--show-object=${object}`, file]).trim();
    const trailer = show('trailer');
    const [root, info, size] = [/\/Root (\d+) 0 R/, /\/Info (\d+) 0 R/, /\/Size (\d+)/].map((re) => Number(re.exec(trailer)![1]));
    const catalog = show(String(root));
    const pages = Number(/\/Pages (\d+) 0 R/.exec(catalog)![1]);
    const page = Number(/\/Kids \[ (\d+) 0 R \]/.exec(show(String(pages)))![1]);
    expect(catalog, 'LibreOffice opens the document at the page').toContain(`/OpenAction [ ${page} 0 R`);
    // Update 1: a new information dictionary; the old one's number is freed, to be reused at generation 1.
    const once = path.join(work, 'updated-once.pdf');
    appendUpdate(base, once, {
      objects: [{ num: size!, gen: 0, body: '<< /Title (Quyet dinh 125/QD-SNV) /Producer (LibreOffice, then saved again) >>' }],
      freed: [{ num: info!, gen: 1 }],
      trailer: `/Size ${size! + 1} /Root ${root} 0 R /Info ${size} 0 R`,
    });
    // Update 2: the page moves to that reused number; its old number is freed and everything that named it follows.
    const twice = path.join(work, 'updated-twice.pdf');
    const moved = `${info} 1 R`;
    appendUpdate(once, twice, {
      objects: [
        { num: info!, gen: 1, body: show(String(page)) },
        { num: pages, gen: 0, body: show(String(pages)).replace(`${page} 0 R`, moved) },
        { num: root!, gen: 0, body: catalog.replace(`${page} 0 R`, moved) },
      ],
      freed: [{ num: page, gen: 1 }],
      trailer: `/Size ${size! + 1} /Root ${root} 0 R /Info ${size} 0 R`,
    });
    expect(qpdfCheck(twice)).toMatchObject({ ok: true });
    expect(show(`${info},1`, twice)).toMatch(/\/Type \/Page\b/);

    const files = await signThreeTimes('prev-chain', twice);
    const last = files[files.length - 1]!;
    await expectSoundlySigned('prev-chain', twice, last);
    // The signatures went onto the page at its new number and generation, whose update kept generation 1.
    const signedPage = show(`${info},1`, last);
    expect(signedPage).toMatch(/\/Annots \[ (\d+ 0 R ?)+\]/);
    expect(signedPage).toContain(`/Parent ${pages} 0 R`);
    expect(run('pdfinfo', [last])).toMatch(/Title:\s+Quyet dinh 125\/QD-SNV/);
    expect(inkIn(files[1]!, placesOf(twice).signatureArea).blue).toBeGreaterThan(200);
  });

  for (const [name, label, ending] of [
    ['ending-cr', 'a bare carriage return after %%EOF', '%%EOF\r'],
    ['ending-none', 'no end-of-line after %%EOF', '%%EOF'],
    ['ending-nul', 'NUL padding after %%EOF (as some upload and mail systems leave)', `%%EOF\r\n${'\0'.repeat(600)}`],
    ['ending-html', 'an HTML error page after %%EOF', '%%EOF\n<html><body>Phiên làm việc đã hết hạn</body></html>\n'],
  ] as const) {
    it(`a file ending with ${label}: the bytes stay as they are and every signature holds`, async () => {
      const original = readFileSync(inputs.plain);
      expect(original.subarray(-6).toString('latin1')).toBe('%%EOF\n');
      const input = path.join(work, `${name}.pdf`);
      writeFileSync(input, Buffer.concat([original.subarray(0, -6), Buffer.from(ending, 'utf8')]));
      const files = await signThreeTimes(name, input);
      await expectSoundlySigned(name, input, files[files.length - 1]!);
    });
  }

  it('tagged export: the structure tree, marked-content flag and language survive three signatures', async () => {
    const before = catalogOf(inputs.tagged);
    expect(before).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(before).toMatch(/\/MarkInfo/);
    const files = await signThreeTimes('tagged', inputs.tagged);
    const last = files[files.length - 1]!;
    await expectSoundlySigned('tagged', inputs.tagged, last);
    const after = catalogOf(last);
    // The same structure tree object, not a copy: the tags still point into the page's marked content.
    expect(after).toContain(/\/StructTreeRoot \d+ 0 R/.exec(before)![0]);
    expect(/\/MarkInfo <<[^>]*>>/.exec(after)?.[0]).toBe(/\/MarkInfo <<[^>]*>>/.exec(before)?.[0]);
    expect(/\/Lang \([^)]*\)/.exec(after)?.[0]).toBe(/\/Lang \([^)]*\)/.exec(before)?.[0]);
    expect(after).toMatch(/\/AcroForm \d+ 0 R/);
    expect(run('pdfinfo', [last])).toMatch(/Tagged:\s+yes/);
  });
});

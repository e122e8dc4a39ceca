/**
 * A PDF/A file stays PDF/A after signing. Ghostscript makes PDF/A-1b and PDF/A-2b inputs; the command line signs them
 * with a transparent PNG; qpdf (an independent parser) shows what the new revision holds: for part 1 no soft mask, no
 * transparency group, no constant alpha, a stencil /Mask instead, CIE-based colour, a CIDSet for the font subset and
 * printable annotations with appearances. pdfsig, qpdf --check and a pdftoppm render check the result.
 * No PDF/A validator runs here: veraPDF is neither a Debian nor an npm package.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { parsePdfaIdentification } from '../../electron/core/signing/pdf/pdfaConformance';
import { makeSelfSignedP12, sealPng, signaturePng } from './fixtures';
import { pdfsig, qpdfCheck } from './pdfTools';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type QpdfObject = { value?: Json; stream?: { dict: Record<string, Json> } };

let work: string;
const ENV = 'VANTHU_PDFA_P12_PASSWORD';

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

/** Every object of the file as qpdf reads it, by "obj:N G R". */
function objects(file: string): Record<string, QpdfObject> {
  return (JSON.parse(run('qpdf', ['--json=2', '--json-key=qpdf', file])) as { qpdf: [unknown, Record<string, QpdfObject>] }).qpdf[1];
}

/** The dictionaries the signature's revision added or replaced (stream dictionaries included). */
function newRevision(input: string, output: string): Record<string, Record<string, Json>> {
  const before = objects(input);
  const after = objects(output);
  const out: Record<string, Record<string, Json>> = {};
  for (const [key, object] of Object.entries(after)) {
    if (!key.startsWith('obj:') || JSON.stringify(before[key]) === JSON.stringify(object)) continue;
    const dict = object.stream?.dict ?? object.value;
    if (dict && typeof dict === 'object' && !Array.isArray(dict)) out[key] = dict;
  }
  return out;
}

/** Every dictionary nested anywhere in a value. */
function* dictionaries(value: Json): Generator<Record<string, Json>> {
  if (Array.isArray(value)) for (const v of value) yield* dictionaries(v);
  else if (value && typeof value === 'object') {
    yield value;
    for (const v of Object.values(value)) yield* dictionaries(v);
  }
}

const refKey = (ref: Json) => `obj:${String(ref)}`;

/** An sRGB ICC profile shipped with Ghostscript, for a PDF/A output intent. */
const SRGB_PROFILE = (() => {
  const root = '/usr/share/ghostscript';
  for (const version of readdirSync(root)) {
    const file = path.join(root, version, 'iccprofiles', 'default_rgb.icc');
    if (existsSync(file)) return file;
  }
  throw new Error('Ghostscript ships no default_rgb.icc');
})();

/**
 * A page of text as Ghostscript writes PDF/A from PostScript (its fonts embedded as the standard asks); with
 * `outputIntent`, the catalog also carries a GTS_PDFA1 output intent with an sRGB profile.
 */
function makePdfa(part: 1 | 2, { outputIntent = false } = {}): string {
  const ps = path.join(work, 'page.ps');
  writeFileSync(
    ps,
    ['%!PS', '/Times-Roman findfont 14 scalefont setfont', '72 760 moveto (UY BAN NHAN DAN TINH THU NGHIEM) show', '72 740 moveto (So: 12/UBND-VP) show', '72 400 moveto (CHU TICH) show', 'showpage'].join('\n'),
  );
  const intent = path.join(work, 'intent.ps');
  writeFileSync(
    intent,
    [
      '[/_objdef {icc} /type /stream /OBJ pdfmark',
      '[{icc} << /N 3 >> /PUT pdfmark',
      `[{icc} (${SRGB_PROFILE}) (r) file /PUT pdfmark`,
      '[/_objdef {intent} /type /dict /OBJ pdfmark',
      '[{intent} << /Type /OutputIntent /S /GTS_PDFA1 /DestOutputProfile {icc} /OutputConditionIdentifier (sRGB) >> /PUT pdfmark',
      '[{Catalog} << /OutputIntents [ {intent} ] >> /PUT pdfmark',
    ].join('\n'),
  );
  const out = path.join(work, `pdfa-${part}${outputIntent ? '-intent' : ''}.pdf`);
  const intentArgs = outputIntent ? ['-sColorConversionStrategy=RGB', `--permit-file-read=${SRGB_PROFILE}`, intent] : [];
  run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sPAPERSIZE=a4', `-dPDFA=${part}`, '-dPDFACompatibilityPolicy=1', '-sDEVICE=pdfwrite', `-sOutputFile=${out}`, ...intentArgs, ps]);
  return out;
}

async function sign(input: string, output: string, args: string[]): Promise<void> {
  const err: string[] = [];
  const code = await runCli(['sign', input, '-o', output, '--p12', path.join(work, 'signer.p12'), '--password-env', ENV, ...args], { out: () => {}, err: (l) => err.push(l) });
  expect({ code, err }).toEqual({ code: 0, err: [] });
}

/** Pixels of the rendered page inside a box given in points from the top-left corner, at 72 dpi. */
function pixels(file: string, box: { x: number; y: number; width: number; height: number }): { blue: number; dark: number; total: number } {
  const prefix = path.join(work, `render-${path.basename(file, '.pdf')}`);
  execFileSync('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', '-singlefile', '-x', String(box.x), '-y', String(box.y), '-W', String(box.width), '-H', String(box.height), file, prefix]);
  const ppm = readFileSync(`${prefix}.ppm`);
  // P6 header: "P6\n<w> <h>\n255\n"
  let at = 0;
  for (let fields = 0; fields < 4; at++) if (ppm[at] === 0x0a || ppm[at] === 0x20) fields++;
  let blue = 0;
  let dark = 0;
  for (let i = at; i + 2 < ppm.length; i += 3) {
    const [r, g, b] = [ppm[i]!, ppm[i + 1]!, ppm[i + 2]!];
    if (b > 150 && r < 90 && g < 110) blue++;
    else if (r < 60 && g < 60 && b < 60) dark++;
  }
  return { blue, dark, total: (ppm.length - at) / 3 };
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'vanthu-pdfa-'));
  process.env[ENV] = 'pdfa-thử';
  makeSelfSignedP12(work, 'Nguyễn Văn Lưu Trữ', process.env[ENV]);
  writeFileSync(path.join(work, 'signature.png'), signaturePng());
  writeFileSync(path.join(work, 'seal.png'), sealPng());
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('signing a PDF/A file keeps it PDF/A', () => {
  it('reads the PDF/A identification written as attributes or as elements, and nothing from other XMP', () => {
    expect(parsePdfaIdentification(`<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" pdfaid:part="3" pdfaid:conformance="a"/>`)).toEqual({ part: 3, conformance: 'A' });
    expect(parsePdfaIdentification('<rdf:Description><pdfaid:part> 1 </pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>')).toEqual({ part: 1, conformance: 'B' });
    expect(parsePdfaIdentification('<rdf:Description><pdfaid:part>4</pdfaid:part></rdf:Description>')).toEqual({ part: 4, conformance: '' });
    expect(parsePdfaIdentification('<rdf:Description xmlns:pdf="http://ns.adobe.com/pdf/1.3/" pdf:Producer="GPL Ghostscript"/>')).toBeNull();
  });

  it('PDF/A-1b: images cut out by a stencil mask, no transparency anywhere in the new revision, CIE colour, CIDSet', async () => {
    const input = makePdfa(1);
    const approved = path.join(work, 'pdfa-1-approved.pdf');
    await sign(input, approved, ['--kind', 'approval', '--rect', '300,330,200,80', '--image', path.join(work, 'signature.png')]);
    const issued = path.join(work, 'pdfa-1-issued.pdf');
    await sign(approved, issued, ['--kind', 'issue', '--rect', '300,230,200,80', '--image', path.join(work, 'seal.png'), '--number', '12', '--notation', 'UBND-VP', '--date', '2026-11-15', '--number-at', '1,72,700', '--date-at', '1,300,700']);

    for (const [from, to] of [
      [input, approved],
      [approved, issued],
    ] as const) {
      const added = newRevision(from, to);
      const all = Object.values(added).flatMap((d) => [...dictionaries(d)]);
      expect(all.filter((d) => 'SMask' in d || '/SMask' in d)).toEqual([]);
      expect(all.filter((d) => d['/S'] === '/Transparency' || '/Group' in d)).toEqual([]);
      expect(all.filter((d) => d['/Type'] === '/ExtGState' || '/CA' in d || '/ca' in d || '/BM' in d)).toEqual([]);
      expect(all.filter((d) => '/AA' in d || '/JS' in d || d['/S'] === '/JavaScript')).toEqual([]);
      expect(JSON.stringify(added)).not.toMatch(/Device(RGB|Gray|CMYK)/);

      const images = Object.values(added).filter((d) => d['/Subtype'] === '/Image' && d['/ImageMask'] !== true);
      expect(images).toHaveLength(1);
      const mask = added[refKey(images[0]!['/Mask']!)];
      expect(mask).toMatchObject({ '/ImageMask': true, '/BitsPerComponent': 1, '/Width': images[0]!['/Width']!, '/Height': images[0]!['/Height']! });
      expect(mask).not.toHaveProperty('/ColorSpace');

      const annotations = Object.values(added).filter((d) => d['/Type'] === '/Annot');
      expect(annotations.length).toBeGreaterThan(0);
      for (const annotation of annotations) {
        const flags = annotation['/F'] as number;
        expect(flags & 4).toBe(4); // Print
        expect(flags & (1 | 2 | 32)).toBe(0); // neither Invisible, Hidden nor NoView
        expect(annotation['/AP']).toHaveProperty('/N');
      }
    }
    const issuedAdded = Object.values(newRevision(approved, issued));
    const descriptors = issuedAdded.filter((d) => d['/Type'] === '/FontDescriptor');
    expect(descriptors.length).toBeGreaterThan(0);
    for (const d of descriptors) expect(d).toHaveProperty('/CIDSet');

    // The document still says it is PDF/A-1b, the signatures hold, the file is sound and the fonts embedded.
    const catalog = objects(issued);
    const metadataStream = Object.entries(catalog).find(([, o]) => o.stream?.dict['/Subtype'] === '/XML');
    expect(metadataStream).toBeDefined();
    expect(parsePdfaIdentification(run('qpdf', [`--show-object=${metadataStream![0].slice(4).replace(/ R$/, '')}`, '--filtered-stream-data', issued]))).toEqual({ part: 1, conformance: 'B' });
    expect(pdfsig(issued).map((s) => s.valid)).toEqual([true, true]);
    expect(qpdfCheck(issued).ok).toBe(true);
    expect(run('pdffonts', [issued]).split('\n').slice(2).filter((l) => l.trim() && !/\byes\s+yes\b/.test(l))).toEqual([]);

    // The blue signature shows, and only the signature: the cut-out background lets the white page through.
    const signatureArea = pixels(approved, { x: 300, y: 842 - 330 - 80, width: 200, height: 80 });
    expect(signatureArea.blue).toBeGreaterThan(signatureArea.total * 0.04);
    expect(signatureArea.dark).toBe(0);
  });

  it('PDF/A-2b with an output intent keeps the soft mask (transparency is allowed from part 2) with CIE-based colour', async () => {
    const input = makePdfa(2, { outputIntent: true });
    const output = path.join(work, 'pdfa-2-intent-approved.pdf');
    await sign(input, output, ['--kind', 'approval', '--rect', '300,330,200,80', '--image', path.join(work, 'signature.png')]);
    const added = newRevision(input, output);
    const image = Object.values(added).find((d) => d['/Subtype'] === '/Image' && '/SMask' in d);
    expect(image).toBeDefined();
    expect(added[refKey(image!['/SMask']!)]).toMatchObject({ '/ColorSpace': '/DeviceGray' });
    expect(JSON.stringify(image)).not.toContain('DeviceRGB');
    expect(pdfsig(output).map((s) => s.valid)).toEqual([true]);
    expect(qpdfCheck(output).ok).toBe(true);
    const area = pixels(output, { x: 300, y: 842 - 330 - 80, width: 200, height: 80 });
    expect(area.blue).toBeGreaterThan(area.total * 0.04);
    expect(area.dark).toBe(0);
  });

  it('PDF/A-2b without an output intent, which gives transparency no blending colour space, gets the stencil mask', async () => {
    const input = makePdfa(2);
    const output = path.join(work, 'pdfa-2-approved.pdf');
    await sign(input, output, ['--kind', 'approval', '--rect', '300,330,200,80', '--image', path.join(work, 'signature.png')]);
    const added = newRevision(input, output);
    const images = Object.values(added).filter((d) => d['/Subtype'] === '/Image');
    expect(images.some((d) => '/SMask' in d)).toBe(false);
    const image = images.find((d) => '/Mask' in d);
    expect(image).toBeDefined();
    expect(added[refKey(image!['/Mask']!)]).toMatchObject({ '/ImageMask': true });
    expect(pdfsig(output).map((s) => s.valid)).toEqual([true]);
    const area = pixels(output, { x: 300, y: 842 - 330 - 80, width: 200, height: 80 });
    expect(area.blue).toBeGreaterThan(area.total * 0.04);
    expect(area.dark).toBe(0);
  });
});

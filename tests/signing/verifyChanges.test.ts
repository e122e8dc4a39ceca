/**
 * What a later revision may change after a signature: pages and everything they draw with (however deep) and the
 * annotations present at signing time are frozen; new annotations, form filling, further signatures stay allowed.
 * Files that must stay valid are checked with pdfsig and qpdf as well.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { msg } from '../../shared/messages';
import type { IncrementalUpdate } from '../../electron/core/signing/pdf/incrementalUpdate';
import type { PdfFile } from '../../electron/core/signing/pdf/pdfFile';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfValue } from '../../electron/core/signing/pdf/pdfObjects';
import { appendUpdate } from './appendUpdate';
import { judgeReport } from '../../electron/core/signing/verify/signatureVerdict';
import { verifyPdf } from '../../electron/core/signing/verify/verifyPdf';
import { pdfsig, qpdfCheck } from './pdfTools';
import { approve, editAnnots, issue, signatureWidgets, useVerifySetup } from './verifySetup';

const s = useVerifySetup();

type Edit = (file: PdfFile, update: IncrementalUpdate) => void;

/** Signs `input` (approval), appends `edit` as a further revision, and verifies the result. */
async function signThenEdit(label: string, input: string, edit: Edit) {
  const signed = s.at(`${label}-signed.pdf`);
  const edited = s.at(`${label}-edited.pdf`);
  await approve(s.official, input, signed);
  await appendUpdate(signed, edited, edit);
  return { edited, report: await verifyPdf(edited, { trustedRoots: s.trustedRoots }) };
}

function expectStillValid(file: string, signatures: number): void {
  expect(pdfsig(file).map((x) => x.valid)).toEqual(Array(signatures).fill(true));
  expect(qpdfCheck(file).ok).toBe(true);
}

const dictOf = (file: PdfFile, value: PdfValue | undefined): PdfDict => file.dict(value)!;

/** A blank page of the same size, appended to the page tree root. */
const addPage: Edit = (file, update) => {
  const rootRef = file.catalog().get('Pages') as PdfRef;
  const root = dictOf(file, rootRef).clone();
  const page = update.add(new PdfDict([['Type', new PdfName('Page')], ['Parent', rootRef], ['MediaBox', [0, 0, 612, 792]]]));
  root.set('Kids', [...(file.resolve(root.get('Kids')) as PdfValue[]), page]);
  root.set('Count', (root.get('Count') as number) + 1);
  update.set(rootRef, root);
};

const removeLastPage: Edit = (file, update) => {
  const rootRef = file.catalog().get('Pages') as PdfRef;
  const root = dictOf(file, rootRef).clone();
  root.set('Kids', (file.resolve(root.get('Kids')) as PdfValue[]).slice(0, -1));
  root.set('Count', (root.get('Count') as number) - 1);
  update.set(rootRef, root);
};

/** A sticky note on page 1, as a reader adds after signing. */
const addNote: Edit = (file, update) => {
  const pageRef = file.pageRefs()[0]!;
  const note = update.add(
    new PdfDict([
      ['Type', new PdfName('Annot')],
      ['Subtype', new PdfName('Text')],
      ['Rect', [500, 700, 520, 720]],
      ['Contents', PdfString.text('Đã xem, chuyển phòng Hành chính')],
      ['P', pageRef],
    ]),
  );
  editAnnots(file, update, pageRef, (annots) => [...annots, note]);
};

/** The first font of page 1 gets the font program of another font of the file. */
const swapFontProgram: Edit = (file, update) => {
  const fonts = dictOf(file, dictOf(file, file.inherited(dictOf(file, file.pageRefs()[0]), 'Resources')).get('Font'));
  // A composite font keeps its descriptor on the descendant: page → Type0 font → CIDFont → FontDescriptor → FontFile2.
  const program = (font: PdfDict): PdfRef => {
    const descendant = file.resolve(font.get('DescendantFonts')) as PdfValue[] | null;
    const simple = descendant ? dictOf(file, descendant[0]) : font;
    return dictOf(file, simple.get('FontDescriptor')).get('FontFile2') as PdfRef;
  };
  const programs = [...fonts.entries.values()].map((f) => program(dictOf(file, f)));
  const [target, donor] = [programs[0]!, programs.find((p) => p.num !== programs[0]!.num)!];
  const stream = file.get(donor.num) as PdfStream;
  update.set(target, new PdfStream(stream.dict.clone(), file.rawStreamData(stream)));
};

describe('changes to what the pages draw', () => {
  it('reports a page added after the signature as disallowed', async () => {
    const { report } = await signThenEdit('page-added', s.pdfs.chromium, addPage);
    expect(report.signatures[0]).toMatchObject({ intact: true, changesAfter: 'disallowed' });
    expect(report.signatures[0]!.changeDetails).toContain('pages changed: 2 before, 3 after');
    expect(report.signatures[0]!.problems).toContain(msg('verify.changesDisallowed'));
  });

  it('reports a page removed after the signature as disallowed', async () => {
    const { report } = await signThenEdit('page-removed', s.pdfs.chromium, removeLastPage);
    expect(report.signatures[0]).toMatchObject({ intact: true, changesAfter: 'disallowed' });
    expect(report.signatures[0]!.changeDetails).toContain('pages changed: 2 before, 1 after');
  });

  it('reports a font program replaced two references below the page resources', async () => {
    const { report } = await signThenEdit('font-program', s.pdfs.chromium, swapFontProgram);
    expect(report.signatures[0]).toMatchObject({ intact: true, changesAfter: 'disallowed' });
    expect(report.signatures[0]!.changeDetails.join('\n')).toMatch(/page 1: objects it draws were rewritten/);
    expect(report.valid).toBe(false);
  });

  it('reports a font replaced inside a form XObject the page draws', async () => {
    const inner = await PDFDocument.create();
    const times = await inner.embedFont(StandardFonts.TimesRoman);
    inner.addPage([300, 100]).drawText('So 125/QD-UBND', { x: 10, y: 40, size: 14, font: times });
    const doc = await PDFDocument.create();
    const [form] = await doc.embedPdf(await inner.save());
    doc.addPage([595, 842]).drawPage(form!, { x: 72, y: 600 });
    const input = s.at('nested-form.pdf');
    writeFileSync(input, await doc.save({ useObjectStreams: false }));

    const { report } = await signThenEdit('nested-form', input, (file, update) => {
      const xobjects = dictOf(file, dictOf(file, file.inherited(dictOf(file, file.pageRefs()[0]), 'Resources')).get('XObject'));
      const formResources = dictOf(file, dictOf(file, [...xobjects.entries.values()][0]).get('Resources'));
      const fontRef = [...dictOf(file, formResources.get('Font')).entries.values()][0] as PdfRef;
      update.set(fontRef, dictOf(file, fontRef).clone().set('BaseFont', new PdfName('Helvetica-Bold')));
    });
    expect(report.signatures[0]).toMatchObject({ intact: true, changesAfter: 'disallowed' });
    expect(report.signatures[0]!.changeDetails.join('\n')).toMatch(/page 1: objects it draws were rewritten/);
  });
});

describe('annotations', () => {
  it('allows a note added after the signature (pdfsig and qpdf agree the file is sound)', async () => {
    const { edited, report } = await signThenEdit('note', s.pdfs.chromium, addNote);
    expect(report.signatures.map((x) => [x.intact, x.changesAfter])).toEqual([[true, 'allowed']]);
    expect(report.valid).toBe(true);
    expectStillValid(edited, 1);
  });

  it('refuses the issued number rewritten after issuing (a locked FreeText annotation of the issuing signature)', async () => {
    const issued = s.at('number-issued.pdf');
    const changed = s.at('number-changed.pdf');
    await issue(s.organisation, s.pdfs.chromium, issued);
    await appendUpdate(issued, changed, (file, update) => {
      const annots = file.resolve(dictOf(file, file.pageRefs()[0]).get('Annots')) as PdfRef[];
      const number = annots.find((a) => dictOf(file, a).name('Subtype') === 'FreeText' && (dictOf(file, a).get('Contents') as PdfString).text.includes('125'))!;
      const appearance = update.add(new PdfStream(new PdfDict([['Type', new PdfName('XObject')], ['Subtype', new PdfName('Form')], ['BBox', [0, 0, 120, 16]]]), Buffer.from('BT /F1 13 Tf 0 2 Td (126) Tj ET')));
      update.set(number, dictOf(file, number).clone().set('Contents', PdfString.text('Số: 126/QĐ-UBND')).set('AP', new PdfDict([['N', appearance]])));
    });
    const report = await verifyPdf(changed, { trustedRoots: s.trustedRoots });
    expect(report.signatures[0]).toMatchObject({ intact: true, changesAfter: 'disallowed' });
    expect(report.signatures[0]!.changeDetails.join('\n')).toMatch(/page 1: annotation \d+ \(FreeText\) modified/);
    expect(report.signatures[0]!.problems).toContain(msg('signingVerify.annotationsChanged'));
    expect(judgeReport(report).verdict).toBe('invalid');
  });

  it("refuses another signature's image replaced, for that signature and the later one", async () => {
    const approved = s.at('image-approved.pdf');
    const issued = s.at('image-issued.pdf');
    const swapped = s.at('image-swapped.pdf');
    await approve(s.official, s.pdfs.chromium, approved);
    await issue(s.organisation, approved, issued);
    await appendUpdate(issued, swapped, (file, update) => {
      const [approval] = signatureWidgets(file);
      const normal = dictOf(file, dictOf(file, approval).get('AP')).get('N') as PdfRef;
      const stream = file.get(normal.num) as PdfStream;
      update.set(normal, new PdfStream(stream.dict.clone().set('Filter', null), Buffer.from('q 0 0 1 rg 0 0 50 20 re f Q')));
    });
    const report = await verifyPdf(swapped, { trustedRoots: s.trustedRoots });
    expect(report.signatures.map((x) => [x.intact, x.changesAfter])).toEqual([
      [true, 'disallowed'],
      [true, 'disallowed'],
    ]);
    expect(report.signatures[1]!.changeDetails.join('\n')).toMatch(/annotation \d+ \(Widget\) modified/);
  });

  it('allows filling a form field after signing (pdfsig and qpdf agree the file is sound)', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595, 842]);
    page.drawText('Ho ten nguoi nhan:', { x: 72, y: 760, size: 12, font: await doc.embedFont(StandardFonts.TimesRoman) });
    doc.getForm().createTextField('nguoiNhan').addToPage(page, { x: 200, y: 750, width: 250, height: 20 });
    const input = s.at('form.pdf');
    writeFileSync(input, await doc.save({ useObjectStreams: false }));

    const { edited, report } = await signThenEdit('form-fill', input, (file, update) => {
      const acroForm = dictOf(file, file.catalog().get('AcroForm'));
      const fieldRef = (file.resolve(acroForm.get('Fields')) as PdfRef[]).find((f) => dictOf(file, f).name('FT') === 'Tx')!;
      const field = dictOf(file, fieldRef);
      const widgetRef = ((file.resolve(field.get('Kids')) as PdfRef[] | null) ?? [fieldRef])[0]!;
      const appearance = update.add(
        new PdfStream(new PdfDict([['Type', new PdfName('XObject')], ['Subtype', new PdfName('Form')], ['BBox', [0, 0, 250, 20]]]), Buffer.from('/Tx BMC q 0 0 1 rg 2 2 100 2 re f Q EMC')),
      );
      const filled = field.clone().set('V', PdfString.text('Trần Thị Bình'));
      const shown = new PdfDict([['N', appearance]]);
      if (widgetRef.num === fieldRef.num) update.set(fieldRef, filled.set('AP', shown));
      else {
        update.set(fieldRef, filled);
        update.set(widgetRef, dictOf(file, widgetRef).clone().set('AP', shown));
      }
    });
    expect(report.signatures.map((x) => [x.intact, x.changesAfter])).toEqual([[true, 'allowed']]);
    expect(report.valid).toBe(true);
    expectStillValid(edited, 1);
  });
});

describe('byte-range coverage and the signing time', () => {
  it('reports a signature whose ranges stop short of the end of its revision, though its bytes are intact', async () => {
    const { buildSignedData } = await import('../../electron/core/signing/cms/cms');
    const { createHash } = await import('node:crypto');
    const signed = s.at('short-range-signed.pdf');
    const short = s.at('short-range.pdf');
    await approve(s.official, s.pdfs.chromium, signed);
    const bytes = readFileSync(signed);
    const text = bytes.toString('latin1');
    const m = /\/ByteRange \[0 (\d+) (\d+) (\d+)\]( *)/.exec(text)!;
    const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
    // Re-sign the same revision with ranges that leave out its last 7 bytes ("%%EOF" and what precedes it).
    const range = `[0 ${a} ${b} ${c - 7}]`.padEnd(m[0].length - '/ByteRange '.length, ' ');
    bytes.write(`/ByteRange ${range}`, m.index, 'latin1');
    const digest = createHash('sha256').update(bytes.subarray(0, a)).update(bytes.subarray(b, b + c - 7)).digest();
    const cms = await buildSignedData({ digest: new Uint8Array(digest), signer: s.official });
    bytes.write(Buffer.from(cms).toString('hex'), a + 1, 'latin1');
    writeFileSync(short, bytes);

    const report = await verifyPdf(short, { trustedRoots: s.trustedRoots });
    expect(report.signatures[0]).toMatchObject({ intact: true, trusted: true, coversRevision: false, coversWholeFile: false });
    expect(report.signatures[0]!.problems).toContain(msg('verify.rangeNotRevision'));
    expect(judgeReport(report).verdict).toBe('invalid');
    // pdfsig agrees: the signature verifies, but over less than the whole document.
    expect(pdfsig(short).map((x) => [x.valid, x.totalDocumentSigned])).toEqual([[true, false]]);
  });

  it('reports a certificate that was not yet valid at the claimed signing time', async () => {
    const { signPdf } = await import('../../electron/core/signing/pdfSigner');
    const out = s.at('before-validity.pdf');
    await signPdf({ input: s.pdfs.chromium, output: out, signer: s.official, signingTime: new Date('2020-06-01T03:00:00Z'), appearance: { kind: 'attachment', numberNotation: '09/TB-UBND' } });
    const report = await verifyPdf(out, { trustedRoots: s.trustedRoots });
    expect(report.signatures[0]).toMatchObject({ intact: true, certificateValidAtSigningTime: false, signingTime: '2020-06-01T03:00:00.000Z', signingTimeSource: 'claimed' });
    expect(report.signatures[0]!.problems).toContain(msg('verify.expiredAtSigning'));
    expect(judgeReport(report).verdict).toBe('invalid');
  });
});

describe('the catalog', () => {
  /** A copy of the test PDF whose page 1 is drawn inside one optional-content layer, shown by default. */
  async function withLayer(output: string): Promise<void> {
    await appendUpdate(s.pdfs.chromium, output, (file, update) => {
      const ocg = update.add(new PdfDict([['Type', new PdfName('OCG')], ['Name', PdfString.text('Nội dung')]]));
      const properties = update.add(new PdfDict([['OCGs', [ocg]], ['D', new PdfDict([['ON', [ocg]], ['Order', [ocg]]])]]));
      update.set(file.catalogRef(), file.catalog().clone().set('OCProperties', properties));
      const pageRef = file.pageRefs()[0]!;
      const page = dictOf(file, pageRef).clone();
      const resources = dictOf(file, file.inherited(page, 'Resources')).clone().set('Properties', new PdfDict([['Layer', ocg]]));
      const contents = page.get('Contents') as PdfValue;
      const open = update.add(new PdfStream(new PdfDict(), Buffer.from('/OC /Layer BDC\n')));
      const close = update.add(new PdfStream(new PdfDict(), Buffer.from('\nEMC')));
      update.set(pageRef, page.set('Resources', resources).set('Contents', [open, ...(Array.isArray(contents) ? contents : [contents]), close]));
    });
  }

  it('refuses the default state of a layer turned OFF after signing (the pages stay byte for byte as signed)', async () => {
    const layered = s.at('layer.pdf');
    await withLayer(layered);
    const { edited, report } = await signThenEdit('layer-off', layered, (file, update) => {
      const ref = file.catalog().get('OCProperties') as PdfRef;
      const properties = dictOf(file, ref);
      const ocgs = file.resolve(properties.get('OCGs')) as PdfValue[];
      update.set(ref, properties.clone().set('D', new PdfDict([['OFF', ocgs], ['Order', ocgs]])));
    });
    expect(report.signatures[0]).toMatchObject({ intact: true, changesAfter: 'disallowed' });
    expect(report.signatures[0]!.changeDetails).toEqual([expect.stringMatching(/^catalog: objects under \/OCProperties were rewritten/)]);
    expect(report.signatures[0]!.problems).toEqual([msg('signingVerify.catalogChanged')]);
    expect(judgeReport(report).verdict).toBe('invalid');
    // poppler judges the signed bytes only and sees nothing wrong, yet draws none of the page's text any more.
    expect(pdfsig(edited).map((x) => x.valid)).toEqual([true]);
    const pageText = (file: string) => execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' }).trim();
    expect(pageText(s.at('layer-off-signed.pdf'))).toContain('ỦY BAN NHÂN DÂN');
    expect(pageText(edited)).toBe('');
  });

  it('refuses an /OpenAction running JavaScript added after signing', async () => {
    const { report } = await signThenEdit('open-action', s.pdfs.chromium, (file, update) => {
      const script = update.add(new PdfDict([['S', new PdfName('JavaScript')], ['JS', PdfString.text('app.alert("Đã ký")')]]));
      update.set(file.catalogRef(), file.catalog().clone().set('OpenAction', script));
    });
    expect(report.signatures[0]!.changeDetails).toEqual(['catalog: /OpenAction added']);
    expect(report.signatures[0]!.problems).toEqual([msg('signingVerify.catalogChanged')]);
    expect(judgeReport(report).verdict).toBe('invalid');
  });

  it('allows what later signing writes: approval, issue, receipt stamp and a DSS, over a layered file', async () => {
    const { appendDss } = await import('../../electron/core/signing/pki/dss');
    const { signPdf } = await import('../../electron/core/signing/pdfSigner');
    const [layered, approved, issued, received, withDss] = ['layer', 'approved', 'issued', 'received', 'dss'].map((n) => s.at(`flow-${n}.pdf`)) as [string, string, string, string, string];
    await withLayer(layered);
    await approve(s.official, layered, approved);
    await issue(s.organisation, approved, issued);
    await signPdf({ input: issued, output: received, signer: s.official, appearance: { kind: 'receipt', receipt: { number: '42', date: '2026-11-20' } } });
    await appendDss(received, withDss, { certs: [s.pki.intermediate.certDer], ocsps: [], crls: [] });

    const report = await verifyPdf(withDss, { trustedRoots: s.trustedRoots });
    expect(report.signatures.map((x) => [x.intact, x.changesAfter, x.changeDetails])).toEqual([
      [true, 'allowed', []],
      [true, 'allowed', []],
      [true, 'allowed', []],
    ]);
    expect(report.valid).toBe(true);
    expectStillValid(withDss, 3);
  });
});

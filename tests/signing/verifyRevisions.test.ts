/** Verification across revisions: signatures a later update dropped, DSS intermediates, byte ranges that cannot be read. */
import { describe, expect, it } from 'vitest';
import { msg } from '../../shared/messages';
import { appendDss } from '../../electron/core/signing/pki/dss';
import type { IncrementalUpdate } from '../../electron/core/signing/pdf/incrementalUpdate';
import type { PdfFile } from '../../electron/core/signing/pdf/pdfFile';
import { PdfRef, PdfString } from '../../electron/core/signing/pdf/pdfObjects';
import { appendUpdate } from './appendUpdate';
import type { Signer } from '../../electron/core/signing/signers/signer';
import { judgeReport } from '../../electron/core/signing/verify/signatureVerdict';
import { verifyPdf } from '../../electron/core/signing/verify/verifyPdf';
import { LAYOUT } from './fixtures';
import { pdfsig, qpdfCheck } from './pdfTools';
import { addPastTheEndSignature, approve, editAnnots, editFields, issue, paintOverPage, signatureWidgets, useVerifySetup } from './verifySetup';

const s = useVerifySetup();

describe('a signature removed by a later revision', () => {
  const removals = {
    'its field': (file: PdfFile, update: IncrementalUpdate) => {
      const [widget] = signatureWidgets(file);
      editFields(file, update, (fields) => fields.filter((f) => !(f instanceof PdfRef && f.num === widget!.num)));
      editAnnots(file, update, file.pageRefs()[0]!, (annots) => annots.filter((a) => !(a instanceof PdfRef && a.num === widget!.num)));
    },
    'the whole /AcroForm': (file: PdfFile, update: IncrementalUpdate) => {
      const catalog = file.catalog().clone();
      catalog.delete('AcroForm');
      update.set(file.catalogRef(), catalog);
    },
  };
  for (const [what, remove] of Object.entries(removals)) {
    it(`is still listed and makes the file invalid when ${what} is dropped and the page repainted before the next signature`, async () => {
      const signed = s.at(`removed-${what.length}-1.pdf`);
      const tampered = s.at(`removed-${what.length}-2.pdf`);
      const last = s.at(`removed-${what.length}-3.pdf`);
      await approve(s.official, s.pdfs.chromium, signed);
      await appendUpdate(signed, tampered, (file, update) => {
        remove(file, update);
        paintOverPage(file, update);
      });
      await issue(s.organisation, tampered, last);
      const report = await verifyPdf(last, { trustedRoots: s.trustedRoots });
      expect(report.signatures.map((x) => [x.signer, x.intact, x.removed, x.changesAfter])).toEqual([
        ['Nguyễn Văn An', true, true, 'disallowed'],
        ['Ủy ban nhân dân tỉnh Thử Nghiệm', true, false, 'none'],
      ]);
      expect(report.signatures[0]!.problems).toContain(msg('signingVerify.signatureRemoved'));
      expect(report.valid).toBe(false);
      expect(judgeReport(report).verdict).toBe('invalid');
    });
  }

  it("is still listed when a later update points the field's /V at another signature dictionary", async () => {
    const signed = s.at('swapped-v-1.pdf');
    const swapped = s.at('swapped-v-2.pdf');
    await approve(s.official, s.pdfs.chromium, signed);
    await appendUpdate(signed, swapped, (file, update) => {
      const [widget] = signatureWidgets(file);
      const original = file.dict(file.dict(widget)!.get('V'))!;
      const forged = update.add(original.clone().set('Contents', new PdfString(new Uint8Array(16))));
      update.set(widget!, file.dict(widget)!.clone().set('V', forged));
    });
    const report = await verifyPdf(swapped, { trustedRoots: s.trustedRoots });
    expect(report.signatures.map((x) => [x.signer, x.intact, x.removed])).toEqual([
      ['?', false, false],
      ['Nguyễn Văn An', true, true],
    ]);
    expect(report.valid).toBe(false);
  });

  it('is not reported when the field stays and only allowed changes follow', async () => {
    const first = s.at('kept-1.pdf');
    const last = s.at('kept-2.pdf');
    await approve(s.official, s.pdfs.xrefStream, first);
    await issue(s.organisation, first, last);
    const report = await verifyPdf(last, { trustedRoots: s.trustedRoots });
    expect(report.signatures.map((x) => x.removed)).toEqual([false, false]);
    // Where each is drawn: the approval in its box; the seal, placed in the same box, covers the box's left third.
    const [approval, seal] = report.signatures.map((x) => x.placement);
    const area = LAYOUT.signatureArea;
    expect(approval).toEqual(area);
    expect(seal!.page).toBe(area.page);
    expect(seal!.x + seal!.width).toBeCloseTo(area.x + area.width / 3, 3);
    expect(report.valid).toBe(true);
    expect(pdfsig(last).map((x) => x.valid)).toEqual([true, true]);
    expect(qpdfCheck(last).ok).toBe(true);
  });
});

describe('intermediates from the DSS', () => {
  it('builds the chain with an intermediate stored only in the DSS when the CMS embeds just the leaf', async () => {
    const leafOnly: Signer = { ...s.official, chain: [] };
    const signed = s.at('dss-leaf-only.pdf');
    const withDss = s.at('dss-intermediate.pdf');
    await approve(leafOnly, s.pdfs.ghostscript, signed);
    expect((await verifyPdf(signed, { trustedRoots: s.trustedRoots })).signatures[0]!.trusted).toBe(false);

    await appendDss(signed, withDss, { certs: [s.pki.intermediate.certDer], ocsps: [], crls: [] });
    const report = await verifyPdf(withDss, { trustedRoots: s.trustedRoots });
    expect(report.signatures[0]).toMatchObject({ intact: true, trusted: true, changesAfter: 'allowed', chain: ['Nguyễn Văn An', 'CA phục vụ thử nghiệm G2', 'Vanthu Test Root CA G2'] });
    expect(report.valid).toBe(true);
    expect(pdfsig(withDss).map((x) => x.valid)).toEqual([true]);
    expect(qpdfCheck(withDss).ok).toBe(true);
  });
});

describe('a /ByteRange that cannot be hashed', () => {
  it('reports that one signature as not intact, with the reason, and verifies the others', async () => {
    const first = s.at('bad-range-1.pdf');
    const withBogus = s.at('bad-range-2.pdf');
    const last = s.at('bad-range-3.pdf');
    await approve(s.official, s.pdfs.chromium, first);
    await addPastTheEndSignature(first, withBogus);
    await issue(s.organisation, withBogus, last);

    const report = await verifyPdf(last, { trustedRoots: s.trustedRoots });
    expect(report.signatures.map((x) => [x.fieldName, x.intact, x.coversRevision])).toEqual([
      ['Signature1', true, true],
      ['Signature2', true, true],
      ['Past the end', false, false],
    ]);
    expect(report.signatures[2]!.problems).toContain(msg('signingVerify.byteRangeBad'));
    expect(report.signatures[2]!.placement).toBeNull(); // a zero rectangle draws nothing
    expect(report.signatures.slice(0, 2).map((x) => x.changesAfter)).toEqual(['allowed', 'none']);
    expect(report.valid).toBe(false);
  });
});

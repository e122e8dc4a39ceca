/** What the verification tests share: a test PKI, the test PDFs, signers, and edits appended as incremental updates. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { readCertificates } from '../../electron/core/signing/pki/certificates';
import type { IncrementalUpdate } from '../../electron/core/signing/pdf/incrementalUpdate';
import { openP12Signer } from '../../electron/core/signing/signers/p12Signer';
import type { PdfFile } from '../../electron/core/signing/pdf/pdfFile';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfValue } from '../../electron/core/signing/pdf/pdfObjects';
import { signPdf } from '../../electron/core/signing/pdfSigner';
import type { Signer } from '../../electron/core/signing/signers/signer';
import { createTestPki, type TestPki } from '../support/testPki';
import { appendUpdate } from './appendUpdate';
import { LAYOUT, makeTestPdfs, sealPng, signaturePng, type TestPdfs } from './fixtures';

export interface VerifySetup {
  pki: TestPki;
  pdfs: TestPdfs;
  official: Signer;
  organisation: Signer;
  trustedRoots: Uint8Array[];
  work: string;
  /** `name` inside the work directory. */
  at(name: string): string;
}

/** Registers beforeAll/afterAll hooks; the returned object is filled once they ran. */
export function useVerifySetup(): VerifySetup {
  const setup = {} as VerifySetup;
  beforeAll(async () => {
    setup.pki = createTestPki();
    setup.work = setup.pki.dir;
    setup.pdfs = await makeTestPdfs(path.join(setup.work, 'pdfs'));
    setup.official = openP12Signer(readFileSync(setup.pki.leaf.p12Path!), setup.pki.password);
    setup.organisation = openP12Signer(readFileSync(setup.pki.orgLeaf.p12Path!), setup.pki.password);
    setup.trustedRoots = readCertificates(readFileSync(setup.pki.rootPemPath));
    setup.at = (name) => path.join(setup.work, name);
  });
  afterAll(() => setup.pki.cleanup());
  return setup;
}

/** The official's approval signature (with its image), as drafts get before issuing. */
export async function approve(signer: Signer, input: string, output: string): Promise<void> {
  await signPdf({ input, output, signer, appearance: { kind: 'approval', image: signaturePng(), rect: LAYOUT.signatureArea } });
}

/** The organisation's issuing signature: seal, and the number and date written in as locked annotations. */
export async function issue(signer: Signer, input: string, output: string): Promise<void> {
  await signPdf({
    input,
    output,
    signer,
    appearance: {
      kind: 'issue',
      image: sealPng(),
      rect: LAYOUT.signatureArea,
      numberNotation: '125/QĐ-UBND',
      date: '2026-11-15',
      numberAt: LAYOUT.numberAt,
      dateAt: LAYOUT.dateAt,
    },
  });
}

/** Draws a red box over page `index` with an extra content stream: a change of what the page shows. */
export function paintOverPage(file: PdfFile, update: IncrementalUpdate, index = 0): void {
  const pageRef = file.pageRefs()[index]!;
  const page = file.dict(pageRef)!.clone();
  const extra = update.add(new PdfStream(new PdfDict(), Buffer.from('q 1 0 0 rg 100 100 200 50 re f Q')));
  const contents = page.get('Contents') as PdfValue;
  page.set('Contents', [...(Array.isArray(contents) ? contents : [contents]), extra]);
  update.set(pageRef, page);
}

/** The page's /Annots, wherever it lives, rewritten by `edit` (array object or page dictionary). */
export function editAnnots(file: PdfFile, update: IncrementalUpdate, pageRef: PdfRef, edit: (annots: PdfValue[]) => PdfValue[]): void {
  const page = file.dict(pageRef)!;
  const current = page.get('Annots');
  const annots = (file.resolve(current) as PdfValue[] | null) ?? [];
  if (current instanceof PdfRef) update.set(current, edit([...annots]));
  else update.set(pageRef, page.clone().set('Annots', edit([...annots])));
}

/** The AcroForm's /Fields rewritten by `edit` (the AcroForm our signer writes is an indirect object). */
export function editFields(file: PdfFile, update: IncrementalUpdate, edit: (fields: PdfValue[]) => PdfValue[]): void {
  const acroRef = file.catalog().get('AcroForm') as PdfRef;
  const acroForm = file.dict(acroRef)!.clone();
  const fields = acroForm.get('Fields');
  if (fields instanceof PdfRef) update.set(fields, edit([...(file.resolve(fields) as PdfValue[])]));
  else update.set(acroRef, acroForm.set('Fields', edit([...((fields as PdfValue[] | undefined) ?? [])])));
}

/**
 * Appends to `input` a signature field whose /ByteRange runs past the end of the file (ten times its size): a bogus
 * signature that sorts after every real one, as a received file may carry.
 */
export async function addPastTheEndSignature(input: string, output: string): Promise<void> {
  const size = readFileSync(input).length;
  await appendUpdate(input, output, (file, update) => {
    const sig = update.add(
      new PdfDict([
        ['Type', new PdfName('Sig')],
        ['Filter', new PdfName('Adobe.PPKLite')],
        ['SubFilter', new PdfName('ETSI.CAdES.detached')],
        ['ByteRange', [0, 100, 200, size * 10]],
        ['Contents', new PdfString(new Uint8Array(8))],
      ]),
    );
    const pageRef = file.pageRefs().at(-1)!;
    const widget = update.add(
      new PdfDict([
        ['Type', new PdfName('Annot')],
        ['Subtype', new PdfName('Widget')],
        ['FT', new PdfName('Sig')],
        ['T', PdfString.text('Past the end')],
        ['Rect', [0, 0, 0, 0]],
        ['P', pageRef],
        ['V', sig],
      ]),
    );
    editFields(file, update, (fields) => [...fields, widget]);
    editAnnots(file, update, pageRef, (annots) => [...annots, widget]);
  });
}

/** The widget annotations of page `index` that are signature fields, with their references. */
export function signatureWidgets(file: PdfFile, index = 0): PdfRef[] {
  const annots = (file.resolve(file.dict(file.pageRefs()[index]!)!.get('Annots')) as PdfValue[] | null) ?? [];
  return annots.filter((a): a is PdfRef => a instanceof PdfRef && file.dict(a)?.name('FT') === 'Sig');
}

/**
 * Signs a PDF as an incremental update. The output is the input's exact bytes followed by one new revision holding
 * the signature dictionary, the signature field/widget with its appearance, any text annotations, the updated page
 * /Annots and AcroForm, and a cross-reference section of the file's own kind. The byte ranges are hashed by streaming
 * the written file, the CMS is patched into the reserved /Contents, and the file is fsynced and renamed into place:
 * no output exists unless signing succeeded, and the input is only ever read.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { vietnamLocalTime } from '../../../shared/domain/dates';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import { SigningRefusal } from './signers/signingRefusal';
import { AppearanceResources } from './appearance/appearanceResources';
import { assertMaySign, certificateHolder } from './pki/certificates';
import { buildSignedData, type BuildSignedDataOptions } from './cms/cms';
import { writeAt, writeFileSafely } from './pdf/fileWrite';
import { hashFilePrefix } from './pdf/hashRanges';
import { IncrementalUpdate } from './pdf/incrementalUpdate';
import { openPdfForUpdate, pageViewOf, readErrorToAppError, writeErrorToAppError } from './pdf/pdfOpen';
import { PdfDict, PdfName, PdfRaw, PdfRef, PdfString, type PdfValue } from './pdf/pdfObjects';
import type { PdfFile } from './pdf/pdfFile';
import { buildAppearances, type AppearanceRequest, type PlacedAnnotation } from './appearance/signatureAppearance';
import type { Signer } from './signers/signer';

export interface SignPdfRequest {
  input: string;
  output: string;
  signer: Signer;
  appearance: AppearanceRequest;
  reason?: string;
  location?: string;
  /** Claimed signing time written to /M (default: now). */
  signingTime?: Date;
  /** Bytes reserved for the CMS (default 32 KiB: room for a chain, a timestamp token and revocation data). */
  reserveBytes?: number;
  /** For B-T: unsigned attributes computed over the signature value (the RFC 3161 token). */
  unsignedAttributesFor?: BuildSignedDataOptions['unsignedAttributesFor'];
  /** Certificates to embed besides the signer's own chain (e.g. intermediates the token lacks). */
  extraCertificates?: Uint8Array[];
  fontsDirectory?: string;
  /** Hears each phase; `reading` reports bytes hashed of the total, the other phases 0/0. */
  onProgress?: (progress: SignProgress) => void;
}

export interface SignProgress {
  /** `revocation`: the B-LT step after signing (signPdfWithLtv), waiting on the CA's OCSP/CRL services. */
  phase: 'preparing' | 'reading' | 'signing' | 'storing' | 'revocation';
  done: number;
  total: number;
}

export interface SignPdfResult {
  output: string;
  byteRange: [number, number, number, number];
  fieldName: string;
  cmsLength: number;
}

const name = (n: string): PdfName => new PdfName(n);

/** "D:20261115102030+07'00'": the signing time in Vietnam time, as /M wants it (§7.9.4). */
export function pdfDate(date: Date): string {
  return `D:${vietnamLocalTime(date).replace(/[-T:]/g, '')}+07'00'`;
}

function defaultReason(kind: AppearanceRequest['kind']): string {
  const key = ({ approval: 'signing.reasonApproval', issue: 'signing.reasonIssue', attachment: 'signing.reasonAttachment', receipt: 'signing.reasonReceipt' } as const)[kind];
  return msg(key);
}

/** Every terminal field name in the AcroForm, so a new field gets a fresh one. */
function fieldNames(file: PdfFile, fields: PdfValue): Set<string> {
  const names = new Set<string>();
  const seen = new Set<number>();
  const walk = (value: PdfValue, depth: number): void => {
    if (depth > 32) return;
    if (value instanceof PdfRef) {
      if (seen.has(value.num)) return;
      seen.add(value.num);
    }
    const node = file.resolve(value);
    if (Array.isArray(node)) node.forEach((n) => walk(n, depth + 1));
    else if (node instanceof PdfDict) {
      const t = node.get('T');
      if (t instanceof PdfString) names.add(t.text);
      walk(node.get('Kids') ?? null, depth + 1);
    }
  };
  walk(fields, 0);
  return names;
}

/** Appends annotations to a page: rewrites the /Annots array object when indirect, else the page dictionary. */
function addToPageAnnots(file: PdfFile, update: IncrementalUpdate, pageRef: PdfRef, annots: PdfRef[], pending: Map<number, PdfDict | PdfValue[]>): void {
  const page = (pending.get(pageRef.num) as PdfDict | undefined) ?? file.dict(pageRef)!.clone();
  const current = page.get('Annots');
  if (current instanceof PdfRef) {
    const array = (pending.get(current.num) as PdfValue[] | undefined) ?? [...((file.resolve(current) as PdfValue[] | null) ?? [])];
    array.push(...annots);
    pending.set(current.num, array);
    update.set(current, array);
  } else {
    page.set('Annots', [...(Array.isArray(current) ? current : []), ...annots]);
    pending.set(pageRef.num, page);
    update.set(pageRef, page);
  }
}

/** Adds the field to the AcroForm (creating one when missing) and sets SigFlags 3 (signatures exist, append only). */
function addToAcroForm(file: PdfFile, update: IncrementalUpdate, field: PdfRef): string {
  const catalogRef = file.catalogRef();
  const catalog = file.catalog();
  const acroValue = catalog.get('AcroForm');
  const acroForm = file.dict(acroValue)?.clone() ?? new PdfDict();
  const fields = acroForm.get('Fields');
  const existing = fieldNames(file, fields ?? null);
  let n = 1;
  while (existing.has(`Signature${n}`)) n++;
  if (fields instanceof PdfRef) {
    update.set(fields, [...((file.resolve(fields) as PdfValue[] | null) ?? []), field]);
  } else {
    acroForm.set('Fields', [...(Array.isArray(fields) ? fields : []), field]);
  }
  acroForm.set('SigFlags', 3);
  if (acroValue instanceof PdfRef) update.set(acroValue, acroForm);
  else update.set(catalogRef, catalog.clone().set('AcroForm', update.add(acroForm)));
  return `Signature${n}`;
}

/**
 * A certified document (/Perms /DocMDP, ISO 32000-1 §12.8.2.2) says what may change after certification: P=1 nothing,
 * P=2 form filling and signing, P=3 also annotations. Signing anyway would break the certification, so refuse.
 */
function assertCertificationAllows(file: PdfFile, kind: AppearanceRequest['kind']): void {
  const perms = file.dict(file.catalog().get('Perms'));
  const certification = file.dict(perms?.get('DocMDP'));
  if (!certification) return;
  const references = file.resolve(certification.get('Reference'));
  let p = 2; // the default when /P is absent
  for (const ref of Array.isArray(references) ? references : []) {
    const params = file.dict(file.dict(ref)?.get('TransformParams'));
    const value = params?.get('P');
    if (typeof value === 'number') p = value;
  }
  // Issuing writes the number and date as annotations, which only P=3 permits.
  if (p === 1 || (p === 2 && kind === 'issue')) throw new SigningRefusal(msg('signing.certified', { p }));
}

function findPlaceholder(bytes: Buffer, from: number, marker: string): number {
  const at = bytes.indexOf(marker, from, 'latin1');
  if (at < 0) throw new Error(`placeholder ${marker} missing`);
  return at;
}

export async function signPdf(request: SignPdfRequest): Promise<SignPdfResult> {
  const signingTime = request.signingTime ?? new Date();
  // The key is used now, whatever time the caller claims: the certificate must be valid now.
  assertMaySign(request.signer.certificate);
  const input = path.resolve(request.input);
  const output = path.resolve(request.output);
  if (input === output) throw new AppError('BAD_INPUT', msg('signing.outputExists'));

  const progress = (phase: SignProgress['phase'], done = 0, total = 0) => request.onProgress?.({ phase, done, total });
  progress('preparing');
  const file = openPdfForUpdate(input);
  let built: { bytes: Buffer; contentsAt: number; byteRangeAt: number; byteRangeLength: number; fieldName: string };
  const reserve = request.reserveBytes ?? 32 * 1024;
  try {
    const update = new IncrementalUpdate(file);
    const pages = file.pageRefs();
    // The owner password's restrictions bind a signer as much as a certification does; verifying ignores them.
    if (file.security && !file.security.allowsSigning) throw new SigningRefusal(`${msg('signingEncrypted.forbidden')} ${msg('signing.nothingSigned')}`);
    assertCertificationAllows(file, request.appearance.kind);
    const resources = new AppearanceResources(update, request.fontsDirectory);
    const given = request.appearance;
    // An approval without a signature image says in words who signed: the certificate's holder.
    const appearance = given.kind === 'approval' && !given.image && !given.signedBy ? { ...given, signedBy: certificateHolder(request.signer.certificate) } : given;
    const appearances = await buildAppearances(appearance, resources, (i) => pageViewOf(file, pages[i]!), pages.length, signingTime);
    await resources.finish();

    const sigRef = update.add(
      new PdfDict([
        ['Type', name('Sig')],
        ['Filter', name('Adobe.PPKLite')],
        ['SubFilter', name('ETSI.CAdES.detached')],
        ['ByteRange', new PdfRaw(`[0 ${'0'.repeat(10)} ${'0'.repeat(10)} ${'0'.repeat(10)}]`)],
        ['Contents', new PdfRaw(`<${'0'.repeat(reserve * 2)}>`)],
        ['M', new PdfString(Buffer.from(pdfDate(signingTime), 'latin1'))],
        ['Reason', PdfString.text(request.reason ?? defaultReason(request.appearance.kind))],
        ...(request.location ? ([['Location', PdfString.text(request.location)]] as [string, PdfValue][]) : []),
      ]),
    );
    const widgetRef = update.allocate();
    const fieldName = addToAcroForm(file, update, widgetRef);
    const placed = (a: PlacedAnnotation): PdfDict =>
      new PdfDict([
        ['Type', name('Annot')],
        ['Rect', a.rect],
        ['P', pages[a.pageIndex]!],
        // Print + Locked: shown and printed, not movable or deletable by viewers.
        ['F', 132],
        ['AP', new PdfDict([['N', a.appearance]])],
      ]);
    const widget = placed(appearances.signature)
      .set('Subtype', name('Widget'))
      .set('FT', name('Sig'))
      .set('T', PdfString.text(fieldName))
      .set('V', sigRef);
    update.set(widgetRef, widget);

    const byPage = new Map<number, PdfRef[]>([[appearances.signature.pageIndex, [widgetRef]]]);
    for (const a of appearances.annotations) {
      const ref = update.add(
        placed(a)
          .set('Subtype', name('FreeText'))
          .set('Contents', PdfString.text(a.contents ?? ''))
          .set('DA', new PdfString(Buffer.from('/Helv 13 Tf 0 g')))
          .set('BS', new PdfDict([['W', 0]])),
      );
      byPage.set(a.pageIndex, [...(byPage.get(a.pageIndex) ?? []), ref]);
    }
    const pending = new Map<number, PdfDict | PdfValue[]>();
    for (const [pageIndex, refs] of byPage) addToPageAnnots(file, update, pages[pageIndex]!, refs, pending);

    const { bytes, objectOffsets } = update.build();
    const sigAt = objectOffsets.get(sigRef.num)!;
    const byteRangeAt = findPlaceholder(bytes, sigAt, '[0 0000000000 ');
    const contentsAt = findPlaceholder(bytes, sigAt, `<${'0'.repeat(64)}`);
    built = { bytes, contentsAt, byteRangeAt, byteRangeLength: 3 + 3 * 11, fieldName };
  } catch (error) {
    throw readErrorToAppError(error, true);
  } finally {
    file.close();
  }

  const base = file.size;
  const total = base + built.bytes.length;
  const a = base + built.contentsAt;
  const b = a + reserve * 2 + 2;
  const byteRange: [number, number, number, number] = [0, a, b, total - b];
  const rangeText = `[0 ${a} ${b} ${total - b}]`.padEnd(built.byteRangeLength, ' ');
  built.bytes.write(rangeText, built.byteRangeAt, 'latin1');

  let cmsLength = 0;
  const writeSigned = async (tmp: string) => {
    const before = await fs.stat(input);
    if (before.size !== base) throw new AppError('UNREADABLE_FILE', `${msg('signing.inputChanged')} ${msg('signing.nothingSigned')}`);
    // The kernel copies the input while this thread hashes it: one read of the data instead of copy-then-hash.
    progress('reading', 0, base);
    const [hash] = await Promise.all([hashFilePrefix(input, base, (done) => progress('reading', done, base)), fs.copyFile(input, tmp)]);
    const after = await fs.stat(input);
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
      throw new AppError('UNREADABLE_FILE', `${msg('signing.inputChanged')} ${msg('signing.nothingSigned')}`);
    }
    hash.update(built.bytes.subarray(0, a - base));
    hash.update(built.bytes.subarray(b - base));
    const digest = new Uint8Array(hash.digest());
    progress('signing');
    const cms = await buildSignedData({
      digest,
      signer: request.signer,
      ...(request.unsignedAttributesFor ? { unsignedAttributesFor: request.unsignedAttributesFor } : {}),
      ...(request.extraCertificates ? { extraCertificates: request.extraCertificates } : {}),
    });
    cmsLength = cms.length;
    if (cms.length > reserve) throw new SigningRefusal(msg('signing.signatureTooLarge', { size: reserve }));
    built.bytes.write(Buffer.from(cms).toString('hex'), a - base + 1, 'latin1');
    progress('storing');
    await writeAt(tmp, built.bytes, base);
  };
  try {
    await writeFileSafely(output, writeSigned);
  } catch (error) {
    throw writeErrorToAppError(error, output);
  }
  return { output, byteRange, fieldName: built.fieldName, cmsLength };
}

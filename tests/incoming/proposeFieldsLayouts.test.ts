/**
 * Field proposals over documents as offices really make them: the same Decree 30 documents printed by Chromium from
 * HTML and by LibreOffice Writer from a flat ODT, with the title, subject and authority lines in one block or as
 * paragraphs of their own with and without space after them, subjects of one to three lines, and issuing bodies on one
 * or two lines with or without a parent body. Prints the share of fields proposed right, per field and overall.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Proposal } from '../../shared/contract/types';
import { proposeFields } from '../../electron/core/incoming/proposeFields';
import { readPdf } from '../../electron/core/pdf/pdfText';
import { cleanupFixtures, type DocumentSpec, documentSpec, expectedProposal, makeDocumentPdfs, type Producer } from '../support/documentFixtures';
import { LAYOUT_DOCUMENTS as DOCUMENTS } from '../support/layoutDocuments';

/** Unset: lines broken in one block; numbers: paragraphs of their own with that much space (pt) after each. */
const SPACINGS: (number | undefined)[] = [undefined, 0, 6, 12];
const PRODUCERS: Producer[] = ['chromium', 'libreoffice'];

interface Case {
  name: string;
  producer: Producer;
  spec: DocumentSpec;
  expected: Required<Proposal>;
}

const CASES: Case[] = PRODUCERS.flatMap((producer) =>
  SPACINGS.flatMap((paragraphSpacing) =>
    DOCUMENTS.map(([name, kind, overrides]): Case => {
      const all = { ...overrides, paragraphSpacing };
      const spacing = paragraphSpacing === undefined ? 'one block' : `paragraphs + ${paragraphSpacing}pt`;
      return { name: `${name} (${producer}, ${spacing})`, producer, spec: documentSpec(kind, all), expected: expectedProposal(kind, all) };
    }),
  ),
);

type Field = keyof Required<Proposal>;
const squash = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : v);

const proposals = new Map<string, Proposal>();

beforeAll(async () => {
  const files = await makeDocumentPdfs(CASES);
  for (const [i, c] of CASES.entries()) {
    const reading = await readPdf(files[i] as string);
    expect(reading.problem, c.name).toBeNull();
    proposals.set(c.name, proposeFields(reading.firstPage, { pageWidth: reading.firstPageSize?.width, lastPage: reading.lastPage }));
  }
}, 150_000);
afterAll(cleanupFixtures);

describe('proposeFields over documents from several producers and spacings', () => {
  it('proposes most fields right over the whole set', () => {
    const fields = Object.keys(CASES[0]!.expected) as Field[];
    const right = new Map<Field, number>(fields.map((f) => [f, 0]));
    for (const c of CASES) {
      const proposal = proposals.get(c.name) ?? {};
      for (const f of fields) if (squash(proposal[f]) === squash(c.expected[f])) right.set(f, (right.get(f) ?? 0) + 1);
    }
    const total = [...right.values()].reduce((a, b) => a + b, 0);
    const share = total / (fields.length * CASES.length);
    const pct = (n: number) => `${Math.round(n * 1000) / 10}%`;
    console.log(
      `proposeFields over ${CASES.length} documents: ${pct(share)} of fields right; ${fields.map((f) => `${f} ${pct((right.get(f) ?? 0) / CASES.length)}`).join(', ')}`,
    );
    expect(share).toBeGreaterThanOrEqual(0.99);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: every field as printed', (_, c) => {
    const proposal = proposals.get(c.name) ?? {};
    const { subject, ...exact } = proposal;
    const { subject: expectedSubject, ...expectedExact } = c.expected;
    expect(exact).toEqual(expectedExact);
    expect(squash(subject)).toBe(squash(expectedSubject));
  });
});

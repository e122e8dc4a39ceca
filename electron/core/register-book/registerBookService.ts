/** Either register book (incoming or outgoing) for a date range, exported to the content store as PDF or XLSX. */
import type { ContentRef, OrgProfile, ParsedInput } from '../../../shared/contract';
import { joinCode } from '../../../shared/domain/documentCode';
import { msg } from '../../../shared/messages';
import type { ContentStore } from '../content/contentStore';
import type { IncomingRepo } from '../db/incomingRepo';
import type { OutgoingRepo, OutgoingRow } from '../db/outgoingRepo';
import type { OrgService } from '../org/orgService';
import { exportRegisterBook, registerBookFileName } from './registerBookExport';
import type { OutgoingRegisterEntry, RegisterBook, RegisterBookHeading } from './registerBookEntry';

const MIME = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

export interface RegisterBookDeps {
  incomingRepo: IncomingRepo;
  outgoingRepo: OutgoingRepo;
  org: OrgService;
  content: ContentStore;
}

export function createRegisterBookService(deps: RegisterBookDeps) {
  async function incomingBook(heading: Omit<RegisterBookHeading, 'registerName'>): Promise<RegisterBook> {
    const rows = await deps.incomingRepo.byArrivalDate(heading.from, heading.to);
    return {
      ...heading,
      registerName: msg('registerBook.incomingName'),
      entries: rows.map(({ document: d, note, recipients }) => ({
        arrivalDate: d.arrivalDate,
        arrivalNumber: d.arrivalNumber!,
        organName: d.organName,
        codeNumber: d.codeNumber,
        codeNotation: d.codeNotation,
        issuedDate: d.issuedDate,
        typeName: d.typeName,
        subject: d.subject,
        recipients: recipients.join('; '),
        handedOverDate: d.handedOverAt,
        note,
      })),
    };
  }

  async function outgoingBook(heading: Omit<RegisterBookHeading, 'registerName'>, profile: OrgProfile): Promise<RegisterBook> {
    const rows = await deps.outgoingRepo.byIssuedDate(heading.from, heading.to);
    const units = new Map(profile.units.map((u) => [u.id, u.name]));
    const entries: OutgoingRegisterEntry[] = [];
    for (const row of rows) {
      entries.push({
        sequence: row.register_id ?? '',
        number: row.number ?? 0,
        codeNumber: row.code_number,
        codeNotation: row.code_notation,
        issuedDate: row.issued_date ?? '',
        typeName: row.type_name,
        subject: row.subject,
        signer: signerLines(row, profile.abbrev),
        recipients: row.to_places,
        // The drafting unit keeps the file copy (Decree 30 Art. 18); a unit deleted since leaves the cell blank.
        fileCopyHolder: row.drafting_unit_id ? (units.get(row.drafting_unit_id) ?? '') : '',
        copies: row.issued_amount,
        dispatchedDate: row.dispatched_at,
        note: [await closedNote(row), row.note.trim()].filter((s) => s !== '').join('\n'),
      });
    }
    return { ...heading, kind: 'outgoing', registerName: msg('registerBook.outgoingName'), entries };
  }

  /** "Đã thu hồi: …" or "Đã thay thế bằng văn bản 02/QĐ-UBND: …" for a document taken back after its issue. */
  async function closedNote(row: OutgoingRow): Promise<string> {
    const reason = row.closed_reason ?? '';
    if (row.status === 'recalled') return msg('registerBook.recalled', { reason });
    if (row.status !== 'replaced') return '';
    const by = row.replaced_by ? (await deps.outgoingRepo.get(row.replaced_by))?.row : undefined;
    return msg('registerBook.replaced', { by: by ? joinCode(by.code_number, by.code_notation) : '', reason });
  }

  return {
    async export(input: ParsedInput<'registerBook.export'>): Promise<ContentRef> {
      const profile = await deps.org.require();
      const heading = { organName: profile.name, from: input.from, to: input.to };
      const book = input.kind === 'outgoing' ? await outgoingBook(heading, profile) : await incomingBook(heading);
      const bytes = await exportRegisterBook(book, input.format);
      const stored = await deps.content.put(bytes);
      return { hash: stored.hash, size: stored.size, name: registerBookFileName(book, input.format), mime: MIME[input.format] };
    },
  };
}

/**
 * Người ký as the signature block reads, one line each: the authority with the organisation's abbreviation
 * ("TM. UBND"; none when the head signs in person), the title as printed, the name.
 */
function signerLines(row: Pick<OutgoingRow, 'signer_authority' | 'signer_position' | 'signer_name'>, organAbbrev: string): string {
  const authority = row.signer_authority.trim() ? `${row.signer_authority.trim()} ${organAbbrev.trim()}`.trim() : '';
  return [authority, row.signer_position.trim(), row.signer_name.trim()].filter((s) => s !== '').join('\n');
}

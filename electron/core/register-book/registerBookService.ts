/** A register book (incoming, outgoing, or the handling tracking register) for a date range, exported to the content store as PDF or XLSX. */
import type { ContentRef, OrgProfile, Output, ParsedInput } from '../../../shared/contract';
import { todayInVietnam } from '../../../shared/domain/dates';
import { joinCode } from '../../../shared/domain/documentCode';
import { sequenceLabel } from '../../../shared/domain/outgoing';
import { headTitle, signerBlockLines } from '../../../shared/domain/signerBlockLines';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import type { ContentStore } from '../content/contentStore';
import type { HandlingRepo } from '../db/handlingRepo';
import { toHandling, type IncomingRepo } from '../db/incomingRepo';
import type { OutgoingRepo, OutgoingRow } from '../db/outgoingRepo';
import type { OrgService } from '../org/orgService';
import { exportRegisterBook, registerBookFileName } from './registerBookExport';
import type { OutgoingRegisterEntry, RegisterBook, RegisterBookHeading, TrackingRegisterEntry } from './registerBookEntry';

const MIME = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

export interface RegisterBookDeps {
  incomingRepo: IncomingRepo;
  outgoingRepo: OutgoingRepo;
  handlingRepo: HandlingRepo;
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

  async function outgoingBook(heading: Omit<RegisterBookHeading, 'registerName'>, profile: OrgProfile, sequence: string | null): Promise<RegisterBook> {
    const issued = await deps.outgoingRepo.byIssuedDate(heading.from, heading.to);
    const rows = sequence === null ? issued : issued.filter((row) => row.register_id === sequence);
    const units = new Map(profile.units.map((u) => [u.id, u.name]));
    const head = headTitle(profile.staff.filter((s) => s.role === 'lanh_dao').map((s) => s.position));
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
        signer: signerBlockLines(
          { authority: row.signer_authority, position: row.signer_position, name: row.signer_name },
          { name: profile.name, abbrev: profile.abbrev, headTitle: head },
        ).join('\n'),
        recipients: row.to_places,
        // The drafting unit keeps the file copy (Decree 30 Art. 18); a unit deleted since leaves the cell blank.
        fileCopyHolder: row.drafting_unit_id ? (units.get(row.drafting_unit_id) ?? '') : '',
        copies: row.issued_amount,
        dispatchedDate: row.dispatched_at,
        note: [await closedNote(row), row.note.trim()].filter((s) => s !== '').join('\n'),
      });
    }
    const scope = sequence === null ? {} : { scope: msg('registerBook.sequence', { name: sequenceLabel(sequence) }) };
    return { ...heading, ...scope, kind: 'outgoing', registerName: msg('registerBook.outgoingName'), entries };
  }

  async function trackingBook(heading: Omit<RegisterBookHeading, 'registerName'>, profile: OrgProfile, unitId: string | null): Promise<RegisterBook> {
    const unit = unitId === null ? null : profile.units.find((u) => u.id === unitId);
    if (unit === undefined) throw new AppError('BAD_INPUT', msg('trackingBook.unitUnknown'), { unitId: msg('trackingBook.unitUnknown') });
    const rows = await deps.handlingRepo.tracking(heading.from, heading.to, unitId);
    // Names as the organisation has them now; a unit or person deleted since prints blank rather than as an id.
    const units = new Map(profile.units.map((u) => [u.id, u.name]));
    const staff = new Map(profile.staff.map((p) => [p.id, p.fullName]));
    const nameOf = (names: Map<string, string>, id: string | null) => (id === null ? '' : (names.get(id) ?? ''));
    const entries = rows.map((row): TrackingRegisterEntry => ({
      arrivalDate: row.arrival_date,
      arrivalNumber: row.arrival_number,
      typeName: row.type_name,
      codeNumber: row.code_number,
      codeNotation: row.code_notation,
      issuedDate: row.issued_date,
      organName: row.organ_name,
      subject: row.subject,
      lead: row.lead_staff_id !== null ? nameOf(staff, row.lead_staff_id) : nameOf(units, row.lead_unit_id),
      officer: row.assignee_id !== row.lead_staff_id ? nameOf(staff, row.assignee_id) : '',
      cooperating: toHandling(row).cooperating.map((id) => nameOf(units, id)).filter((name) => name !== ''),
      forInfo: row.for_info === 1,
      dueDate: row.handling_due,
      progress: row.progress ?? '',
      closedDate: row.handling_state === 'closed' && row.closed_at ? todayInVietnam(new Date(row.closed_at)) : null,
      closeNote: row.close_note ?? '',
      replyCode: row.reply_code ?? '',
      note: [row.recalled_at ? msg('trackingBook.recalled') : '', row.note.trim()].filter((s) => s !== '').join('\n'),
    }));
    const scope = unit ? { scope: msg('trackingBook.leadUnit', { unit: unit.name }) } : {};
    return { ...heading, ...scope, kind: 'tracking', registerName: msg('trackingBook.name'), entries };
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
      const book =
        input.kind === 'outgoing'
          ? await outgoingBook(heading, profile, input.sequence ?? null)
          : input.kind === 'tracking'
            ? await trackingBook(heading, profile, input.unitId ?? null)
            : await incomingBook(heading);
      const bytes = await exportRegisterBook(book, input.format);
      // Downloaded at once: a day later the sweep of staged bytes takes it away.
      const stored = await deps.content.putStaged(bytes);
      return { hash: stored.hash, size: stored.size, name: registerBookFileName(book, input.format), mime: MIME[input.format] };
    },

    async sequences(input: ParsedInput<'registerBook.sequences'>): Promise<Output<'registerBook.sequences'>> {
      return (await deps.outgoingRepo.sequencesIssued(input.from, input.to)).map((id) => ({ id, name: sequenceLabel(id) }));
    },
  };
}

/**
 * The handling slip (phiếu giải quyết văn bản đến, Decree 30 Appendix IV) of one incoming document, written from its
 * handling events: (1) the leader's instruction, (2) the unit leader's assignment, (3) the officer's progress and
 * closing. The events are the record, so the slip shows each step as it was taken, also one given again.
 */
import type { DocumentEvent, IncomingDetail } from '../../../shared/contract';
import { HandlingEventData } from '../../../shared/contract/handlingSchemas';
import { shortVietnameseDate, todayInVietnam } from '../../../shared/domain/dates';
import { joinCode } from '../../../shared/domain/documentCode';
import { msg } from '../../../shared/messages';
import { loadBundledFont } from '../pdf/bundledFonts';
import { writeFormPdf } from '../pdf/formPdf';
import type { TextLine } from '../pdf/pdfWriter';

const A4_PORTRAIT = [595, 842] as const;
const MM = 72 / 25.4;
// The margins of an administrative document (Decree 30 Appendix I): 30 mm on the left for binding.
const MARGINS = { top: 20 * MM, right: 15 * MM, bottom: 20 * MM, left: 30 * MM };
const BODY = 13;
const INDENT = 18;
const PART_GAP = 12;

// What each step's event records (handlingService.ts); an event that does not read so is left off the slip.
const { instructed: Instructed, assigned: Assigned, reported: Reported, closed: Closed, read: Read } = HandlingEventData;

const line = (text: string, extra: Partial<TextLine> = {}): TextLine => ({ text, size: BODY, position: 'left', indent: INDENT, ...extra });
const dayOf = (event: DocumentEvent) => shortVietnameseDate(todayInVietnam(new Date(event.at)));
const dueLine = (due: string | null) => line(due ? msg('handlingSlip.due', { date: shortVietnameseDate(due) }) : msg('handlingSlip.noDue'));
const noteLines = (note: string) => (note.trim() ? [line(msg('handlingSlip.note', { note: note.trim() }))] : []);
/** Two dotted lines: a part nobody wrote yet, left to be filled in by hand on the printed slip. */
const blank = (): TextLine[] => [line('', { dotted: true }), line('', { dotted: true })];

/** The date and name under an instruction, where the person would sign on paper. */
function signature(event: DocumentEvent): TextLine[] {
  return [
    { text: msg('handlingSlip.signed', { date: dayOf(event) }), size: BODY, position: 'signature', gapBefore: 4 },
    { text: event.actor, size: BODY, bold: true, position: 'signature' },
  ];
}

function leaderPart(events: DocumentEvent[]): TextLine[] {
  return events.flatMap((event) => {
    const data = Instructed.safeParse(event.data);
    if (event.kind !== 'handling.instructed' || !data.success) return [];
    const { lead, cooperating, dueDate, forInfo, note } = data.data;
    const who = forInfo ? 'handlingSlip.forInfo' : lead.kind === 'staff' ? 'handlingSlip.leadPerson' : 'handlingSlip.leadUnit';
    const units = cooperating.map((c) => c.name ?? '').filter((name) => name !== '').join(', ');
    return [
      line(msg(who, { lead: lead.name })),
      ...(units ? [line(msg('handlingSlip.cooperating', { units }))] : []),
      ...(forInfo ? [] : [dueLine(dueDate)]),
      ...noteLines(note),
      ...signature(event),
    ];
  });
}

function unitLeaderPart(events: DocumentEvent[]): TextLine[] {
  return events.flatMap((event) => {
    const data = Assigned.safeParse(event.data);
    if (event.kind !== 'handling.assigned' || !data.success) return [];
    return [line(msg('handlingSlip.assigned', { officer: data.data.assignee.name })), dueLine(data.data.dueDate), ...noteLines(data.data.note), ...signature(event)];
  });
}

/** Progress reports and the closing, each dated and named on its line. */
function officerPart(events: DocumentEvent[]): TextLine[] {
  const by = (event: DocumentEvent, text: string) => line(`${text} ${msg('handlingSlip.by', { name: event.actor })}`);
  return events.flatMap((event) => {
    const date = dayOf(event);
    if (event.kind === 'handling.reported') {
      const data = Reported.safeParse(event.data);
      return data.success ? [by(event, msg('handlingSlip.report', { date, note: data.data.note.trim() }))] : [];
    }
    if (event.kind === 'handling.closed') {
      const data = Closed.safeParse(event.data);
      if (!data.success) return [];
      const note = data.data.note.trim();
      const closed = note ? msg('handlingSlip.closedWithNote', { date, note }) : msg('handlingSlip.closed', { date });
      const reply = data.data.reply?.code ? ` ${msg('handlingSlip.reply', { code: data.data.reply.code })}` : '';
      return [by(event, `${closed}${reply}`)];
    }
    const read = Read.safeParse(event.data);
    return event.kind === 'handling.read' && read.success && read.data.closes ? [by(event, msg('handlingSlip.read', { date }))] : [];
  });
}

/** The slip's lines, top to bottom: organisation, title, the document, the three parts. */
export function handlingSlipLines(detail: IncomingDetail, organName: string): TextLine[] {
  const d = detail.document;
  const upper = (s: string) => s.trim().toLocaleUpperCase('vi');
  const fact = (text: string, extra: Partial<TextLine> = {}) => line(text, { indent: 0, ...extra });
  const part = (title: string, lines: TextLine[]) => [fact(title, { bold: true, gapBefore: PART_GAP }), ...(lines.length ? lines : blank())];
  const number = d.arrivalNumber === null ? msg('handlingSlip.provisional') : String(d.arrivalNumber);
  return [
    { text: upper(organName), size: 12, bold: true, position: 'heading', underline: true },
    { text: upper(msg('handlingSlip.title')), size: 14, bold: true, gapBefore: 24 },
    fact(msg('handlingSlip.arrivalNumber', { number }), { gapBefore: 18 }),
    fact(msg('handlingSlip.arrivalDate', { date: shortVietnameseDate(d.arrivalDate) })),
    fact(msg('handlingSlip.code', { code: joinCode(d.codeNumber, d.codeNotation) })),
    ...(d.issuedDate ? [fact(msg('handlingSlip.issuedDate', { date: shortVietnameseDate(d.issuedDate) }))] : []),
    fact(msg('handlingSlip.organ', { organ: d.organName })),
    fact(msg('handlingSlip.subject', { subject: [d.typeName, d.subject].filter((s) => s.trim() !== '').join(' ') })),
    ...part(msg('handlingSlip.part.leader'), leaderPart(detail.events)),
    ...part(msg('handlingSlip.part.unitLeader'), unitLeaderPart(detail.events)),
    ...part(msg('handlingSlip.part.officer'), officerPart(detail.events)),
  ];
}

/** The slip as an A4 portrait PDF: one page, unless its notes are long enough to need more. */
export async function handlingSlipPdf(detail: IncomingDetail, organName: string, fontsDirectory?: string): Promise<Uint8Array> {
  const [regular, bold] = await Promise.all([loadBundledFont('LiberationSerif-Regular', fontsDirectory), loadBundledFont('LiberationSerif-Bold', fontsDirectory)]);
  const title = msg('handlingSlip.title');
  return writeFormPdf({
    fonts: { regular, bold },
    pageSize: A4_PORTRAIT,
    margins: MARGINS,
    lines: handlingSlipLines(detail, organName),
    pageLabel: (page, total) => (total > 1 ? msg('registerBook.page', { page, total }) : ''),
    labelSize: BODY - 2,
    info: { title: `${title} — ${joinCode(detail.document.codeNumber, detail.document.codeNotation)}`, subject: title, author: organName, creator: 'Vanthu', language: 'vi' },
  });
}

/** "phieu-giai-quyet_2026-1.pdf" by year and số đến; a provisional entry by its id. */
export function handlingSlipFileName(detail: IncomingDetail): string {
  const d = detail.document;
  return `${msg('handlingSlip.fileStem')}_${d.arrivalNumber === null ? d.id : `${d.year}-${d.arrivalNumber}`}.pdf`;
}

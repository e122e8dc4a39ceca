/**
 * The tracking report of leaders' directives (báo cáo theo dõi thực hiện ý kiến chỉ đạo): one row per directive given
 * or due in the period (ngày chỉ đạo, lãnh đạo, nội dung, đơn vị chủ trì và phối hợp, thời hạn, the units' latest
 * reports, the result), then the counts per unit and per leader as the follow-up list has them. Both tables come from
 * the register writer: PDF A4 landscape with the header on every page, XLSX with a sheet for each table.
 */
import type { DirectiveListOutput, DirectiveSummary } from '../../../shared/contract';
import { shortVietnameseDate } from '../../../shared/domain/dates';
import { directiveSourceText, type DirectiveCounts } from '../../../shared/domain/directive';
import { msg, type MessageKey } from '../../../shared/messages';
import { registerBookPdf } from '../register-book/registerBookPdf';
import { isoToExcelDate, textOrBlank, type RegisterColumn } from '../register-book/registerBookColumns';
import { tableBody, type RegisterTable } from '../register-book/registerBookTable';
import { registerBookTitle } from '../register-book/registerBookTitle';
import { registerBookXlsx } from '../register-book/registerBookXlsx';

export type DirectiveReportFormat = 'pdf' | 'xlsx';

const MIME = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/** What the report is of: the follow-up list of its period (its rows with their units' latest reports) and its filters. */
export interface DirectiveReportData {
  organName: string;
  from: string;
  to: string;
  list: DirectiveListOutput;
  /** Where each directive given on an incoming document was given, as directiveSourceText names it, by directive id. */
  sources: Map<string, string>;
  /** The one unit the report is of: its rows' progress and result are that unit's part's. */
  unit: { id: string; name: string } | null;
  leaderName: string | null;
}

interface ReportEntry {
  number: number;
  directive: DirectiveSummary;
  source: string;
  /** The parts the row speaks of: every unit's, or the chosen unit's. */
  parts: DirectiveSummary['units'];
}

/** The day the last unit finished, for a result that is done. */
const doneDate = (parts: ReportEntry['parts']) => parts.reduce<string | null>((last, u) => (u.doneDate !== null && (last === null || u.doneDate > last) ? u.doneDate : last), null);

/** "Chủ trì: Văn phòng", then "Phối hợp: …" on a line of its own. */
function unitsInCharge(entry: ReportEntry): string {
  const lead = entry.directive.units.filter((u) => u.lead).map((u) => u.unitName);
  const cooperating = entry.directive.units.filter((u) => !u.lead).map((u) => u.unitName);
  return [
    lead.length > 0 ? msg('trackingBook.lead', { lead: lead.join(', ') }) : '',
    cooperating.length > 0 ? msg('trackingBook.cooperating', { units: cooperating.join(', ') }) : '',
  ]
    .filter((s) => s !== '')
    .join('\n');
}

/** Each part's newest report, or its completion; named by unit when the row speaks of several. */
function progress(entry: ReportEntry): string {
  const named = entry.parts.length > 1;
  return entry.parts
    .map((u) => {
      const text = u.doneDate !== null ? [msg('directiveReport.doneOn', { date: shortVietnameseDate(u.doneDate) }), u.doneNote?.trim() ?? ''].filter((s) => s !== '').join('. ') : (u.lastReport ?? msg('directiveReport.noReport'));
      return named ? msg('directiveReport.unitProgress', { unit: u.unitName, progress: text }) : text;
    })
    .join('\n');
}

/** The status as the list names it, with the day it was finished once done. */
function result(entry: ReportEntry): string {
  const status = entry.parts.length === 1 && entry.parts[0] ? entry.parts[0].status : entry.directive.status;
  if (status === null) return msg('directive.status.cancelled');
  const done = status === 'doneOnTime' || status === 'doneLate' ? doneDate(entry.parts) : null;
  return [msg(`directive.status.${status}`), done ? msg('directiveReport.resultDate', { date: shortVietnameseDate(done) }) : ''].filter((s) => s !== '').join('\n');
}

const DIRECTIVE_COLUMNS: readonly RegisterColumn<ReportEntry>[] = [
  { header: 'directiveReport.col.number', pdfWidth: 30, xlsxWidth: 6, align: 'center', kind: 'number', value: (e) => e.number },
  { header: 'directiveReport.col.given', pdfWidth: 56, xlsxWidth: 11, align: 'center', kind: 'date', value: (e) => isoToExcelDate(e.directive.givenDate) },
  { header: 'directiveReport.col.leader', pdfWidth: 76, xlsxWidth: 18, align: 'left', kind: 'text', value: (e) => textOrBlank(e.directive.leaderName) },
  { header: 'directiveReport.col.content', pdfWidth: 186, xlsxWidth: 46, align: 'left', kind: 'text', value: (e) => textOrBlank([e.directive.content.trim(), e.source].join('\n')) },
  { header: 'directiveReport.col.units', pdfWidth: 100, xlsxWidth: 24, align: 'left', kind: 'text', value: (e) => textOrBlank(unitsInCharge(e)) },
  { header: 'directiveReport.col.due', pdfWidth: 56, xlsxWidth: 11, align: 'center', kind: 'date', value: (e) => isoToExcelDate(e.directive.dueDate) },
  { header: 'directiveReport.col.progress', pdfWidth: 160, xlsxWidth: 40, align: 'left', kind: 'text', value: (e) => textOrBlank(progress(e)) },
  { header: 'directiveReport.col.result', pdfWidth: 92, xlsxWidth: 20, align: 'center', kind: 'text', value: (e) => textOrBlank(result(e)) },
];

/** A line of the summary: a group's heading (no counts) or one unit's, one leader's, or all directives' counts. */
type SummaryLine = { name: string; counts: DirectiveCounts | null };

const countColumn = (header: MessageKey, key: keyof DirectiveCounts): RegisterColumn<SummaryLine> => ({
  header,
  pdfWidth: 90,
  xlsxWidth: 14,
  align: 'center',
  kind: 'number',
  value: (line) => line.counts?.[key] ?? null,
});

const SUMMARY_COLUMNS: readonly RegisterColumn<SummaryLine>[] = [
  { header: 'directiveReport.col.name', pdfWidth: 306, xlsxWidth: 44, align: 'left', kind: 'text', value: (line) => line.name },
  countColumn('directiveReport.col.total', 'total'),
  countColumn('directive.status.doneOnTime', 'doneOnTime'),
  countColumn('directive.status.doneLate', 'doneLate'),
  countColumn('directive.status.inProgress', 'inProgress'),
  countColumn('directive.status.overdue', 'overdue'),
];

/** Per unit (each unit's own part), per leader, and all the directives: the leaders' lines add up to it. */
function summaryLines(list: DirectiveListOutput): SummaryLine[] {
  const all: DirectiveCounts = { total: 0, doneOnTime: 0, doneLate: 0, inProgress: 0, overdue: 0 };
  for (const l of list.byLeader) for (const key of Object.keys(all) as (keyof DirectiveCounts)[]) all[key] += l[key];
  return [
    { name: msg('directiveReport.byUnit'), counts: null },
    ...list.byUnit.map((u) => ({ name: u.unitName, counts: u })),
    { name: msg('directiveReport.byLeader'), counts: null },
    ...list.byLeader.map((l) => ({ name: l.leaderName, counts: l })),
    { name: msg('directiveReport.allDirectives'), counts: all },
  ];
}

/** The two tables: the directives in the order they were given, then the summary. */
export function directiveReportTables(data: DirectiveReportData): [RegisterTable, RegisterTable] {
  const scope = [
    data.unit ? msg('directiveReport.unit', { unit: data.unit.name }) : '',
    data.leaderName ? msg('directiveReport.leader', { leader: data.leaderName }) : '',
  ].filter((s) => s !== '');
  const heading = (registerName: MessageKey) => {
    const title = registerBookTitle({ organName: data.organName, registerName: msg(registerName), from: data.from, to: data.to }, null);
    return { ...title, notes: [...scope, msg('directiveReport.scope', { date: shortVietnameseDate(data.list.today) })] };
  };
  const unitId = data.unit?.id;
  // The list reads newest first; a report reads in the order the directives were given.
  const entries = [...data.list.rows].reverse().map(
    (d, i): ReportEntry => ({
      number: i + 1,
      directive: d,
      source: data.sources.get(d.id) ?? directiveSourceText({ meeting: d.meeting, incoming: null }),
      parts: unitId === undefined ? d.units : d.units.filter((u) => u.unitId === unitId),
    }),
  );
  return [
    {
      title: heading('directiveReport.title'),
      ...tableBody(DIRECTIVE_COLUMNS, entries),
      continuationColumn: 0,
      emptyText: msg('directiveReport.empty'),
      sheetName: msg('directiveReport.sheetName'),
    },
    {
      title: heading('directiveReport.summaryTitle'),
      ...tableBody(SUMMARY_COLUMNS, summaryLines(data.list)),
      continuationColumn: 0,
      emptyText: msg('directiveUi.counts.empty'),
      sheetName: msg('directiveReport.summarySheetName'),
    },
  ];
}

/** The report as file bytes with its suggested name ("bao-cao-y-kien-chi-dao_2026-01-01_2026-12-31.pdf") and type. */
export async function directiveReportFile(data: DirectiveReportData, format: DirectiveReportFormat, options: { fontsDirectory?: string } = {}) {
  const tables = directiveReportTables(data);
  const bytes = format === 'pdf' ? await registerBookPdf(tables, options) : await registerBookXlsx(tables, options);
  return { bytes, name: `${msg('directiveReport.fileStem')}_${data.from}_${data.to}.${format}`, mime: MIME[format] };
}

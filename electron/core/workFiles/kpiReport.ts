/**
 * The KPI report of work files (the share the provinces report): per unit and for the organisation over a period, the
 * files opened, closed, and closed entirely online (the verdict kept at closing, shared/domain/workFile.ts), with the
 * share in percent to one decimal. PDF (A4 landscape: the table from the register writer, then a bar chart drawn with
 * vector operators) and XLSX (the table, and a sheet with the shares and a native bar chart over them).
 */
import type { OrgProfile, Output } from '../../../shared/contract';
import { shortVietnameseDate } from '../../../shared/domain/dates';
import { formatShare, onlineShare } from '../../../shared/domain/workFile';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import { writeBarChartPdf } from '../pdf/barChartPdf';
import { loadBundledFont } from '../pdf/bundledFonts';
import { mergePdfs } from '../pdf/mergePdfs';
import { registerBookPdf } from '../register-book/registerBookPdf';
import type { RegisterTable } from '../register-book/registerBookTable';
import { registerBookXlsx } from '../register-book/registerBookXlsx';
import { withBarChartSheet } from '../register-book/xlsxBarChart';
import type { KpiRow as KpiCountRow } from '../db/workFileRepo';

export type KpiFormat = 'pdf' | 'xlsx';
type KpiReport = Output<'workFile.kpi'>;

/** The counts per unit (every unit of the organisation, also with nothing in the period) and the organisation's total. */
export function kpiRows(counts: readonly KpiCountRow[], profile: OrgProfile, input: { from: string; to: string; unitId?: string }): KpiReport {
  if (input.unitId !== undefined && !profile.units.some((u) => u.id === input.unitId)) {
    throw new AppError('BAD_INPUT', msg('workFile.unitUnknown'), { unitId: msg('workFile.unitUnknown') });
  }
  const byUnit = new Map(counts.map((c) => [c.unit_id, c]));
  const row = (unitId: string | null, unitName: string, c: { opened: number; closed: number; closed_online: number }) => ({
    unitId,
    unitName,
    opened: c.opened,
    closed: c.closed,
    closedOnline: c.closed_online,
    share: onlineShare(c.closed, c.closed_online),
  });
  const zero = { opened: 0, closed: 0, closed_online: 0 };
  const units = profile.units
    .filter((u) => input.unitId === undefined || u.id === input.unitId)
    .map((u) => row(u.id, u.name, byUnit.get(u.id) ?? zero));
  // A file of a unit this computer does not know (not yet in its snapshot) still counts in the total.
  const counted = input.unitId === undefined ? counts : counts.filter((c) => c.unit_id === input.unitId);
  const sum = counted.reduce((t, c) => ({ opened: t.opened + c.opened, closed: t.closed + c.closed, closed_online: t.closed_online + c.closed_online }), zero);
  const total = row(null, input.unitId === undefined ? msg('kpi.total') : (units[0]?.unitName ?? ''), sum);
  return { from: input.from, to: input.to, units, total };
}

function kpiTable(report: KpiReport, profile: OrgProfile, unitOnly: boolean): RegisterTable {
  const period = msg('kpi.period', { from: shortVietnameseDate(report.from), to: shortVietnameseDate(report.to) });
  const rows = unitOnly ? report.units : [...report.units, report.total];
  return {
    title: { parentOrganName: null, organName: profile.name.toLocaleUpperCase('vi'), registerName: msg('kpi.title'), period, notes: unitOnly ? [msg('kpi.unitOnly', { unit: report.total.unitName })] : [] },
    columns: [
      { header: msg('kpi.col.unit'), pdfWidth: 250, xlsxWidth: 36, align: 'left', kind: 'text' },
      { header: msg('kpi.col.opened'), pdfWidth: 90, xlsxWidth: 12, align: 'center', kind: 'number' },
      { header: msg('kpi.col.closed'), pdfWidth: 90, xlsxWidth: 12, align: 'center', kind: 'number' },
      { header: msg('kpi.col.online'), pdfWidth: 160, xlsxWidth: 24, align: 'center', kind: 'number' },
      { header: msg('kpi.col.share'), pdfWidth: 90, xlsxWidth: 12, align: 'center', kind: 'text' },
    ],
    rows: rows.map((r) => [r.unitName, r.opened, r.closed, r.closedOnline, formatShare(r.share)]),
    continuationColumn: 0,
    emptyText: msg('kpi.noFiles'),
    sheetName: msg('kpi.sheetName'),
  };
}

const A4_LANDSCAPE = [842, 595] as const;
const MM = 72 / 25.4;

export async function kpiReportFile(report: KpiReport, profile: OrgProfile, format: KpiFormat, options: { fontsDirectory?: string } = {}) {
  const unitOnly = report.units.length === 1 && report.total.unitId === null && report.total.unitName !== msg('kpi.total');
  const table = kpiTable(report, profile, unitOnly);
  const name = `${msg('kpi.fileStem')}_${report.from}_${report.to}.${format}`;
  const shown = unitOnly ? report.units : [...report.units, report.total];
  if (format === 'xlsx') {
    const bytes = withBarChartSheet(await registerBookXlsx([table], options), {
      sheetName: msg('kpi.chartSheetName'),
      title: `${msg('kpi.chartTitle')} — ${table.title.period}`,
      labelHeader: msg('kpi.col.unit'),
      valueHeader: msg('kpi.chartValue'),
      bars: shown.map((r) => ({ label: r.unitName, value: r.share })),
      max: 100,
    });
    return { bytes, name, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  }
  const [regular, bold] = await Promise.all([
    loadBundledFont('LiberationSerif-Regular', options.fontsDirectory),
    loadBundledFont('LiberationSerif-Bold', options.fontsDirectory),
  ]);
  const info = { title: `${table.title.registerName} — ${table.title.organName} — ${table.title.period}`, subject: msg('kpi.title'), author: profile.name, creator: 'Vanthu', language: 'vi' };
  const bars = shown.map((r) => ({
    label: r.unitName,
    value: r.share,
    valueText: formatShare(r.share),
    emphasis: r.unitId === null,
  }));
  const chart = await writeBarChartPdf({
    fonts: { regular, bold },
    pageSize: A4_LANDSCAPE,
    margins: { top: 15 * MM, right: 10 * MM, bottom: 15 * MM, left: 20 * MM },
    title: [
      { text: msg('kpi.chartTitle'), size: 14, bold: true },
      { text: table.title.period, size: 12 },
    ],
    bars,
    tick: (v) => `${v} %`,
    footnotes: [{ text: msg('kpi.definition'), size: 10, position: 'left' }],
    info,
  });
  return { bytes: await mergePdfs([await registerBookPdf([table], options), chart], info), name, mime: 'application/pdf' };
}

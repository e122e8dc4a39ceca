/**
 * Work files (hồ sơ công việc): the year's file plan, opening a file, filing documents into it, closing it with the
 * "processed entirely online" verdict and its archive export, and the KPI report. Who may take each step is decided by
 * shared/domain/workFile.ts, here, in the core: the UI only offers what this allows.
 */
import { randomUUID } from 'node:crypto';
import type { ContentRef, OrgProfile, Output, ParsedInput, Staff, WorkFileDetail, WorkFileShortfall, WorkFileSummary } from '../../../shared/contract';
import { todayInVietnam } from '../../../shared/domain/dates';
import {
  allowedWorkFileActions,
  fileCode,
  mayKeepFilePlan,
  mayOpenFileIn,
  processedOnline,
  type FiledDocumentFacts,
  type WorkFileAction,
} from '../../../shared/domain/workFile';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import type { ContentStore } from '../content/contentStore';
import type { FiledDocumentRow, PlanEntryRow, WorkFileRepo, WorkFileRow } from '../db/workFileRepo';
import type { EventHub } from '../events';
import type { OrgService } from '../org/orgService';
import { kpiRows, kpiReportFile, type KpiFormat } from './kpiReport';
import { documentPageCounts, exportFileName, workFilePdf, workFileXml, type ExportDocument } from './workFileExport';

export interface WorkFileServiceDeps {
  repo: WorkFileRepo;
  org: OrgService;
  content: ContentStore;
  events: EventHub;
  now?: () => Date;
}

const MIME = { pdf: 'application/pdf', xml: 'application/xml' } as const;

export function createWorkFileService(deps: WorkFileServiceDeps) {
  const { repo, org, content, events } = deps;
  const now = deps.now ?? (() => new Date());

  async function step() {
    const staff = await org.currentStaff();
    return { staff, step: { actor: { id: staff.id, name: staff.fullName }, at: now().toISOString() } };
  }

  async function requireFile(id: string): Promise<WorkFileRow> {
    const file = await repo.file(id);
    if (!file) throw new AppError('NOT_FOUND', msg('error.notFound'));
    return file;
  }

  function summary(file: WorkFileRow, profile: OrgProfile): WorkFileSummary {
    return {
      id: file.id,
      fileCode: fileCode(profile.organId, file.year, file.notation),
      year: file.year,
      planEntryId: file.plan_entry_id,
      notation: file.notation,
      title: file.title,
      unitId: file.unit_id,
      unitName: profile.units.find((u) => u.id === file.unit_id)?.name ?? '',
      ownerId: file.owner_id,
      ownerName: file.owner_name,
      retention: file.retention,
      state: file.state,
      openedOn: file.opened_on,
      closedOn: file.closed_on,
      processedOnline: file.processed_online === null ? null : file.processed_online === 1,
    };
  }

  function facts(d: FiledDocumentRow): FiledDocumentFacts {
    return d.doc_kind === 'incoming'
      ? { kind: 'incoming', channel: d.channel ?? 'paper', attachments: d.attachments, handlingState: d.handling_state, instructedRecorded: d.instructed, closedRecorded: d.closed }
      : { kind: 'outgoing', status: d.status ?? '', sealed: d.sealed };
  }

  /** The file as the UI and the export see it, with the online verdict of its documents as they stand now. */
  async function detail(file: WorkFileRow, staff: Staff | null = null): Promise<WorkFileDetail & { rows: FiledDocumentRow[] }> {
    const profile = await org.require();
    const rows = await repo.documents(file.id);
    const verdict = processedOnline(rows.map(facts));
    const documents = rows.map((d, i) => {
      const shortfalls: WorkFileShortfall[] = d.present ? verdict.shortfalls.filter((s) => s.index === i).map((s) => s.reason) : ['missing'];
      return {
        kind: d.doc_kind,
        id: d.doc_id,
        ordinal: i + 1,
        present: d.present,
        typeName: d.type_name,
        codeNumber: d.code_number,
        codeNotation: d.code_notation,
        issuedDate: d.issued_date,
        organName: d.organ_name,
        subject: d.subject,
        arrivalDate: d.arrival_date,
        arrivalNumber: d.arrival_number,
        filedAt: d.filed_at,
        filedBy: d.filed_by,
        shortfalls,
      };
    });
    const exports = (await repo.exports(file.id)).map((e) => ({ hash: e.hash, name: e.name, size: e.size, mime: MIME[e.format] }));
    const actions = allowedWorkFileActions({ state: file.state, unitId: file.unit_id, ownerId: file.owner_id }, staff ?? (await org.currentStaff().catch(() => null)));
    return {
      ...summary(file, profile),
      documents,
      online: verdict.online && documents.every((d) => d.present),
      emptyShortfall: rows.length === 0,
      actions,
      exports,
      rows,
    };
  }

  const publicDetail = async (file: WorkFileRow, staff?: Staff): Promise<WorkFileDetail> => {
    const { rows: _rows, ...shown } = await detail(file, staff);
    return shown;
  };

  /** The acting person and the file, or a refusal unless they may take `action` now. */
  async function authorise(id: string, action: WorkFileAction) {
    const { staff, step: s } = await step();
    const file = await requireFile(id);
    if (file.state === 'closed') throw new AppError('WRONG_STATE', msg('workFile.closedAlready', { date: file.closed_on ?? '' }));
    if (!allowedWorkFileActions({ state: file.state, unitId: file.unit_id, ownerId: file.owner_id }, staff).includes(action)) {
      throw new AppError('FORBIDDEN', msg(`workFile.forbidden.${action}`));
    }
    return { staff, file, step: s };
  }

  function changed(id: string) {
    events.emit('workFile.changed', { id });
  }

  /** Each filed document with its PDF bytes, as the export reads them. */
  async function exportDocuments(file: WorkFileDetail & { rows: FiledDocumentRow[] }): Promise<ExportDocument[]> {
    return Promise.all(
      file.documents.map(async (d, i) => {
        const row = file.rows[i]!;
        const hash = row.pdf_hash;
        const bytes = hash && (await content.has(hash)) ? new Uint8Array(await content.read(hash)) : null;
        return { ...d, pageAmount: row.page_amount, pdf: hash && bytes ? { hash, name: `${d.kind}-${d.ordinal}.pdf`, bytes } : null };
      }),
    );
  }

  async function makeExports(file: WorkFileDetail & { rows: FiledDocumentRow[] }) {
    const profile = await org.require();
    const docs = await exportDocuments(file);
    const pages = await documentPageCounts(docs);
    const orgInfo = { organId: profile.organId, name: profile.name };
    const pdf = await content.put(await workFilePdf(file, orgInfo, docs, pages));
    const xml = await content.put(new TextEncoder().encode(workFileXml(file, orgInfo, docs, pages)));
    return [
      { format: 'pdf' as const, hash: pdf.hash, size: pdf.size, name: exportFileName(file, 'pdf') },
      { format: 'xml' as const, hash: xml.hash, size: xml.size, name: exportFileName(file, 'xml') },
    ];
  }

  function planEntry(row: PlanEntryRow): Output<'workFile.planSave'> {
    return { id: row.id, year: row.year, notation: row.notation, title: row.title, unitId: row.unit_id, retention: row.retention, note: row.note };
  }

  return {
    async planList(input: { year: number }): Promise<Output<'workFile.planList'>> {
      return (await repo.planEntries(input.year)).map(planEntry);
    },

    async planSave(input: ParsedInput<'workFile.planSave'>): Promise<Output<'workFile.planSave'>> {
      const { staff, step: s } = await step();
      if (!mayKeepFilePlan(staff)) throw new AppError('FORBIDDEN', msg('workFile.forbidden.plan'));
      const profile = await org.require();
      if (input.unitId !== null && !profile.units.some((u) => u.id === input.unitId)) {
        throw new AppError('BAD_INPUT', msg('workFile.unitUnknown'), { unitId: msg('workFile.unitUnknown') });
      }
      const existing = input.id ? await repo.planEntry(input.id) : null;
      if (input.id && !existing) throw new AppError('NOT_FOUND', msg('workFile.planEntryUnknown'));
      if (existing && existing.year !== input.year) throw new AppError('BAD_INPUT', msg('workFile.planYearMismatch', { year: existing.year }), { year: msg('workFile.planYearMismatch', { year: existing.year }) });
      const taken = (await repo.planEntries(input.year)).find((e) => e.notation === input.notation && e.id !== input.id);
      if (taken) {
        const text = msg('workFile.planNotationTaken', { year: input.year, notation: input.notation });
        throw new AppError('BAD_INPUT', text, { notation: text });
      }
      const row: PlanEntryRow = { id: input.id ?? randomUUID(), year: input.year, notation: input.notation, title: input.title, unit_id: input.unitId, retention: input.retention, note: input.note };
      await repo.savePlanEntry(row, s);
      changed(row.id);
      return planEntry(row);
    },

    async open(input: ParsedInput<'workFile.open'>): Promise<WorkFileDetail> {
      const { staff, step: s } = await step();
      const profile = await org.require();
      const entry = input.planEntryId ? await repo.planEntry(input.planEntryId) : null;
      if (input.planEntryId && !entry) throw new AppError('BAD_INPUT', msg('workFile.planEntryUnknown'), { planEntryId: msg('workFile.planEntryUnknown') });
      if (entry && entry.year !== input.year) throw new AppError('BAD_INPUT', msg('workFile.planYearMismatch', { year: entry.year }), { year: msg('workFile.planYearMismatch', { year: entry.year }) });
      const unitId = input.unitId ?? entry?.unit_id ?? staff.unitId;
      if (!unitId || !profile.units.some((u) => u.id === unitId)) throw new AppError('BAD_INPUT', msg('workFile.unitUnknown'), { unitId: msg('workFile.unitUnknown') });
      if (!mayOpenFileIn(staff, unitId)) throw new AppError('FORBIDDEN', msg('workFile.forbidden.open'));
      const notation = input.notation ?? entry!.notation;
      const title = input.title || entry?.title || '';
      if (await repo.openWithNotation(input.year, notation)) {
        const text = msg('workFile.notationTaken', { year: input.year, notation });
        throw new AppError('BAD_INPUT', text, { notation: text });
      }
      const row: WorkFileRow = {
        id: randomUUID(),
        year: input.year,
        plan_entry_id: entry?.id ?? null,
        notation,
        title,
        unit_id: unitId,
        owner_id: staff.id,
        owner_name: staff.fullName,
        retention: input.retention ?? entry?.retention ?? '',
        state: 'open',
        opened_on: todayInVietnam(now()),
        closed_on: null,
        processed_online: null,
      };
      await repo.open(row, s);
      changed(row.id);
      return publicDetail(row, staff);
    },

    async file(input: ParsedInput<'workFile.file'>): Promise<WorkFileDetail> {
      const { staff, file, step: s } = await authorise(input.id, 'file');
      // A document this computer does not hold is one its user cannot see (restricted) or that never existed.
      if (!(await repo.documentExists(input.doc.kind, input.doc.id))) throw new AppError('BAD_INPUT', msg('workFile.documentUnknown'), { doc: msg('workFile.documentUnknown') });
      const already = (await repo.documents(file.id)).some((d) => d.doc_kind === input.doc.kind && d.doc_id === input.doc.id);
      if (!already && !(await repo.addDocument(file.id, input.doc, s))) throw new AppError('WRONG_STATE', msg('workFile.changedMeanwhile'));
      if (!already) changed(file.id);
      return publicDetail((await repo.file(file.id))!, staff);
    },

    async unfile(input: ParsedInput<'workFile.unfile'>): Promise<WorkFileDetail> {
      const { staff, file, step: s } = await authorise(input.id, 'unfile');
      const filed = (await repo.documents(file.id)).some((d) => d.doc_kind === input.doc.kind && d.doc_id === input.doc.id);
      if (!filed) throw new AppError('BAD_INPUT', msg('workFile.notFiled'), { doc: msg('workFile.notFiled') });
      if (!(await repo.removeDocument(file.id, input.doc, s))) throw new AppError('WRONG_STATE', msg('workFile.changedMeanwhile'));
      changed(file.id);
      return publicDetail((await repo.file(file.id))!, staff);
    },

    /**
     * Closes the file: its documents are frozen, so the "processed entirely online" verdict is taken now and kept; the
     * PDF and the XML package are written to the content store first and recorded with the closing.
     */
    async close(input: { id: string }): Promise<WorkFileDetail> {
      const { staff, file, step: s } = await authorise(input.id, 'close');
      const closedOn = todayInVietnam(now());
      const closing = await detail({ ...file, state: 'closed', closed_on: closedOn }, staff);
      const exports = await makeExports(closing);
      if (!(await repo.close(file.id, { on: closedOn, online: closing.online, exports }, s))) throw new AppError('WRONG_STATE', msg('workFile.changedMeanwhile'));
      changed(file.id);
      return publicDetail((await repo.file(file.id))!, staff);
    },

    async list(input: ParsedInput<'workFile.list'>): Promise<WorkFileSummary[]> {
      const profile = await org.require();
      return (await repo.files({ year: input.year, unitId: input.unitId ?? null, state: input.state ?? null })).map((f) => summary(f, profile));
    },

    async get(input: { id: string }): Promise<WorkFileDetail> {
      return publicDetail(await requireFile(input.id));
    },

    async filesOf(input: { kind: 'incoming' | 'outgoing'; id: string }): Promise<WorkFileSummary[]> {
      const profile = await org.require();
      return (await repo.filesOf(input.id)).map((f) => summary(f, profile));
    },

    /** A closed file's export as made at closing (it stays available); an open file's made now, as it stands. */
    async export(input: ParsedInput<'workFile.export'>): Promise<ContentRef> {
      const file = await requireFile(input.id);
      const stored = (await repo.exports(file.id)).find((e) => e.format === input.format);
      if (stored && (await content.has(stored.hash))) return { hash: stored.hash, name: stored.name, size: stored.size, mime: MIME[input.format] };
      const made = (await makeExports(await detail(file))).find((e) => e.format === input.format)!;
      return { hash: made.hash, name: made.name, size: made.size, mime: MIME[input.format] };
    },

    async kpi(input: ParsedInput<'workFile.kpi'>): Promise<Output<'workFile.kpi'>> {
      return kpiRows(await repo.kpi(input.from, input.to), await org.require(), input);
    },

    async kpiExport(input: ParsedInput<'workFile.kpiExport'>): Promise<ContentRef> {
      const profile = await org.require();
      const report = kpiRows(await repo.kpi(input.from, input.to), profile, input);
      const file = await kpiReportFile(report, profile, input.format as KpiFormat);
      const stored = await content.put(file.bytes);
      return { hash: stored.hash, size: stored.size, name: file.name, mime: file.mime };
    },
  };
}

export type WorkFileService = ReturnType<typeof createWorkFileService>;

/**
 * Work files (hồ sơ công việc, Decree 30 Art. 28–29 and Appendix V/VI): the year's file plan (danh mục hồ sơ) lists
 * the files each unit is to open, each with its notation (FileNotation, "01.QĐ"), title, unit in charge and retention
 * term; a work file is opened from a plan entry (or with a notation of its own), documents incoming and outgoing are
 * filed into it in order, and it is closed by its owner or the head of its unit. Closing exports it for the archive.
 *
 * FileCode (Appendix VI) = OrganId (13 characters) + FileCatalog (the year) + FileNotation, joined by dots as the
 * archive's records write it: "000.00.00.H41.2026.01.QĐ".
 *
 * "Processed entirely online" (hồ sơ xử lý hoàn toàn trên môi trường mạng), the share the provinces report, is decided
 * by `processedOnline` over the closed file's facts, and holds when:
 *  - the file holds at least one document (an empty file processed nothing);
 *  - every filed document has its file in the system: an incoming one was received electronically and has an
 *    electronic attachment; an outgoing one was issued with the organisation's seal signature (issued or dispatched,
 *    not recalled or replaced, with its sealed main file);
 *  - every incoming one went through recorded handling steps: the leader's instruction and the closing are events in
 *    its history, and its handling is closed;
 *  - no step was done on paper: an incoming document received on paper (even scanned later) counts as a paper step.
 */
import { isUnitHeadPosition } from './unitHead';

export const WORK_FILE_STATES = ['open', 'closed'] as const;
export type WorkFileState = (typeof WORK_FILE_STATES)[number];

/** FileNotation: digits, letters (Vietnamese ones too), dots, hyphens and slashes, as plans write "01.QĐ", "05/TCCB". */
export const FILE_NOTATION = /^[\p{L}\p{N}][\p{L}\p{N}.\-/]{0,29}$/u;

/** The archive's FileCode of a file of `year` with `notation`, for the organisation `organId`. */
export function fileCode(organId: string, year: number, notation: string): string {
  return `${organId}.${year}.${notation}`;
}

/** What the online rule needs to know of one filed document. */
export type FiledDocumentFacts =
  | {
      kind: 'incoming';
      channel: 'paper' | 'electronic';
      /** Electronic attachments the document has. */
      attachments: number;
      handlingState: 'assigned' | 'handling' | 'closed' | null;
      /** Its history holds the leader's instruction and the closing as events. */
      instructedRecorded: boolean;
      closedRecorded: boolean;
    }
  | {
      kind: 'outgoing';
      status: string;
      /** Its main file was sealed with the organisation's signature at the issue. */
      sealed: boolean;
    };

export type OnlineShortfall = 'empty' | 'paperReceipt' | 'noAttachment' | 'notInstructed' | 'notClosed' | 'notSealed';

/** Whether a file was processed entirely online (see the module comment), and for each document what fell short. */
export function processedOnline(documents: readonly FiledDocumentFacts[]): { online: boolean; shortfalls: { index: number; reason: OnlineShortfall }[] } {
  const shortfalls: { index: number; reason: OnlineShortfall }[] = [];
  if (documents.length === 0) return { online: false, shortfalls: [{ index: -1, reason: 'empty' }] };
  documents.forEach((d, index) => {
    const fall = (reason: OnlineShortfall) => shortfalls.push({ index, reason });
    if (d.kind === 'incoming') {
      if (d.channel !== 'electronic') fall('paperReceipt');
      if (d.attachments < 1) fall('noAttachment');
      if (!d.instructedRecorded) fall('notInstructed');
      if (d.handlingState !== 'closed' || !d.closedRecorded) fall('notClosed');
    } else if (!d.sealed || !['issued', 'dispatched'].includes(d.status)) {
      fall('notSealed');
    }
  });
  return { online: shortfalls.length === 0, shortfalls };
}

export interface WorkFilePerson {
  id: string;
  role: 'van_thu' | 'lanh_dao' | 'chuyen_vien';
  unitId: string | null;
  position: string;
}

export interface WorkFileFacts {
  state: WorkFileState;
  unitId: string;
  ownerId: string;
}

export const WORK_FILE_ACTIONS = ['file', 'unfile', 'close'] as const;
export type WorkFileAction = (typeof WORK_FILE_ACTIONS)[number];

/** Clerks and leaders keep the year's file plan. */
export const mayKeepFilePlan = (person: WorkFilePerson): boolean => person.role === 'van_thu' || person.role === 'lanh_dao';

/** Any staff member opens a file of their own unit; a leader, who may belong to none, of any unit. */
export const mayOpenFileIn = (person: WorkFilePerson, unitId: string): boolean => person.unitId === unitId || person.role === 'lanh_dao';

const headsUnit = (person: WorkFilePerson, unitId: string) => person.unitId === unitId && isUnitHeadPosition(person.position);

/**
 * What `person` may do with a file now: its owner and the people of its unit file and unfile documents while it is
 * open; its owner or the head of its unit closes it. The core checks every step against the same rules.
 */
export function allowedWorkFileActions(file: WorkFileFacts, person: WorkFilePerson | null): WorkFileAction[] {
  if (!person || file.state !== 'open') return [];
  const owner = file.ownerId === person.id;
  const actions: WorkFileAction[] = [];
  if (owner || person.unitId === file.unitId) actions.push('file', 'unfile');
  if (owner || headsUnit(person, file.unitId)) actions.push('close');
  return actions;
}

/** The share of files closed entirely online, as the provinces report it: one decimal, a decimal comma ("95,8 %"). */
export function onlineShare(closed: number, closedOnline: number): number | null {
  return closed === 0 ? null : Math.round((closedOnline / closed) * 1000) / 10;
}

export function formatShare(share: number | null): string {
  return share === null ? '—' : `${share.toFixed(1).replace('.', ',')} %`;
}

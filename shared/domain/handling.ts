/**
 * Handling an incoming document (Decree 30 Art. 20–24): the leader names who leads (a unit or a person), who co-operates
 * and by when; the lead unit's head gives it to an officer with their own deadline; the officer reports progress and
 * closes it with a note or the outgoing reply. A document sent "để biết" (for information) closes when its lead reads it.
 *
 * States, with null meaning the document still waits for the leader's instruction:
 * assigned (a unit leads it, no officer yet) → handling (an officer or the named person has it) → closed.
 */
import { isUnitHeadPosition } from './unitHead';

export const HANDLING_STATES = ['assigned', 'handling', 'closed'] as const;
export type HandlingState = (typeof HANDLING_STATES)[number];

export const HANDLING_ACTIONS = ['instruct', 'assign', 'report', 'close'] as const;
export type HandlingAction = (typeof HANDLING_ACTIONS)[number];

export interface HandlingFacts {
  state: HandlingState | null;
  leadUnitId: string | null;
  assigneeId: string | null;
}

export interface HandlingPerson {
  id: string;
  role: 'van_thu' | 'lanh_dao' | 'chuyen_vien';
  unitId: string | null;
  position: string;
}

/** What `person` may do with the document's handling now; the core checks every step against the same rules. */
export function allowedHandlingActions(doc: HandlingFacts, person: HandlingPerson | null): HandlingAction[] {
  if (!person || doc.state === 'closed') return [];
  const leader = person.role === 'lanh_dao';
  const headOfLead = doc.leadUnitId !== null && person.unitId === doc.leadUnitId && isUnitHeadPosition(person.position);
  const handler = doc.state === 'handling' && doc.assigneeId === person.id;
  const actions: HandlingAction[] = [];
  if (leader) actions.push('instruct');
  if (doc.state !== null && doc.leadUnitId !== null && (leader || headOfLead)) actions.push('assign');
  if (handler || (doc.state !== null && headOfLead)) actions.push('report');
  if (handler || (doc.state !== null && (leader || headOfLead))) actions.push('close');
  return actions;
}

/** Whether a reader is the lead of a document sent for information, whose reading closes it. */
export function readClosesIt(doc: HandlingFacts & { forInfo: boolean; leadStaffId: string | null }, person: HandlingPerson): boolean {
  if (!doc.forInfo || doc.state === null || doc.state === 'closed') return false;
  return doc.leadStaffId === person.id || (doc.leadUnitId !== null && doc.leadUnitId === person.unitId);
}

/**
 * The handling steps as the document's events keep them: the slip shows the latest of each, the history describes every
 * one. Events may come from another computer through sync, so their data is parsed against the contract, not trusted.
 */
import type { DocumentEvent, HandlingEventData } from '../shared/contract';
import { HandlingEventData as EventSchemas } from '../shared/contract/handlingSchemas';
import { msg } from '../shared/messages';
import { shortDate } from './format';

type StepKind = keyof HandlingEventData;

export interface HandlingStep<K extends StepKind> {
  /** Position in the history: a step counts only if no later instruction replaced it. */
  index: number;
  at: string;
  actor: string;
  data: HandlingEventData[K];
}

function parse<K extends StepKind>(kind: K, data: unknown): HandlingEventData[K] | null {
  const parsed = EventSchemas[kind].safeParse(data);
  return parsed.success ? (parsed.data as HandlingEventData[K]) : null;
}

/** The latest step of `kind` (that `accept` takes, if given); null when there is none. */
export function latestStep<K extends StepKind>(events: DocumentEvent[], kind: K, accept?: (data: HandlingEventData[K]) => boolean): HandlingStep<K> | null {
  for (let index = events.length - 1; index >= 0; index--) {
    const e = events[index]!;
    if (e.kind !== `handling.${kind}`) continue;
    const data = parse(kind, e.data);
    if (data && (!accept || accept(data))) return { index, at: e.at, actor: e.actor, data };
  }
  return null;
}

export const dueText = (due: string | null): string => (due ? shortDate(due) : msg('handling.noDue'));

export const cooperatingNames = (data: HandlingEventData['instructed']): string => data.cooperating.map((c) => c.name ?? '').filter(Boolean).join(', ');

const withNote = (line: string, note: string) => (note ? `${line} · “${note}”` : line);

/** The history line of a handling event; null for any other event (or one whose data cannot be read). */
export function describeHandlingEvent(e: DocumentEvent): string | null {
  switch (e.kind) {
    case 'handling.instructed': {
      const d = parse('instructed', e.data);
      if (!d) return null;
      const units = cooperatingNames(d);
      const line = d.forInfo
        ? msg('handling.history.instructedForInfo', { lead: d.lead.name })
        : msg('handling.history.instructed', { lead: d.lead.name, cooperating: units ? msg('handling.history.cooperating', { units }) : '', due: dueText(d.dueDate) });
      return withNote(line, d.note);
    }
    case 'handling.assigned': {
      const d = parse('assigned', e.data);
      return d && withNote(msg('handling.history.assigned', { name: d.assignee.name, due: dueText(d.dueDate) }), d.note);
    }
    case 'handling.reported': {
      const d = parse('reported', e.data);
      return d && msg('handling.history.reported', { note: d.note });
    }
    case 'handling.closed': {
      const d = parse('closed', e.data);
      if (!d) return null;
      return d.reply?.code ? withNote(msg('handling.history.closedWithReply', { code: d.reply.code }), d.note) : msg('handling.history.closed', { note: d.note });
    }
    case 'handling.read': {
      const d = parse('read', e.data);
      return d && msg(d.closes ? 'handlingUi.history.readCloses' : 'handling.history.read');
    }
    default:
      return null;
  }
}

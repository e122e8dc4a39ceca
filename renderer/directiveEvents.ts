/**
 * A directive's history as sentences. Events may come from another computer through sync, so their data is read
 * field by field with fallbacks, never trusted to have a shape.
 */
import type { DocumentEvent } from '../shared/contract';
import { msg } from '../shared/messages';
import { shortDate } from './format';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const names = (v: unknown): string => (Array.isArray(v) ? v.map((u: unknown) => text((u as { name?: unknown } | null)?.name)).filter(Boolean).join(', ') : '');
const unitName = (v: unknown): string => text((v as { name?: unknown } | null)?.name);

export function describeDirectiveEvent(e: DocumentEvent): string {
  const d = e.data;
  switch (e.kind) {
    case 'directive.created':
      return msg('directive.history.created', { units: names(d.units), due: shortDate(text(d.dueDate)) });
    case 'directive.reported':
      return msg('directive.history.reported', { unit: unitName(d.unit), note: text(d.note) });
    case 'directive.completed':
      return msg('directive.history.completed', { unit: unitName(d.unit), date: shortDate(text(d.doneDate)) });
    case 'directive.cancelled':
      return msg('directive.history.cancelled', { note: text(d.note) });
    case 'directive.dueChanged':
      return msg('directive.history.dueChanged', { from: shortDate(text(d.from)), to: shortDate(text(d.to)) });
    case 'directive.chased':
      return msg('directive.history.chased', { units: names(d.units), note: text(d.note) });
    default:
      return e.kind;
  }
}

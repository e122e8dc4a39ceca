/** Small coloured labels for urgency (red, as the paper stamps) and handling status. */
import type { DirectiveStatusName, HandlingState, IncomingStatus, OutgoingStatusName } from '../../shared/contract';
import { PRIORITIES } from '../../shared/domain/documentTypes';
import { msg } from '../../shared/messages';

export function PriorityTag({ priority }: { priority: number }) {
  if (priority <= 0) return <span className="muted">{PRIORITIES[0]}</span>;
  const name = PRIORITIES[priority] ?? String(priority);
  return (
    <span className={`tag tag-urgent tag-urgent-${priority}`} title={name}>
      {name}
    </span>
  );
}

export function StatusTag({ status }: { status: IncomingStatus }) {
  return <span className={`tag tag-status tag-${status}`}>{msg(`ui.status.${status}`)}</span>;
}

export function OutgoingStatusTag({ status }: { status: OutgoingStatusName }) {
  return <span className={`tag tag-status tag-out-${status}`}>{msg(`outgoing.status.${status}`)}</span>;
}

/** A document only the people it is handed to, their units, clerks and leaders see. */
export function RestrictedTag() {
  return (
    <span className="tag tag-restricted" data-testid="restricted-tag" title={msg('ui.field.restrictedHint')}>
      {msg('ui.doc.restricted')}
    </span>
  );
}

/** Where an incoming document's handling stands; null: it waits for the leader's instruction. */
export function HandlingStateTag({ state }: { state: HandlingState | null }) {
  const name = state ?? 'pending';
  return <span className={`tag tag-status tag-handling-${name}`}>{msg(`handling.state.${name}`)}</span>;
}

/** A document its sender took back or replaced: kept, but no longer to be acted on. */
export function RecalledTag({ replaced = false }: { replaced?: boolean }) {
  return (
    <span className="tag tag-recalled" data-testid="recalled-tag">
      {msg(replaced ? 'outgoing.status.replaced' : 'outgoing.status.recalled')}
    </span>
  );
}

/** A directive's or a unit part's status (null: cancelled): grey in progress, red overdue, green on time, amber late. */
export function DirectiveStatusTag({ status }: { status: DirectiveStatusName | null }) {
  const name = status ?? 'cancelled';
  return (
    <span className={`tag tag-status tag-directive-${name}`} data-status={name}>
      {msg(`directive.status.${name}`)}
    </span>
  );
}

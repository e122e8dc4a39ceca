/** Small coloured labels for urgency (red, as the paper stamps) and handling status. */
import type { IncomingStatus } from '../../shared/contract';
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

/**
 * Giải quyết: the handling slip of an incoming document (phiếu giải quyết văn bản đến, Decree 30 Appendix IV) — the
 * leader's instruction, the unit head's assignment, the latest progress and the closing, each with who and when — and
 * the buttons of exactly the steps the core lets the acting person take now.
 */
import type { ReactNode } from 'react';
import type { HandlingAction, IncomingDetail, OutgoingSummary } from '../../shared/contract';
import { joinCode } from '../../shared/domain/documentCode';
import { todayInVietnam } from '../../shared/domain/dates';
import { msg, type MessageKey } from '../../shared/messages';
import { shortDate, vietnamDateTime } from '../format';
import { cooperatingNames, latestStep } from '../handlingEvents';
import { FieldsSection } from './DocumentParts';
import { HandlingStateTag, OutgoingStatusTag } from './Tags';

/** The buttons in the order the handling runs. */
export const HANDLING_ACTION_ORDER: HandlingAction[] = ['instruct', 'assign', 'report', 'close'];
export const HANDLING_ACTION_TEXT: Record<HandlingAction, MessageKey> = {
  instruct: 'handlingUi.action.instruct',
  assign: 'handlingUi.action.assign',
  report: 'handlingUi.action.report',
  close: 'handlingUi.action.close',
};

interface HandlingSlipProps {
  detail: IncomingDetail;
  onAct: (action: HandlingAction) => void;
  /** The key that opens the first step, shown on its button. */
  shortcut: string;
  /** The outgoing drafts and documents that answer this one. */
  replies: OutgoingSummary[];
  onOpenReply: (id: string) => void;
  /** Starts an outgoing draft answering this document; absent where nobody may. */
  onReply?: (() => void) | undefined;
  onPrint: () => void;
  printing: boolean;
}

export function HandlingSlip({ detail, onAct, shortcut, replies, onOpenReply, onReply, onPrint, printing }: HandlingSlipProps) {
  const { handling: h, events } = detail;
  const instructed = latestStep(events, 'instructed');
  // A later instruction starts the handling over: an assignment made before it no longer stands.
  const assigned = latestStep(events, 'assigned');
  const standingAssignment = assigned && instructed && assigned.index > instructed.index ? assigned : null;
  const reported = latestStep(events, 'reported');
  const closing = latestStep(events, 'closed') ?? latestStep(events, 'read', (d) => d.closes);
  const open = h.state !== 'closed';

  const rows: [string, ReactNode][] = [[msg('handlingUi.slip.state'), <HandlingStateTag key="s" state={h.state} />]];
  if (instructed) {
    const d = instructed.data;
    rows.push([
      msg('handlingUi.slip.lead'),
      <>
        {d.lead.name} {d.forInfo && <span className="tag tag-status tag-for-info">{msg('handlingUi.slip.forInfo')}</span>}
      </>,
    ]);
    if (d.cooperating.length > 0) rows.push([msg('handlingUi.slip.cooperating'), cooperatingNames(d)]);
    if (h.due) {
      // Red while still open past its deadline: chasing late handling is what the slip is for.
      rows.push([msg('handlingUi.slip.due'), <span className={open && h.due < todayInVietnam() ? 'overdue' : undefined}>{shortDate(h.due)}</span>]);
    }
    rows.push([msg('handlingUi.slip.instruction'), <Step key="i" text={d.note} at={instructed.at} actor={instructed.actor} />]);
  }
  if (standingAssignment) {
    const d = standingAssignment.data;
    rows.push([msg('handlingUi.slip.assignee'), <Step key="a" text={[d.assignee.name, d.note && `“${d.note}”`].filter(Boolean).join(' · ')} at={standingAssignment.at} actor={standingAssignment.actor} />]);
  }
  if (h.progress) rows.push([msg('handlingUi.slip.progress'), <Step key="p" text={h.progress} at={reported?.at} actor={reported?.actor} />]);
  if (h.state === 'closed') {
    const reply = h.replyCode ? `${msg('handlingUi.slip.reply')}: ${h.replyCode}` : '';
    rows.push([msg('handlingUi.slip.closed'), <Step key="c" text={[h.closeNote, reply].filter(Boolean).join(' · ')} at={closing?.at ?? h.closedAt} actor={closing?.actor} />]);
  }

  if (replies.length > 0) {
    rows.push([
      msg('handlingUi.slip.replies'),
      <ul key="r" className="handling-replies" data-testid="handling-replies">
        {replies.map((r) => (
          <li key={r.id}>
            <button type="button" className="link-button" onClick={() => onOpenReply(r.id)}>
              {r.number === null ? `${r.typeName} ${r.subject}` : joinCode(r.codeNumber, r.codeNotation)}
            </button>{' '}
            <OutgoingStatusTag status={r.status} />
          </li>
        ))}
      </ul>,
    ]);
  }

  const actions = HANDLING_ACTION_ORDER.filter((a) => detail.handlingActions.includes(a));
  return (
    <FieldsSection title={msg('handlingUi.slip.title')} rows={rows} testId="handling-slip">
      {!instructed && h.state === null && <p className="muted small">{msg('handlingUi.slip.waiting')}</p>}
      <div className="handling-actions">
        {actions.map((a, i) => (
          <button key={a} type="button" className={i === 0 ? 'primary' : undefined} onClick={() => onAct(a)}>
            {msg(HANDLING_ACTION_TEXT[a])} {i === 0 && <kbd>{shortcut}</kbd>}
          </button>
        ))}
        {onReply && (
          <button type="button" onClick={onReply}>
            {msg('handlingUi.action.reply')}
          </button>
        )}
        <button type="button" onClick={onPrint} disabled={printing}>
          {msg('handlingUi.action.printSlip')}
        </button>
      </div>
    </FieldsSection>
  );
}

/** What a step said, and under it who took it and when. */
function Step({ text, at, actor }: { text: string; at?: string | null | undefined; actor?: string | undefined }) {
  return (
    <>
      {text && <div>{text}</div>}
      {at && <div className="muted small">{[actor, vietnamDateTime(at)].filter(Boolean).join(' · ')}</div>}
    </>
  );
}

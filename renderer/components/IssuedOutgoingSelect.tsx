/**
 * A choice among the organisation's numbered outgoing documents, newest first, each shown by its number and notation:
 * the one replacing a document, or the reply that closes an incoming one. Typing the number jumps to it.
 */
import { useEffect, useState } from 'react';
import type { OutgoingStatusName, OutgoingSummary } from '../../shared/contract';
import { joinCode, shortDate } from '../format';
import { useApi } from '../hooks/useApi';

interface IssuedOutgoingSelectProps {
  id: string;
  value: string;
  onChange: (id: string) => void;
  /** What the empty first choice says. */
  noneLabel: string;
  statuses: readonly OutgoingStatusName[];
  /** A document that may not be chosen (itself, for a replacement). */
  exclude?: string;
  autoFocus?: boolean;
}

/** Enough of the newest for a pick list; older documents are rarely the ones chosen. */
const LIMIT = 200;

export function IssuedOutgoingSelect({ id, value, onChange, noneLabel, statuses, exclude, autoFocus }: IssuedOutgoingSelectProps) {
  const { api } = useApi();
  const [documents, setDocuments] = useState<OutgoingSummary[]>([]);
  const statusKey = statuses.join(',');

  useEffect(() => {
    let live = true;
    const lists = statusKey.split(',').map((status) => api.outgoing.list({ filter: { status: status as OutgoingStatusName }, sort: { by: 'issuedDate', dir: 'desc' }, limit: LIMIT }));
    Promise.all(lists).then(
      (outs) => live && setDocuments(outs.flatMap((o) => o.rows).filter((r) => r.id !== exclude).sort((a, b) => (b.issuedDate ?? '').localeCompare(a.issuedDate ?? ''))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, statusKey, exclude]);

  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} autoFocus={autoFocus}>
      <option value="">{noneLabel}</option>
      {documents.map((r) => (
        <option key={r.id} value={r.id}>
          {joinCode(r.codeNumber, r.codeNotation)} — {shortDate(r.issuedDate)} — {r.subject}
        </option>
      ))}
    </select>
  );
}

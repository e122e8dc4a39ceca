/**
 * How many of the acting person's own tasks are past their deadline: the reminder beside "Việc cần giải quyết", asked
 * again whenever an incoming document changes (on this computer or through sync) and when another person acts.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from './useApi';
import { useContractEvent } from './useContractEvent';

export function useMyOverdueCount(actingStaffId: string | null): number {
  const { api } = useApi();
  const [overdue, setOverdue] = useState(0);
  // Only the latest question's answer counts: an earlier one may be about the person who acted before.
  const asked = useRef(0);
  const refresh = useCallback(() => {
    const question = ++asked.current;
    const answer = (n: number) => {
      if (question === asked.current) setOverdue(n);
    };
    if (!actingStaffId) return answer(0);
    // A reminder that cannot be counted now is no reminder: the list itself says what went wrong.
    api.handling.tasks({ view: 'mine' }).then((out) => answer(out.rows.filter((t) => t.workingDaysLate !== null).length), () => answer(0));
  }, [api, actingStaffId]);
  useEffect(refresh, [refresh]);
  useContractEvent('incoming.changed', refresh);
  return overdue;
}

/**
 * How many of the acting person's own tasks are past their deadline: the reminder beside "Việc cần giải quyết", asked
 * again whenever an incoming document changes (on this computer or through sync) and when another person acts.
 */
import { useCallback, useEffect, useState } from 'react';
import { useApi } from './useApi';
import { useContractEvent } from './useContractEvent';

export function useMyOverdueCount(actingStaffId: string | null): number {
  const { api } = useApi();
  const [overdue, setOverdue] = useState(0);
  const refresh = useCallback(() => {
    if (!actingStaffId) return setOverdue(0);
    // A reminder that cannot be counted now is no reminder: the list itself says what went wrong.
    api.handling.tasks({ view: 'mine' }).then((out) => setOverdue(out.rows.filter((t) => t.workingDaysLate !== null).length), () => setOverdue(0));
  }, [api, actingStaffId]);
  useEffect(refresh, [refresh]);
  useContractEvent('incoming.changed', refresh);
  return overdue;
}

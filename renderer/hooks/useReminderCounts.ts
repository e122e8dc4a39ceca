/**
 * The reminders on the area buttons: how many of the acting person's own tasks are past their deadline (beside "Giải
 * quyết"), and how many directives they must answer for are overdue (beside "Chỉ đạo") — a leader's own directives,
 * a unit's staff's directives for their unit, every one for the clerk who chases them. Each is asked again whenever
 * what it counts changes (here or through sync) and when another person acts.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EventName, Input, OrgProfile } from '../../shared/contract';
import { useApi } from './useApi';
import { useContractEvent } from './useContractEvent';

/** A count asked again on `event`; only the latest question's answer counts (an earlier one may be about someone else). */
function useCount(ask: (() => Promise<number>) | null, event: EventName): number {
  const [count, setCount] = useState(0);
  const asked = useRef(0);
  const refresh = useCallback(() => {
    const question = ++asked.current;
    const answer = (n: number) => {
      if (question === asked.current) setCount(n);
    };
    if (!ask) return answer(0);
    // A reminder that cannot be counted now is no reminder: the list itself says what went wrong.
    ask().then(answer, () => answer(0));
  }, [ask]);
  useEffect(refresh, [refresh]);
  useContractEvent(event, refresh);
  return count;
}

export function useReminderCounts(org: OrgProfile | null | undefined): { overdueTasks: number; overdueDirectives: number } {
  const { api } = useApi();
  const staff = org?.staff.find((s) => s.id === org.currentStaffId) ?? null;
  const staffId = staff?.id ?? null;
  const role = staff?.role ?? null;
  const unitId = staff?.unitId ?? null;
  // A new acting person makes new questions: each count is asked again for them.
  const askTasks = useMemo(
    () => (staffId ? async () => (await api.handling.tasks({ view: 'mine' })).rows.filter((t) => t.workingDaysLate !== null).length : null),
    [api, staffId],
  );
  const askDirectives = useMemo(() => {
    const input: Input<'directive.list'> | null =
      role === 'lanh_dao' && staffId ? { status: 'overdue', leaderId: staffId }
      : role === 'chuyen_vien' && unitId ? { status: 'overdue', unitId }
      : role === 'van_thu' ? { status: 'overdue' }
      : null;
    return input ? async () => (await api.directive.list(input)).rows.length : null;
  }, [api, role, staffId, unitId]);
  return {
    overdueTasks: useCount(askTasks, 'incoming.changed'),
    overdueDirectives: useCount(askDirectives, 'directive.changed'),
  };
}

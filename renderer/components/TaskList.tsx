/**
 * Việc cần giải quyết: the incoming documents being handled, as the acting person needs to chase them — their own
 * (Của tôi), late (Quá hạn, counted in working days), due within two working days (Sắp đến hạn), one lead unit's, or
 * all open ones — in the registers' scrolling table, with the open, late and due-soon counts per lead unit beside it.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { OrgProfile, Task, TasksOutput, TaskView } from '../../shared/contract';
import { arrivalNumberText } from '../../shared/domain/arrivalNumber';
import { foldVietnamese } from '../../shared/domain/fold';
import { msg } from '../../shared/messages';
import { count, joinCode, shortDate, unitName } from '../format';
import { useApi } from '../hooks/useApi';
import { useContractEvent } from '../hooks/useContractEvent';
import { usePagedRows, type PagePosition } from '../hooks/usePagedRows';
import { DataGrid, subjectColumn, type GridColumn } from './DataGrid';
import { FilterSelect } from './FilterSelect';
import { ListFrame } from './ListFrame';
import { HandlingStateTag } from './Tags';
import { UnitLoadTable } from './UnitLoadTable';

const VIEWS: TaskView[] = ['mine', 'overdue', 'dueSoon', 'unit', 'open'];

interface TasksQuery {
  view: TaskView;
  unitId: string;
  query: string;
  /** "Của tôi" depends on who acts: another person is another list. */
  actor: string | null;
}

export function TaskList({ org, active, onOpen }: { org: OrgProfile; active: boolean; onOpen: (id: string) => void }) {
  const { api } = useApi();
  const [view, setView] = useState<TaskView>('mine');
  const [unitId, setUnitId] = useState('');
  const [query, setQuery] = useState('');
  const [byUnit, setByUnit] = useState<TasksOutput['byUnit']>([]);
  const scroller = useRef<HTMLDivElement>(null);

  const tasksQuery = useMemo<TasksQuery>(() => ({ view, unitId, query, actor: org.currentStaffId }), [view, unitId, query, org.currentStaffId]);
  // A view lists open documents only, a few hundred at the most: one page holds it, and the search looks through that
  // page here rather than asking the core again.
  const fetch = useCallback(
    async (q: TasksQuery, _position: PagePosition, limit: number) => {
      const out = await api.handling.tasks({ view: q.view, limit, ...(q.view === 'unit' && q.unitId ? { unitId: q.unitId } : {}) });
      setByUnit(out.byUnit);
      const rows = q.query ? out.rows.filter(matches(foldVietnamese(q.query))) : out.rows;
      return { total: rows.length, totalCapped: false, rows };
    },
    [api],
  );
  const rows = usePagedRows(tasksQuery, fetch, () => false);
  useContractEvent('incoming.changed', () => rows.refresh());

  const columns = useMemo(() => taskColumns(org), [org]);
  const showUnit = (id: string) => {
    setUnitId(id);
    setView('unit');
  };
  // A leader belongs to no unit: "their" unit's list would be empty, so theirs starts at the first unit.
  const hasOwnUnit = org.staff.some((s) => s.id === org.currentStaffId && s.unitId !== null);
  const choose = (v: TaskView) => {
    if (v === 'unit' && !unitId && !hasOwnUnit) setUnitId(org.units[0]?.id ?? '');
    setView(v);
  };
  const tab = (v: TaskView) => (
    <button key={v} type="button" role="tab" aria-selected={view === v} className={view === v ? 'segment is-on' : 'segment'} onClick={() => choose(v)}>
      {msg(`handlingUi.view.${v}`)}
    </button>
  );

  return (
    <div className="tasks">
      <ListFrame
        title={msg('handlingUi.tasks.title')}
        searchId="tasks-search"
        searchPlaceholder={msg('handlingUi.tasks.searchPlaceholder')}
        active={active}
        onQuery={setQuery}
        onLeaveSearch={() => scroller.current?.focus()}
        total={rows.loaded ? msg('ui.list.total', { n: count(rows.total) }) : ''}
        totalTestId="tasks-total"
        filters={
          <div className="filters">
            <div className="segmented" role="tablist" aria-label={msg('handlingUi.tasks.views')}>
              {VIEWS.map(tab)}
            </div>
            {view === 'unit' && (
              <FilterSelect
                label={msg('handlingUi.tasks.unit')}
                allLabel={msg('handlingUi.tasks.myUnit')}
                value={unitId}
                options={org.units.map((u) => [u.id, u.name] as const)}
                onChange={setUnitId}
              />
            )}
          </div>
        }
        error={rows.error}
      >
        <DataGrid
          label={msg('handlingUi.tasks.title')}
          className="grid-tasks"
          columns={columns}
          rows={rows}
          resetKey={tasksQuery}
          sort={undefined}
          onSort={() => undefined}
          onOpen={onOpen}
          emptyText={msg('handlingUi.tasks.empty')}
          scroller={scroller}
          footer={() => <span>{msg('ui.list.hint')}</span>}
        />
      </ListFrame>
      <UnitLoadTable org={org} loads={byUnit} onUnit={showUnit} />
    </div>
  );
}

/** Soonest deadline first, as the core sends them: the columns do not sort. */
function taskColumns(org: OrgProfile): GridColumn<Task, never>[] {
  return [
    { id: 'arrivalNumber', label: msg('ui.col.arrivalNumber'), cell: (r) => arrivalNumberText(r.arrivalNumber), className: 'num' },
    { id: 'code', label: msg('ui.col.code'), cell: (r) => joinCode(r.codeNumber, r.codeNotation), title: (r) => `${joinCode(r.codeNumber, r.codeNotation)} — ${r.organName}` },
    subjectColumn(),
    { id: 'lead', label: msg('handlingUi.col.lead'), cell: (r) => leadName(org, r), title: (r) => leadName(org, r) },
    { id: 'due', label: msg('handlingUi.col.due'), cell: (r) => shortDate(r.due) },
    { id: 'state', label: msg('handlingUi.col.state'), cell: (r) => <HandlingStateTag state={r.handlingState} /> },
    {
      id: 'late',
      label: msg('handlingUi.col.late'),
      cell: (r) => r.workingDaysLate !== null && <span className="overdue">{lateText(r.workingDaysLate)}</span>,
    },
  ];
}

/** "Quá hạn 3 ngày làm việc"; past the deadline over a weekend only, no working day is lost yet but it is late. */
function lateText(workingDaysLate: number): string {
  return workingDaysLate > 0 ? msg('handlingUi.late', { n: workingDaysLate }) : msg('handlingUi.lateToday');
}

const leadName = (org: OrgProfile, task: Task) => unitName(org, task.leadUnitId) ?? msg('handlingUi.noUnit');

/** Folded words against the number, the subject and the issuing body, as the register's search folds them. */
function matches(folded: string) {
  return (t: Task) => foldVietnamese(`${joinCode(t.codeNumber, t.codeNotation)} ${t.typeName} ${t.subject} ${t.organName} ${t.arrivalNumber ?? ''}`).includes(folded);
}

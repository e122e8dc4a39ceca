/** Sổ văn bản đến: the whole incoming register in one scrolling table (see DataGrid), with search and filters. */
import { useMemo, useRef, useState } from 'react';
import type { IncomingSummary, SortKey } from '../../shared/contract';
import { todayInVietnam } from '../../shared/domain/dates';
import { arrivalNumberText } from '../../shared/domain/arrivalNumber';
import { msg } from '../../shared/messages';
import { count, joinCode, shortDate } from '../format';
import { useContractEvent } from '../hooks/useContractEvent';
import { useIncomingRows, type RowsQuery } from '../hooks/usePagedRows';
import { DataGrid, nextSort, subjectColumn, type GridColumn } from './DataGrid';
import { ListFilters, type FilterValues, emptyFilters, toListFilter } from './ListFilters';
import { ListFrame } from './ListFrame';
import { PriorityTag, RecalledTag, StatusTag } from './Tags';

const COLUMNS: GridColumn<IncomingSummary, SortKey>[] = [
  { id: 'arrivalNumber', label: msg('ui.col.arrivalNumber'), sort: 'arrivalNumber', cell: (r) => arrivalNumberText(r.arrivalNumber), className: 'num' },
  { id: 'arrivalDate', label: msg('ui.col.arrivalDate'), sort: 'arrivalDate', cell: (r) => shortDate(r.arrivalDate) },
  { id: 'organName', label: msg('ui.col.organName'), sort: 'organName', cell: (r) => r.organName, title: (r) => r.organName },
  { id: 'code', label: msg('ui.col.code'), cell: (r) => joinCode(r.codeNumber, r.codeNotation), title: (r) => joinCode(r.codeNumber, r.codeNotation) },
  { id: 'issuedDate', label: msg('ui.col.issuedDate'), sort: 'issuedDate', cell: (r) => shortDate(r.issuedDate) },
  subjectColumn(),
  { id: 'priority', label: msg('ui.col.priority'), cell: (r) => <PriorityTag priority={r.priority} /> },
  {
    id: 'dueDate',
    label: msg('ui.col.dueDate'),
    sort: 'dueDate',
    // A deadline that has passed shows red: chasing late handling is part of the clerk's job.
    cell: (r) => <span className={r.dueDate && r.dueDate < todayInVietnam() ? 'overdue' : undefined}>{shortDate(r.dueDate)}</span>,
  },
  {
    id: 'status',
    label: msg('ui.col.status'),
    // A copy of an outgoing document its sender recalled stays in the register, marked, for the record.
    cell: (r) => (r.recalledAt ? <RecalledTag replaced={r.replacedBy !== null} /> : <StatusTag status={r.status} />),
  },
];

interface IncomingListProps {
  active: boolean;
  onOpen: (id: string) => void;
}

export function IncomingList({ active, onOpen }: IncomingListProps) {
  const [filters, setFilters] = useState<FilterValues>(emptyFilters);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<RowsQuery['sort']>();
  const scroller = useRef<HTMLDivElement>(null);

  const rowsQuery = useMemo<RowsQuery>(
    () => ({ filter: { ...toListFilter(filters), ...(query ? { query } : {}) }, ...(sort ? { sort } : {}) }),
    [filters, query, sort],
  );
  const rows = useIncomingRows(rowsQuery);
  useContractEvent('incoming.changed', () => rows.refresh());

  const filtered = query !== '' || JSON.stringify(filters) !== JSON.stringify(emptyFilters);
  const total = rows.total;

  return (
    <ListFrame
      title={msg('ui.list.title')}
      searchId="list-search"
      searchPlaceholder={msg('ui.list.searchPlaceholder')}
      active={active}
      onQuery={setQuery}
      onLeaveSearch={() => scroller.current?.focus()}
      total={rows.loaded ? (rows.totalCapped ? msg('ui.list.totalCapped', { n: count(total) }) : msg('ui.list.total', { n: count(total) })) : ''}
      totalTestId="list-total"
      filters={<ListFilters value={filters} onChange={setFilters} />}
      error={rows.error}
    >
      <DataGrid
        label={msg('ui.list.title')}
        className="grid-incoming"
        columns={COLUMNS}
        rows={rows}
        resetKey={rowsQuery}
        sort={sort}
        onSort={(by) => setSort((s) => nextSort(s, by, (key) => (key === 'organName' ? 'asc' : 'desc')))}
        onOpen={onOpen}
        rowClassName={(row) => [row.priority > 0 ? 'urgent' : '', row.recalledAt ? 'recalled' : ''].join(' ')}
        emptyText={filtered ? msg('ui.list.empty') : msg('ui.list.emptyRegister')}
        scroller={scroller}
        footer={(selectedRow) => (
          <>
            <span>{msg('ui.list.hint')}</span>
            {selectedRow && (
              <span className="muted">
                {msg('ui.col.arrivalNumber')} {arrivalNumberText(selectedRow.arrivalNumber)} · {joinCode(selectedRow.codeNumber, selectedRow.codeNotation)}
              </span>
            )}
          </>
        )}
      />
    </ListFrame>
  );
}

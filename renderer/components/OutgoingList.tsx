/**
 * Văn bản đi: what waits for the acting person ("Chờ tôi xử lý": their drafts returned to them, drafts they review or
 * sign, approved ones a clerk issues) or every outgoing document, searched by folded words and filtered by year, type
 * and status, in the same scrolling table as the incoming register.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { OrgProfile, OutgoingListInput, OutgoingStatusName, OutgoingSummary } from '../../shared/contract';
import { todayInVietnam, yearOf } from '../../shared/domain/dates';
import { OUTGOING_STATUSES } from '../../shared/domain/outgoing';
import { msg } from '../../shared/messages';
import { count, joinCode, shortDate, vietnamDate } from '../format';
import { useApi } from '../hooks/useApi';
import { useContractEvent } from '../hooks/useContractEvent';
import { usePagedRows, type PagePosition } from '../hooks/usePagedRows';
import { DataGrid, nextSort, subjectColumn, type GridColumn, type GridSort } from './DataGrid';
import { FilterSelect } from './FilterSelect';
import { TYPE_OPTIONS } from './ListFilters';
import { ListFrame } from './ListFrame';
import { OutgoingStatusTag } from './Tags';

type SortBy = NonNullable<OutgoingListInput['sort']>['by'];
/** Outgoing documents are younger than the incoming register's oldest: the last few years cover what is looked for. */
const YEARS_BACK = 5;

const COLUMNS: GridColumn<OutgoingSummary, SortBy>[] = [
  {
    id: 'code',
    label: msg('outgoingUi.col.code'),
    sort: 'codeNumber',
    cell: (r) => (r.number !== null ? joinCode(r.codeNumber, r.codeNotation) : <span className="muted">{msg('outgoingUi.col.noNumber')}</span>),
    title: (r) => joinCode(r.codeNumber, r.codeNotation),
  },
  {
    id: 'date',
    label: msg('outgoingUi.col.date'),
    sort: 'issuedDate',
    // A draft has no date of its own yet: the day it was drafted, greyed.
    cell: (r) => (r.issuedDate ? shortDate(r.issuedDate) : <span className="muted">{vietnamDate(r.createdAt)}</span>),
  },
  subjectColumn(),
  {
    id: 'signer',
    label: msg('outgoingUi.col.signer'),
    cell: (r) => r.signerName,
    title: (r) => [r.signerAuthority, r.signerPosition, r.signerName].filter(Boolean).join(' '),
  },
  { id: 'toPlaces', label: msg('outgoingUi.col.toPlaces'), cell: (r) => r.toPlaces, title: (r) => r.toPlaces },
  { id: 'status', label: msg('ui.col.status'), cell: (r) => <OutgoingStatusTag status={r.status} /> },
];

interface Filters {
  year: string;
  typeName: string;
  status: string;
}
const NO_FILTERS: Filters = { year: '', typeName: '', status: '' };

interface RowsQuery {
  input: Pick<OutgoingListInput, 'filter' | 'sort'>;
  /** "Chờ tôi xử lý" depends on who acts: another person is another list. */
  actor: string | null;
}

export function OutgoingList({ org, active, onOpen }: { org: OrgProfile; active: boolean; onOpen: (id: string) => void }) {
  const { api } = useApi();
  const [mine, setMine] = useState(true);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<GridSort<SortBy>>();
  const scroller = useRef<HTMLDivElement>(null);

  const rowsQuery = useMemo<RowsQuery>(
    () => ({
      input: {
        filter: {
          ...(mine ? { mine: true } : {}),
          ...(query ? { query } : {}),
          ...(filters.year ? { year: Number(filters.year) } : {}),
          ...(filters.typeName ? { typeName: filters.typeName } : {}),
          ...(filters.status ? { status: filters.status as OutgoingStatusName } : {}),
        },
        ...(sort ? { sort } : {}),
      },
      actor: org.currentStaffId,
    }),
    [mine, query, filters, sort, org.currentStaffId],
  );
  // outgoing.list pages by offset only.
  const fetch = useCallback((q: RowsQuery, position: PagePosition, limit: number) => api.outgoing.list({ ...q.input, ...position, limit }), [api]);
  const rows = usePagedRows(rowsQuery, fetch, () => false);
  useContractEvent('outgoing.changed', () => rows.refresh());

  const thisYear = yearOf(todayInVietnam());
  const years = Array.from({ length: YEARS_BACK }, (_, i) => [thisYear - i, String(thisYear - i)] as const);
  const set = (key: keyof Filters) => (v: string) => setFilters((f) => ({ ...f, [key]: v }));
  const filtered = query !== '' || JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  const scope = (on: boolean, label: string) => (
    <button type="button" role="tab" aria-selected={mine === on} className={mine === on ? 'segment is-on' : 'segment'} onClick={() => setMine(on)}>
      {label}
    </button>
  );

  return (
    <ListFrame
      title={msg('outgoingUi.list.title')}
      beside={
        <div className="segmented" role="tablist" aria-label={msg('outgoingUi.list.scope')}>
          {scope(true, msg('outgoingUi.list.mine'))}
          {scope(false, msg('outgoingUi.list.all'))}
        </div>
      }
      searchId="outgoing-search"
      searchPlaceholder={msg('outgoingUi.list.searchPlaceholder')}
      active={active}
      onQuery={setQuery}
      onLeaveSearch={() => scroller.current?.focus()}
      total={rows.loaded ? msg('ui.list.total', { n: count(rows.total) }) : ''}
      totalTestId="outgoing-total"
      filters={
        <div className="filters" role="search">
          <FilterSelect label={msg('ui.list.year')} allLabel={msg('ui.list.allYears')} value={filters.year} options={years} onChange={set('year')} />
          <FilterSelect label={msg('ui.list.type')} allLabel={msg('ui.list.allTypes')} value={filters.typeName} options={TYPE_OPTIONS} onChange={set('typeName')} />
          <FilterSelect
            label={msg('ui.list.status')}
            allLabel={msg('ui.list.allStatuses')}
            value={filters.status}
            options={OUTGOING_STATUSES.map((st) => [st, msg(`outgoing.status.${st}`)])}
            onChange={set('status')}
          />
          <button type="button" className="link-button" onClick={() => setFilters(NO_FILTERS)} disabled={JSON.stringify(filters) === JSON.stringify(NO_FILTERS)}>
            {msg('ui.list.clear')}
          </button>
        </div>
      }
      error={rows.error}
    >
      <DataGrid
        label={msg('outgoingUi.list.title')}
        className="grid-outgoing"
        columns={COLUMNS}
        rows={rows}
        resetKey={rowsQuery}
        sort={sort}
        onSort={(by) => setSort((s) => nextSort(s, by, () => 'desc'))}
        onOpen={onOpen}
        rowClassName={(row) => [row.priority > 0 ? 'urgent' : '', row.status === 'recalled' || row.status === 'replaced' ? 'recalled' : ''].join(' ')}
        emptyText={mine && !filtered ? msg('outgoingUi.list.emptyMine') : filtered ? msg('ui.list.empty') : msg('outgoingUi.list.empty')}
        scroller={scroller}
        footer={() => <span>{msg('ui.list.hint')}</span>}
      />
    </ListFrame>
  );
}

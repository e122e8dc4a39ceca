/**
 * Sổ văn bản đến: the whole register in one scrolling table, however long. Only the rows in view exist in the page;
 * their pages are fetched as they come into view (see useIncomingRows). Past a few million pixels browsers stop growing an
 * element, so the scroll height is capped and the scroll position mapped proportionally onto the row index.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { IncomingSummary, SortKey } from '../../shared/contract';
import { todayInVietnam } from '../../shared/domain/dates';
import { msg } from '../../shared/messages';
import { count, joinCode, shortDate } from '../format';
import { useContractEvent } from '../hooks/useContractEvent';
import { useIncomingRows, type RowsQuery } from '../hooks/useIncomingRows';
import { useShortcuts } from '../hooks/useShortcut';
import { ListFilters, type FilterValues, emptyFilters, toListFilter } from './ListFilters';
import { PriorityTag, StatusTag } from './Tags';

const ROW_HEIGHT = 32;
const MAX_SCROLL_HEIGHT = 8_000_000;
/** Rows drawn above and below the view so that a short scroll shows no gap. */
const OVERSCAN = 8;

interface Column {
  id: string;
  label: string;
  sort?: SortKey;
  cell: (row: IncomingSummary) => ReactNode;
  title?: (row: IncomingSummary) => string;
  className?: string;
}

const COLUMNS: Column[] = [
  { id: 'arrivalNumber', label: msg('ui.col.arrivalNumber'), sort: 'arrivalNumber', cell: (r) => r.arrivalNumber, className: 'num' },
  { id: 'arrivalDate', label: msg('ui.col.arrivalDate'), sort: 'arrivalDate', cell: (r) => shortDate(r.arrivalDate) },
  { id: 'organName', label: msg('ui.col.organName'), sort: 'organName', cell: (r) => r.organName, title: (r) => r.organName },
  { id: 'code', label: msg('ui.col.code'), cell: (r) => joinCode(r.codeNumber, r.codeNotation), title: (r) => joinCode(r.codeNumber, r.codeNotation) },
  { id: 'issuedDate', label: msg('ui.col.issuedDate'), sort: 'issuedDate', cell: (r) => shortDate(r.issuedDate) },
  {
    id: 'subject',
    label: msg('ui.col.subject'),
    cell: (r) => (
      <>
        <strong>{r.typeName}</strong> {r.subject}
      </>
    ),
    title: (r) => `${r.typeName}: ${r.subject}`,
  },
  { id: 'priority', label: msg('ui.col.priority'), cell: (r) => <PriorityTag priority={r.priority} /> },
  {
    id: 'dueDate',
    label: msg('ui.col.dueDate'),
    sort: 'dueDate',
    // A deadline that has passed shows red: chasing late handling is part of the clerk's job.
    cell: (r) => <span className={r.dueDate && r.dueDate < todayInVietnam() ? 'overdue' : undefined}>{shortDate(r.dueDate)}</span>,
  },
  { id: 'status', label: msg('ui.col.status'), cell: (r) => <StatusTag status={r.status} /> },
];

interface IncomingListProps {
  active: boolean;
  onOpen: (id: string) => void;
}

export function IncomingList({ active, onOpen }: IncomingListProps) {
  const [filters, setFilters] = useState<FilterValues>(emptyFilters);
  const [query, setQuery] = useState('');
  const [debouncedQuery, setDebouncedQuery] = useState('');
  const [sort, setSort] = useState<RowsQuery['sort']>();
  const [selected, setSelected] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(600);
  const scroller = useRef<HTMLDivElement>(null);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => setDebouncedQuery(query.trim()), 250);
    return () => clearTimeout(timer);
  }, [query]);

  const rowsQuery = useMemo<RowsQuery>(
    () => ({ filter: { ...toListFilter(filters), ...(debouncedQuery ? { query: debouncedQuery } : {}) }, ...(sort ? { sort } : {}) }),
    [filters, debouncedQuery, sort],
  );
  const rows = useIncomingRows(rowsQuery);
  useContractEvent('incoming.changed', () => rows.refresh());

  // A new query shows its first rows from the top.
  useEffect(() => {
    setSelected(0);
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
  }, [rowsQuery]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const total = rows.total;
  const realHeight = total * ROW_HEIGHT;
  const scrollHeight = Math.min(realHeight, MAX_SCROLL_HEIGHT);
  // 1 while the register fits; above that, each scrolled pixel moves more than a pixel of rows.
  const ratio = scrollHeight > viewHeight ? Math.max(1, (realHeight - viewHeight) / (scrollHeight - viewHeight)) : 1;
  const realTop = scrollTop * ratio;
  const first = Math.max(0, Math.floor(realTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total - 1, Math.ceil((realTop + viewHeight) / ROW_HEIGHT) + OVERSCAN);

  // Fetch what is in view once scrolling pauses: dragging the scrollbar across a million rows asks for nothing on the way.
  const { ensureRange } = rows;
  useEffect(() => {
    if (!rows.loaded || total === 0) return;
    const timer = setTimeout(() => ensureRange(first, last), 60);
    return () => clearTimeout(timer);
  }, [first, last, total, rows.loaded, ensureRange]);

  const scrollToRow = useCallback(
    (index: number) => {
      const el = scroller.current;
      if (!el) return;
      const top = index * ROW_HEIGHT;
      if (top < realTop) el.scrollTop = top / ratio;
      else if (top + ROW_HEIGHT > realTop + viewHeight - ROW_HEIGHT) el.scrollTop = (top + 2 * ROW_HEIGHT - viewHeight) / ratio;
    },
    [ratio, realTop, viewHeight],
  );

  const move = (to: number) => {
    const index = Math.max(0, Math.min(total - 1, to));
    setSelected(index);
    scrollToRow(index);
  };
  const onGridKey = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(viewHeight / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(selected + 1),
      ArrowUp: () => move(selected - 1),
      PageDown: () => move(selected + page),
      PageUp: () => move(selected - page),
      Home: () => move(0),
      End: () => move(total - 1),
      Enter: () => {
        const row = rows.rowAt(selected);
        if (row) onOpen(row.id);
      },
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  useShortcuts([{ key: 'f', ctrl: true, inFields: true, run: () => search.current?.focus() }], active);

  const toggleSort = (key: SortKey) =>
    setSort((s) => (s?.by === key ? { by: key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { by: key, dir: key === 'organName' ? 'asc' : 'desc' }));

  const visible: ReactNode[] = [];
  for (let i = first; i <= last; i++) {
    const row = rows.rowAt(i);
    const top = scrollTop + (i * ROW_HEIGHT - realTop);
    const urgent = row && row.priority > 0;
    visible.push(
      <div
        key={i}
        role="row"
        aria-rowindex={i + 2}
        aria-selected={i === selected}
        className={['grid-row', i % 2 ? 'odd' : '', i === selected ? 'selected' : '', urgent ? 'urgent' : ''].join(' ')}
        style={{ transform: `translateY(${top}px)` }}
        onClick={() => setSelected(i)}
        onDoubleClick={() => row && onOpen(row.id)}
      >
        {row
          ? COLUMNS.map((c) => (
              <div key={c.id} role="gridcell" className={`cell col-${c.id} ${c.className ?? ''}`} title={c.title?.(row)}>
                {c.cell(row)}
              </div>
            ))
          : <div role="gridcell" className="cell loading-cell">{msg('ui.list.loadingRow')}</div>}
      </div>,
    );
  }

  const filtered = debouncedQuery !== '' || JSON.stringify(filters) !== JSON.stringify(emptyFilters);
  const selectedRow = rows.rowAt(selected);

  return (
    <div className="list-view">
      <div className="view-header">
        <h1>{msg('ui.list.title')}</h1>
        <div className="list-search">
          <label htmlFor="list-search" className="visually-hidden">
            {msg('ui.list.search')}
          </label>
          <input
            id="list-search"
            ref={search}
            type="search"
            value={query}
            placeholder={msg('ui.list.searchPlaceholder')}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || e.key === 'Enter') {
                e.preventDefault();
                scroller.current?.focus();
              }
            }}
          />
          <kbd>Ctrl+F</kbd>
        </div>
        <div className="list-total" data-testid="list-total" aria-live="polite">
          {rows.loaded && (rows.totalCapped ? msg('ui.list.totalCapped', { n: count(total) }) : msg('ui.list.total', { n: count(total) }))}
        </div>
      </div>
      <ListFilters value={filters} onChange={setFilters} />
      {rows.error && (
        <div className="banner banner-error" role="alert">
          {rows.error}
        </div>
      )}
      <div className="grid" role="grid" aria-rowcount={total + 1} aria-label={msg('ui.list.title')}>
        <div className="grid-head" role="row" aria-rowindex={1}>
          {COLUMNS.map((c) => {
            const dir = sort?.by === c.sort ? sort?.dir : undefined;
            return (
              <div
                key={c.id}
                role="columnheader"
                className={`cell col-${c.id}`}
                aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}
              >
                {c.sort ? (
                  <button type="button" className="sort-button" onClick={() => toggleSort(c.sort!)} title={dir ? msg(dir === 'asc' ? 'ui.sort.asc' : 'ui.sort.desc') : msg('ui.sort.hint')}>
                    {c.label}
                    {dir && (
                      <span className="sort-mark" aria-hidden="true">
                        {dir === 'asc' ? '▲' : '▼'}
                      </span>
                    )}
                  </button>
                ) : (
                  c.label
                )}
              </div>
            );
          })}
        </div>
        <div
          className="grid-body"
          ref={scroller}
          tabIndex={0}
          data-testid="grid-body"
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
          onKeyDown={onGridKey}
        >
          <div className="grid-spacer" style={{ height: scrollHeight }}>
            {visible}
          </div>
          {rows.loaded && total === 0 && <div className="grid-empty">{filtered ? msg('ui.list.empty') : msg('ui.list.emptyRegister')}</div>}
        </div>
      </div>
      <div className="list-footer">
        <span>{msg('ui.list.hint')}</span>
        {selectedRow && (
          <span className="muted">
            {msg('ui.col.arrivalNumber')} {selectedRow.arrivalNumber} · {joinCode(selectedRow.codeNumber, selectedRow.codeNotation)}
          </span>
        )}
      </div>
    </div>
  );
}

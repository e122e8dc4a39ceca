/**
 * A register in one scrolling table, however long. Only the rows in view exist in the page; their pages are fetched as
 * they come into view (see usePagedRows). Past a few million pixels browsers stop growing an element, so the scroll
 * height is capped and the scroll position mapped proportionally onto the row index. Arrow keys, PageUp/PageDown,
 * Home/End move the selection, Enter or a double click opens the row. The incoming and outgoing registers share it.
 */
import { useCallback, useEffect, useLayoutEffect, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { msg } from '../../shared/messages';
import type { PagedRows } from '../hooks/usePagedRows';

const ROW_HEIGHT = 32;
const MAX_SCROLL_HEIGHT = 8_000_000;
/** Rows drawn above and below the view so that a short scroll shows no gap. */
const OVERSCAN = 8;

export interface GridColumn<Row, Sort extends string> {
  id: string;
  label: string;
  sort?: Sort;
  cell: (row: Row) => ReactNode;
  title?: (row: Row) => string;
  className?: string;
}

/** "Tên loại và trích yếu nội dung": the type in bold before the subject, as both registers print it. */
export function subjectColumn<Row extends { typeName: string; subject: string }, Sort extends string>(): GridColumn<Row, Sort> {
  return {
    id: 'subject',
    label: msg('ui.col.subject'),
    cell: (r) => (
      <>
        <strong>{r.typeName}</strong> {r.subject}
      </>
    ),
    title: (r) => `${r.typeName}: ${r.subject}`,
  };
}

export type GridSort<Sort extends string> = { by: Sort; dir: 'asc' | 'desc' } | undefined;

interface DataGridProps<Row extends { id: string }, Sort extends string> {
  label: string;
  /** Extra class on the grid: it sets the column widths (--cols). */
  className: string;
  columns: GridColumn<Row, Sort>[];
  rows: PagedRows<Row>;
  /** A new value (a new query) shows the first rows from the top. */
  resetKey: unknown;
  sort: GridSort<Sort>;
  onSort: (by: Sort) => void;
  onOpen: (id: string) => void;
  rowClassName?: (row: Row) => string;
  emptyText: string;
  /** The scrolling body, for the search box to hand the keyboard to. */
  scroller: RefObject<HTMLDivElement | null>;
  footer?: (selected: Row | undefined) => ReactNode;
}

export function DataGrid<Row extends { id: string }, Sort extends string>(props: DataGridProps<Row, Sort>) {
  const { label, className, columns, rows, resetKey, sort, onSort, onOpen, rowClassName, emptyText, scroller, footer } = props;
  const [selected, setSelected] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(600);

  useEffect(() => {
    setSelected(0);
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
  }, [resetKey, scroller]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, [scroller]);

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
    [ratio, realTop, viewHeight, scroller],
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

  const visible: ReactNode[] = [];
  for (let i = first; i <= last; i++) {
    const row = rows.rowAt(i);
    const top = scrollTop + (i * ROW_HEIGHT - realTop);
    visible.push(
      <div
        key={i}
        role="row"
        aria-rowindex={i + 2}
        aria-selected={i === selected}
        className={['grid-row', i % 2 ? 'odd' : '', i === selected ? 'selected' : '', row && rowClassName ? rowClassName(row) : ''].join(' ')}
        style={{ transform: `translateY(${top}px)` }}
        onClick={() => setSelected(i)}
        onDoubleClick={() => row && onOpen(row.id)}
      >
        {row
          ? columns.map((c) => (
              <div key={c.id} role="gridcell" className={`cell col-${c.id} ${c.className ?? ''}`} title={c.title?.(row)}>
                {c.cell(row)}
              </div>
            ))
          : <div role="gridcell" className="cell loading-cell">{msg('ui.list.loadingRow')}</div>}
      </div>,
    );
  }

  return (
    <>
      <div className={`grid ${className}`} role="grid" aria-rowcount={total + 1} aria-label={label}>
        <div className="grid-head" role="row" aria-rowindex={1}>
          {columns.map((c) => {
            const dir = c.sort !== undefined && sort?.by === c.sort ? sort.dir : undefined;
            return (
              <div
                key={c.id}
                role="columnheader"
                className={`cell col-${c.id}`}
                aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}
              >
                {c.sort ? (
                  <button type="button" className="sort-button" onClick={() => onSort(c.sort!)} title={dir ? msg(dir === 'asc' ? 'ui.sort.asc' : 'ui.sort.desc') : msg('ui.sort.hint')}>
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
          {rows.loaded && total === 0 && <div className="grid-empty">{emptyText}</div>}
        </div>
      </div>
      {footer && <div className="list-footer">{footer(rows.rowAt(selected))}</div>}
    </>
  );
}

/** The next sort after a click on a column: the same column flips, another starts with `firstDir(by)`. */
export function nextSort<Sort extends string>(current: GridSort<Sort>, by: Sort, firstDir: (by: Sort) => 'asc' | 'desc'): GridSort<Sort> {
  return current?.by === by ? { by, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { by, dir: firstDir(by) };
}

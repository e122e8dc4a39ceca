/**
 * A register as a sparse array: pages of rows fetched when the list scrolls to them, never the whole register. Where
 * the list method pages by key, a page next to one already loaded is asked for by key (the rows after the last row
 * above it, or before the first row below it), which costs the core what the first page costs however deep it is; a
 * jump into the middle is asked for by offset. A text query's results go by offset only: they are ranked, not kept in
 * an index order. A changed query starts over; a refresh (after a `*.changed` event) keeps showing the old rows until
 * their fresh pages arrive, so the table does not flash. The incoming and outgoing registers both list through it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IncomingSummary, ListFilter, SortKey } from '../../shared/contract';
import { errorMessage } from '../format';
import { useApi } from './useApi';

const PAGE_SIZE = 200;
/** Pages kept in memory; the farthest from the view are dropped first. */
const MAX_PAGES = 40;

export interface RowsQuery {
  filter: ListFilter;
  sort?: { by: SortKey; dir: 'asc' | 'desc' };
}

export interface PagedRows<Row> {
  total: number;
  totalCapped: boolean;
  /** False until the first page of the current query arrived. */
  loaded: boolean;
  error: string | null;
  rowAt(index: number): Row | undefined;
  /** Makes sure the rows first..last are (being) fetched. */
  ensureRange(first: number, last: number): void;
  refresh(): void;
}

/** Where a page starts: by offset, or (for a list method that pages by key) right after or before a row's id. */
export type PagePosition = { offset: number } | { after: string } | { before: string };
export interface RowsPage<Row> {
  total: number;
  totalCapped: boolean;
  rows: Row[];
}

/**
 * `fetch` asks the core for one page of `query`; `byKey` says whether it may be asked by key for this query. A new
 * `query` (compared by value) starts over; a new `fetch` alone does not.
 */
export function usePagedRows<Row extends { id: string }, Query>(
  query: Query,
  fetch: (query: Query, position: PagePosition, limit: number) => Promise<RowsPage<Row>>,
  byKey: (query: Query) => boolean,
): PagedRows<Row> {
  const [summary, setSummary] = useState({ total: 0, totalCapped: false, loaded: false, error: null as string | null });
  const [, setVersion] = useState(0);
  const pages = useRef(new Map<number, Row[]>());
  const stale = useRef(new Map<number, Row[]>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  const lastRange = useRef<[number, number]>([0, 0]);
  const queryKey = JSON.stringify(query);
  const queryRef = useRef(query);
  queryRef.current = query;
  const calls = useRef({ fetch, byKey });
  calls.current = { fetch, byKey };

  const fetchPage = useCallback(
    (page: number) => {
      if (pages.current.has(page) || pending.current.has(page)) return;
      const gen = generation.current;
      pending.current.add(page);
      const q = queryRef.current;
      calls.current.fetch(q, pagePosition(pages.current, page, calls.current.byKey(q)), PAGE_SIZE).then(
        (out) => {
          if (gen !== generation.current) return;
          pending.current.delete(page);
          pages.current.set(page, out.rows);
          stale.current.delete(page);
          evictFarPages(pages.current, Math.floor(lastRange.current[0] / PAGE_SIZE));
          // Past the count cap the matches go on: a full page makes room for the next one, a short page is the end.
          const end = page * PAGE_SIZE + out.rows.length;
          const full = out.rows.length === PAGE_SIZE;
          setSummary((s) => ({
            total: !out.totalCapped ? out.total : full ? Math.max(out.total, end + PAGE_SIZE, s.loaded ? s.total : 0) : Math.max(out.total, end),
            totalCapped: out.totalCapped,
            loaded: true,
            error: null,
          }));
          setVersion((v) => v + 1);
        },
        (error: unknown) => {
          if (gen !== generation.current) return;
          pending.current.delete(page);
          setSummary((s) => ({ ...s, loaded: true, error: errorMessage(error) }));
        },
      );
    },
    [],
  );

  const ensureRange = useCallback(
    (first: number, last: number) => {
      lastRange.current = [first, last];
      for (let p = Math.floor(Math.max(0, first) / PAGE_SIZE); p <= Math.floor(Math.max(0, last) / PAGE_SIZE); p++) fetchPage(p);
    },
    [fetchPage],
  );

  const restart = useCallback(
    (keepRows: boolean) => {
      generation.current++;
      stale.current = keepRows ? new Map([...stale.current, ...pages.current]) : new Map();
      pages.current = new Map();
      pending.current.clear();
      if (!keepRows) setSummary((s) => ({ ...s, loaded: false, error: null }));
      ensureRange(...lastRange.current);
    },
    [ensureRange],
  );

  // A new filter or sort: different rows, start from the top.
  useEffect(() => {
    lastRange.current = [0, PAGE_SIZE - 1];
    restart(false);
  }, [queryKey, restart]);

  return {
    ...summary,
    rowAt: (index) => {
      const page = Math.floor(index / PAGE_SIZE);
      return (pages.current.get(page) ?? stale.current.get(page))?.[index % PAGE_SIZE];
    },
    ensureRange,
    refresh: () => restart(true),
  };
}

/** The incoming register: paged by key unless a text query ranks the rows. */
export function useIncomingRows(query: RowsQuery): PagedRows<IncomingSummary> {
  const { api } = useApi();
  const fetch = useCallback(
    ({ filter, sort }: RowsQuery, position: PagePosition, limit: number) => api.incoming.list({ filter, ...(sort ? { sort } : {}), ...position, limit }),
    [api],
  );
  return usePagedRows(query, fetch, (q) => !q.filter.query);
}

/** Where a page starts: after the full page above it or before the page below it when one is loaded, else by offset. */
function pagePosition<Row extends { id: string }>(pages: Map<number, Row[]>, page: number, byKey: boolean): PagePosition {
  const above = pages.get(page - 1);
  if (byKey && above?.length === PAGE_SIZE) return { after: above[PAGE_SIZE - 1]!.id };
  const below = pages.get(page + 1);
  if (byKey && below?.length) return { before: below[0]!.id };
  return { offset: page * PAGE_SIZE };
}

function evictFarPages(pages: Map<number, unknown>, around: number) {
  if (pages.size <= MAX_PAGES) return;
  const byDistance = [...pages.keys()].sort((a, b) => Math.abs(b - around) - Math.abs(a - around));
  for (const page of byDistance.slice(0, pages.size - MAX_PAGES)) pages.delete(page);
}

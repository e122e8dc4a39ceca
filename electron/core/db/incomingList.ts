/**
 * The register list without a text query: filters, sorting and paging that stay fast at a million documents.
 *
 * Every page is read through one named index, chosen here rather than by SQLite's planner, which without statistics
 * cannot tell a filter matching ten documents from one matching half the register. Two ways to read a page:
 * - walk the sort's index in order and check the filters on the way: cheap when matches are dense in the walked range;
 * - gather the matches through the most selective filter's index and sort them: cheap when they are few.
 * The exact number of matches of the year, type, urgency and status filters comes from `incoming_counts` (kept by
 * triggers), so the choice is made on counts, not guesses. Date range and issuing body are counted up to a cap.
 *
 * Pages follow each other by key (the rows after or before a given row, in sort order), so a deep page costs what the
 * first one does; an offset is still accepted for a jump into the middle.
 */
import type { ListInput, SortKey } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { searchTokens } from '../../../shared/domain/fold';
import { msg } from '../../../shared/messages';
import type { Db } from './database';
import { indexedStatements } from './deferredIndexes';

/** A filtered list is counted up to this many matches; the UI then says "more than 10,000". */
export const LIST_COUNT_CAP = 10_000;
/**
 * A date range or an issuing body alone is counted on its own index without reading documents, so it can be counted
 * further: a filter with only that shows its exact size, and the choice of index knows how many rows it would gather.
 */
const INDEX_COUNT_CAP = 200_000;
/**
 * Many matches of a range of arrival dates, sorted by another column, are gathered through this index (migration 13):
 * it holds the year and the dates a page sorts by, so their keys are sorted inside it and only the page's rows are read.
 * Through `incoming_by_arrival_date` every match's row was read to sort it: 12,000 rows for a month.
 */
const RANGE_INDEX = 'incoming_by_arrival_range';
/** Fewer matches than this are gathered with their rows at once: one statement costs less than two. */
const KEYS_FIRST_FROM = 2_000;
const startsWithArrivalDate = (index: string) => index === 'incoming_by_arrival_date' || index === RANGE_INDEX;

/** How an issuing body's name is matched by the list's filter: its folded words, each after a space. */
export function organMatchText(name: string): string {
  return ` ${searchTokens(name).join(' ')}`;
}

/**
 * The issuing bodies whose folded name contains the typed words at word starts: "so y te" finds "Sở Y tế tỉnh Hà Tĩnh",
 * "ha tinh" every body of that province. Null when the text has no words (no filter).
 */
export function matchingOrganNames(db: Db, typed: string): string[] | null {
  const words = searchTokens(typed);
  if (words.length === 0) return null;
  // Folded words are letters and digits only, so they carry no LIKE wildcard.
  return db.prepare<[string], string>('SELECT name FROM incoming_organs WHERE match_text LIKE ?').pluck().all(`% ${words.join(' ')}%`);
}

interface CursorRow {
  seq: number;
  year: number;
  arrival_number: number | null;
  arrival_date: string;
  issued_date: string;
  organ_name: string;
  due_date: string | null;
}

/** A run of rows in one index order; `keys` end with a unique column so that every row has one place. */
interface Segment {
  where: string | null;
  keys: (keyof CursorRow)[];
  holds: (c: CursorRow) => boolean;
  /** The index this run is always read through, whichever one the page chose. */
  index?: string;
}

interface SortPlan {
  index: (yearFixed: boolean) => string;
  /** Dates of issue and deadlines follow the arrival year, so a date range on arrival clusters along these orders. */
  followsArrival: boolean;
  /** The runs in the order a page reads them, for ascending and for descending order. */
  segments: (dir: 'asc' | 'desc') => Segment[];
}

const always = () => true;
const single = (segment: Segment) => () => [segment];

/**
 * Provisional entries (no số đến yet, see migration 8) stand after every numbered document, as the number they will
 * get does: on top of the usual newest-first list, in the order they were registered. They are few, and read through
 * their own small index.
 */
function numberedThenProvisional(keys: (keyof CursorRow)[]) {
  const numbered: Segment = { where: 'd.arrival_number IS NOT NULL', keys, holds: (c) => c.arrival_number !== null };
  const provisional: Segment = { where: 'd.arrival_number IS NULL', keys: ['seq'], holds: (c) => c.arrival_number === null, index: 'incoming_by_seq_provisional' };
  return (dir: 'asc' | 'desc') => (dir === 'asc' ? [numbered, provisional] : [provisional, numbered]);
}

const SORTS: Record<SortKey, SortPlan> = {
  arrivalNumber: { index: () => 'incoming_by_number', followsArrival: true, segments: numberedThenProvisional(['year', 'arrival_number', 'seq']) },
  arrivalDate: { index: () => 'incoming_by_arrival_date', followsArrival: true, segments: numberedThenProvisional(['arrival_date', 'arrival_number', 'seq']) },
  issuedDate: {
    index: (yearFixed) => (yearFixed ? 'incoming_by_year_issued_date' : 'incoming_by_issued_date'),
    followsArrival: true,
    segments: single({ where: null, keys: ['issued_date', 'seq'], holds: always }),
  },
  organName: { index: () => 'incoming_by_organ', followsArrival: false, segments: single({ where: null, keys: ['organ_name', 'seq'], holds: always }) },
  // Documents without a deadline come last in both directions: two runs of the same index.
  dueDate: {
    index: (yearFixed) => (yearFixed ? 'incoming_by_year_due_date' : 'incoming_by_due_date'),
    followsArrival: true,
    segments: () => [
      { where: 'd.due_date IS NOT NULL', keys: ['due_date', 'seq'], holds: (c) => c.due_date !== null },
      { where: 'd.due_date IS NULL', keys: ['seq'], holds: (c) => c.due_date === null },
    ],
  },
};

/** One year of a multi-year range: the index it is read through and the terms that keep it to its year. */
interface Run {
  index: string;
  terms: string[];
  params: Record<string, unknown>;
}

/** A way into the register for the current filters, and how many rows it yields (at least, when not exact). */
interface Access {
  index: string;
  rows: number;
  exact: boolean;
}

export interface ListPage<Row> {
  total: number;
  totalCapped: boolean;
  rows: Row[];
}

export type PlainListInput = Omit<ListInput, 'filter'> & { filter: Omit<ListInput['filter'], 'query'> };

export function createRegisterList<Row>(db: Db, columns: string) {
  // While a first sync has the indexes deferred, the same statements run without their names: slower, never refused.
  const prepared = indexedStatements(db).prepare;
  const selectCursor = db.prepare<[string], CursorRow>(
    'SELECT seq, year, arrival_number, arrival_date, issued_date, organ_name, due_date FROM incoming_documents WHERE id = ?',
  );

  function facetCount(eq: { year?: number; typeName?: string; priority?: number; status?: string }): number {
    const terms = [
      eq.year !== undefined ? 'year = @year' : null,
      eq.typeName !== undefined ? 'type_name = @typeName' : null,
      eq.priority !== undefined ? 'priority = @priority' : null,
      eq.status !== undefined ? 'status = @status' : null,
    ].filter((t) => t !== null);
    const where = terms.length ? `WHERE ${terms.join(' AND ')}` : '';
    return prepared(`SELECT coalesce(sum(n), 0) FROM incoming_counts ${where}`).pluck().get(eq) as number;
  }

  function cappedCount(index: string, terms: string[], params: Record<string, unknown>, cap: number): number {
    const where = terms.length ? `WHERE ${terms.join(' AND ')}` : '';
    return prepared(`SELECT count(*) FROM (SELECT 1 FROM incoming_documents d INDEXED BY ${index} ${where} LIMIT ${cap + 1})`)
      .pluck()
      .get(params) as number;
  }

  const countArrivals = () =>
    prepared('SELECT count(*) FROM (SELECT 1 FROM incoming_documents d INDEXED BY incoming_by_arrival_date WHERE d.arrival_date BETWEEN @lo AND @hi LIMIT @cap)').pluck();

  /**
   * Documents that arrived in the range, counted up to `cap` (cap + 1: more). A year the range covers whole is taken
   * from the counts, so a range of years reads the index only for the parts of the years at its ends.
   */
  function rangeCount(from: string | undefined, to: string | undefined, cap: number): number {
    let n = 0;
    for (const year of yearsOfRange(from, to)) {
      const first = `${year}-01-01`;
      const last = `${year}-12-31`;
      const lo = from && from > first ? from : first;
      const hi = to && to < last ? to : last;
      n += lo === first && hi === last ? facetCount({ year }) : (countArrivals().get({ lo, hi, cap: cap + 1 - n }) as number);
      if (n > cap) return cap + 1;
    }
    return n;
  }

  function list(input: PlainListInput): ListPage<Row> {
    const f = input.filter;
    const sortBy = input.sort?.by ?? 'arrivalNumber';
    const dir = input.sort?.dir ?? 'desc';
    const plan = SORTS[sortBy];
    // The arrival year is the year of the arrival date: a range within one year is also that year, which lets the
    // year-first indexes serve it.
    const year = f.year ?? (f.from && f.to && f.from.slice(0, 4) === f.to.slice(0, 4) ? Number(f.from.slice(0, 4)) : undefined);
    const eq = {
      ...(year !== undefined ? { year } : {}),
      ...(f.typeName ? { typeName: f.typeName.normalize('NFC') } : {}),
      ...(f.priority !== undefined ? { priority: f.priority } : {}),
      ...(f.status ? { status: f.status } : {}),
    };
    const params: Record<string, unknown> = { ...eq };
    const terms: string[] = [];
    if (eq.year !== undefined) terms.push('d.year = @year');
    if (eq.typeName !== undefined) terms.push('d.type_name = @typeName');
    if (eq.priority !== undefined) terms.push('d.priority = @priority');
    if (eq.status !== undefined) terms.push('d.status = @status');
    // A range reaching past the year is cut to it, so that the arrival-date index reads only that year's part.
    const yearFirst = year === undefined ? '' : `${year}-01-01`;
    const yearLast = year === undefined ? '\uffff' : `${year}-12-31`;
    const from = f.from && f.from < yearFirst ? yearFirst : f.from;
    const to = f.to && f.to > yearLast ? yearLast : f.to;
    const rangeTerms: string[] = [];
    if (from) rangeTerms.push('d.arrival_date >= @from');
    if (to) rangeTerms.push('d.arrival_date <= @to');
    Object.assign(params, from ? { from } : {}, to ? { to } : {});
    const organs = f.organName ? matchingOrganNames(db, f.organName) : null;
    if (organs?.length === 0) return { total: 0, totalCapped: false, rows: [] };
    const organTerm = organs ? 'd.organ_name IN (SELECT value FROM json_each(@organs))' : null;
    if (organs) params.organs = JSON.stringify(organs);
    // A range over several years also bounds the year, which the year-first indexes can seek to.
    const years = year === undefined && rangeTerms.length > 0 ? yearsOfRange(from, to) : null;
    if (years) Object.assign(params, { yearLo: years[0], yearHi: years[years.length - 1] });
    const allTerms = [...terms, ...rangeTerms, ...(organTerm ? [organTerm] : []), ...(years ? ['d.year BETWEEN @yearLo AND @yearHi'] : [])];

    // The arrival year is the year of the arrival date, so on the arrival-date index a year alone is a range of it.
    const yearRange = eq.year !== undefined && rangeTerms.length === 0 ? ['d.arrival_date BETWEEN @yearFirst AND @yearLast'] : [];
    const termsFor = (index: string) => (startsWithArrivalDate(index) ? [...allTerms, ...yearRange] : allTerms);
    if (yearRange.length) Object.assign(params, { yearFirst, yearLast });

    const accesses: Access[] = [];
    const withYear = eq.year !== undefined ? { year: eq.year } : {};
    if (eq.year !== undefined) accesses.push({ index: 'incoming_by_number', rows: facetCount(withYear), exact: true });
    if (eq.typeName !== undefined) accesses.push({ index: 'incoming_by_type', rows: facetCount({ ...withYear, typeName: eq.typeName }), exact: true });
    // With the year fixed the urgency index seeks the type too (migration 20); without it, it would step over every
    // other type of that urgency, so it is counted as the urgency's rows then.
    const priorityRows = eq.year !== undefined && eq.typeName !== undefined ? { ...withYear, typeName: eq.typeName } : withYear;
    if (eq.priority !== undefined) accesses.push({ index: 'incoming_by_priority', rows: facetCount({ ...priorityRows, priority: eq.priority }), exact: true });
    if (eq.status !== undefined) accesses.push({ index: 'incoming_by_status', rows: facetCount({ ...withYear, status: eq.status }), exact: true });
    if (rangeTerms.length) {
      const n = rangeCount(from, to, INDEX_COUNT_CAP);
      // In arrival order the arrival index yields the matches sorted already.
      const keysFirst = sortBy !== 'arrivalDate' && sortBy !== 'arrivalNumber' && n > KEYS_FIRST_FROM;
      accesses.push({ index: keysFirst ? RANGE_INDEX : 'incoming_by_arrival_date', rows: n, exact: n <= INDEX_COUNT_CAP });
    }
    if (organTerm) {
      const index = 'incoming_by_organ_year';
      const n = cappedCount(index, eq.year !== undefined ? [organTerm, 'd.year = @year'] : [organTerm], params, INDEX_COUNT_CAP);
      accesses.push({ index, rows: n, exact: n <= INDEX_COUNT_CAP });
    }
    const best = accesses.reduce<Access | null>((a, b) => (a === null || b.rows < a.rows ? b : a), null);

    // The total: exact from the counts for the four facets, otherwise counted through the narrowest index up to the cap.
    // With an implied year the one access besides the year's is the range itself, counted on its index.
    const counted = rangeTerms.length > 0 || organTerm !== null;
    const alone = accesses.filter((a) => a.index !== 'incoming_by_number' || f.year !== undefined);
    const cap = alone.length === 1 ? INDEX_COUNT_CAP : LIST_COUNT_CAP;
    const total = !counted ? facetCount(eq) : alone.length === 1 ? alone[0]!.rows : cappedCount(best!.index, termsFor(best!.index), params, cap);
    const totalCapped = counted && total > cap;

    // Walking the sort's index reads about (rows wanted) / (share of matches) entries, unless the matches cluster
    // along it; gathering reads every match of the narrowest filter once and sorts them.
    const yearFixed = eq.year !== undefined;
    const sortIndex = plan.index(yearFixed);
    const walkedRows = yearFixed && sortIndex !== 'incoming_by_organ' ? facetCount(withYear) : facetCount({});
    // Arrival numbers run year by year, so the year bound keeps that walk inside the range.
    const clustered = rangeTerms.length > 0 && plan.followsArrival && sortBy !== 'arrivalDate' && sortBy !== 'arrivalNumber';
    const wanted = input.offset + input.limit;
    const walkCost = clustered ? walkedRows : (wanted * walkedRows) / Math.max(total, 1);
    const gatherCost = best && (best.exact || clustered) ? best.rows : Infinity;
    // A range over several years sorted by a date that follows the year: one walk of the year-first index per year,
    // merged, reads about (rows wanted) per year where gathering would sort every match of the range.
    const mergeCost = clustered && years ? years.length * wanted : Infinity;
    if (years && mergeCost < Math.min(gatherCost, walkCost)) {
      const index = plan.index(true);
      const runs = years.map((y) => yearRun(y, from, to, index, termsFor));
      return { total: totalCapped ? cap : total, totalCapped, rows: readPage(input, plan, dir, index, termsFor(index), params, runs) };
    }
    const index = gatherCost < walkCost ? best!.index : sortIndex;
    const rows = readPage(input, plan, dir, index, termsFor(index), params, null);
    return { total: totalCapped ? cap : total, totalCapped, rows };
  }

  /**
   * How one year of a multi-year range is read in sort order. A year mostly inside the range walks its part of the
   * year-first index, stepping over the few rows outside; a year the range only touches gathers its part of the range
   * through the arrival-date index and sorts it. Either way no more than half a year is read for nothing.
   */
  function yearRun(year: number, from: string | undefined, to: string | undefined, sortIndex: string, termsFor: (index: string) => string[]): Run {
    const first = `${year}-01-01`;
    const last = `${year}-12-31`;
    const lo = from && from > first ? from : first;
    const hi = to && to < last ? to : last;
    const covered = (Date.parse(hi) - Date.parse(lo)) / (Date.parse(last) - Date.parse(first));
    if (covered > 0.5) return { index: sortIndex, terms: [...termsFor(sortIndex), 'd.year = @runYear'], params: { runYear: year } };
    const params = { runYear: year, runFirst: lo, runLast: hi };
    const many = cappedCount('incoming_by_arrival_date', ['d.arrival_date BETWEEN @runFirst AND @runLast'], params, KEYS_FIRST_FROM) > KEYS_FIRST_FROM;
    const index = many ? RANGE_INDEX : 'incoming_by_arrival_date';
    return { index, terms: [...termsFor(index), 'd.year = @runYear', 'd.arrival_date BETWEEN @runFirst AND @runLast'], params };
  }

  /** The years a range of arrival dates covers, within the years the register has. */
  function yearsOfRange(from: string | undefined, to: string | undefined): number[] {
    const { lo, hi } = prepared('SELECT min(year) AS lo, max(year) AS hi FROM incoming_counts WHERE n > 0').get({}) as { lo: number | null; hi: number | null };
    if (lo === null || hi === null) return [];
    const first = Math.max(lo, from ? Number(from.slice(0, 4)) : lo);
    const last = Math.min(hi, to ? Number(to.slice(0, 4)) : hi);
    return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
  }

  /** One page through the chosen index: from an offset, or after (before) the cursor row, across the sort's runs. */
  function readPage(
    input: PlainListInput,
    plan: SortPlan,
    dir: 'asc' | 'desc',
    index: string,
    where: string[],
    params: Record<string, unknown>,
    runs: Run[] | null,
  ) {
    const cursorId = input.after ?? input.before;
    const cursor = cursorId ? selectCursor.get(cursorId) : undefined;
    if (cursorId && !cursor) throw new AppError('NOT_FOUND', msg('error.notFound'));
    const backward = input.before !== undefined;
    const sqlDir = backward ? (dir === 'asc' ? 'desc' : 'asc') : dir;
    const ordered = plan.segments(dir);
    const segments = backward ? [...ordered].reverse() : ordered;
    const rows: Row[] = [];
    let skip = cursor ? 0 : input.offset;
    for (let i = cursor ? segments.findIndex((s) => s.holds(cursor)) : 0; i < segments.length && rows.length < input.limit; i++) {
      const seg = segments[i]!;
      const segTerms = [...where, ...(seg.where ? [seg.where] : [])];
      const segParams = { ...params };
      if (cursor && seg.holds(cursor)) {
        segTerms.push(`(${seg.keys.map((k) => `d.${k}`).join(', ')}) ${sqlDir === 'asc' ? '>' : '<'} (${seg.keys.map((_, j) => `@c${j}`).join(', ')})`);
        seg.keys.forEach((k, j) => (segParams[`c${j}`] = cursor[k]));
      }
      const whereSql = segTerms.length ? `WHERE ${segTerms.join(' AND ')}` : '';
      const order = seg.keys.map((k) => `d.${k} ${sqlDir}`).join(', ');
      const need = input.limit - rows.length;
      // Limit and offset are bound, not written in: the statement is prepared once per shape, not once per page.
      // Through the range index the page's keys are sorted inside the index first, and only their rows read after.
      const select = (via: string, terms: string[]) => {
        const page = `FROM incoming_documents d INDEXED BY ${via} WHERE ${terms.join(' AND ')} ORDER BY ${order} LIMIT @limit OFFSET @offset`;
        return prepared(
          via === RANGE_INDEX
            ? `SELECT ${columns}, d.seq FROM incoming_documents d WHERE d.seq IN (SELECT d.seq ${page}) ORDER BY ${order}`
            : `SELECT ${columns}, d.seq ${page}`,
        );
      };
      const own = segTerms.slice(where.length);
      const via = seg.index ?? index;
      const got = runs && !seg.index
        ? mergeRuns(
            runs.map((r) => select(r.index, [...r.terms, ...own]).all({ ...segParams, ...r.params, limit: skip + need, offset: 0 }) as Row[]),
            seg.keys,
            sqlDir,
          ).slice(skip, skip + need)
        : (select(via, segTerms.length ? segTerms : ['1']).all({ ...segParams, limit: need, offset: skip }) as Row[]);
      rows.push(...got);
      // An offset that reaches past this run continues into the next one, less the rows this run had.
      const inRun = () =>
        prepared(`SELECT count(*) FROM (SELECT 1 FROM incoming_documents d INDEXED BY ${via} ${whereSql} LIMIT @offset)`)
          .pluck()
          .get({ ...segParams, offset: skip }) as number;
      skip = got.length > 0 || skip === 0 ? 0 : skip - inRun();
    }
    if (backward) rows.reverse();
    return rows;
  }

  /** Rows of several runs, each in sort order, merged into one order. */
  function mergeRuns(runs: Row[][], keys: (keyof CursorRow)[], dir: 'asc' | 'desc'): Row[] {
    const sign = dir === 'asc' ? 1 : -1;
    const compare = (a: Row, b: Row) => {
      for (const k of keys) {
        const x = (a as Record<string, string | number>)[k]!;
        const y = (b as Record<string, string | number>)[k]!;
        if (x !== y) return x < y ? -sign : sign;
      }
      return 0;
    };
    return runs.flat().sort(compare);
  }

  return { list };
}

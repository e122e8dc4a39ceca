/** The register's filters: year, type, urgency, status, arrival date range and issuing body. */
import { useEffect, useRef, useState } from 'react';
import type { IncomingStatus, ListFilter } from '../../shared/contract';
import { isIsoDate, todayInVietnam, yearOf } from '../../shared/domain/dates';
import { DOCUMENT_TYPE_NAMES, PRIORITIES } from '../../shared/domain/documentTypes';
import { msg } from '../../shared/messages';
import { useApi } from '../hooks/useApi';
import { DateInput } from './DateInput';
import { FilterSelect } from './FilterSelect';

/** The list follows the issuing-body box once typing pauses this long. */
const ORGAN_TYPING_PAUSE_MS = 300;

export interface FilterValues {
  year: string;
  typeName: string;
  priority: string;
  status: string;
  from: string;
  to: string;
  organName: string;
}

export const emptyFilters: FilterValues = { year: '', typeName: '', priority: '', status: '', from: '', to: '', organName: '' };
const STATUSES: IncomingStatus[] = ['registered', 'presented', 'forwarded'];
/** Appendix III's types, as both registers filter by them. */
export const TYPE_OPTIONS = DOCUMENT_TYPE_NAMES.map((t) => [t, t] as const);

export function toListFilter(v: FilterValues): ListFilter {
  const out: ListFilter = {};
  if (v.year) out.year = Number(v.year);
  if (v.typeName) out.typeName = v.typeName;
  if (v.priority) out.priority = Number(v.priority);
  if (v.status) out.status = v.status as IncomingStatus;
  if (v.from) out.from = v.from;
  if (v.to) out.to = v.to;
  if (v.organName.trim()) out.organName = v.organName.trim();
  return out;
}

export function ListFilters({ value, onChange }: { value: FilterValues; onChange: (v: FilterValues) => void }) {
  const set = (key: keyof FilterValues) => (v: string) => onChange({ ...value, [key]: v });
  // Half-typed dates stay in the box; the filter changes once the text is a date or empty.
  const setDate = (key: 'from' | 'to') => (date: string) => (date === '' || isIsoDate(date)) && onChange({ ...value, [key]: date });
  const { api } = useApi();
  // Until the register answers, the current year alone; then every year it holds documents of, however old.
  const [years, setYears] = useState<number[]>(() => [yearOf(todayInVietnam())]);
  useEffect(() => {
    let live = true;
    api.incoming.years({}).then((list) => live && setYears(list), () => undefined);
    return () => {
      live = false;
    };
  }, [api]);
  return (
    <div className="filters" role="search">
      <FilterSelect label={msg('ui.list.year')} allLabel={msg('ui.list.allYears')} value={value.year} options={years.map((y) => [y, String(y)])} onChange={set('year')} />
      <FilterSelect label={msg('ui.list.type')} allLabel={msg('ui.list.allTypes')} value={value.typeName} options={TYPE_OPTIONS} onChange={set('typeName')} />
      <FilterSelect
        label={msg('ui.list.priority')}
        allLabel={msg('ui.list.allPriorities')}
        value={value.priority}
        options={PRIORITIES.map((p, i) => [i, p])}
        onChange={set('priority')}
      />
      <FilterSelect
        label={msg('ui.list.status')}
        allLabel={msg('ui.list.allStatuses')}
        value={value.status}
        options={STATUSES.map((st) => [st, msg(`ui.status.${st}`)])}
        onChange={set('status')}
      />
      <label>
        <span>{msg('ui.list.from')}</span>
        <DateInput value={value.from} onChange={setDate('from')} />
      </label>
      <label>
        <span>{msg('ui.list.to')}</span>
        <DateInput value={value.to} onChange={setDate('to')} />
      </label>
      <label className="filter-organ">
        <span>{msg('ui.list.organ')}</span>
        <OrganFilter value={value.organName} onChange={(organName) => onChange({ ...value, organName })} />
      </label>
      <button type="button" className="link-button" onClick={() => onChange(emptyFilters)} disabled={JSON.stringify(value) === JSON.stringify(emptyFilters)}>
        {msg('ui.list.clear')}
      </button>
    </div>
  );
}

/**
 * The core matches folded words from their start ("so y te" finds "Sở Y tế tỉnh Hà Tĩnh"), so the list can follow
 * the typing: after a pause, at once on Enter. A value set from outside (clearing the filters) replaces the text.
 */
function OrganFilter({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const [text, setText] = useState(value);
  // The parent renders often (each page of rows); its new callback must not restart the pause.
  const changed = useRef(onChange);
  changed.current = onChange;
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => changed.current(text), ORGAN_TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, value]);
  return <input value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && text !== value && onChange(text)} />;
}

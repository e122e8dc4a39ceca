/**
 * Chỉ đạo: the leaders' directives as the province's follow-up report counts them — by status (in progress, overdue,
 * done on time, done late, computed for today in Vietnam), by unit in charge, by leader and by period — with the counts
 * per unit and per leader beside the list. A directive's content opens it; leaders record new ones (Alt+1); "In báo cáo"
 * prints the tracking report of the list's period, unit and leader.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DirectiveListOutput, DirectiveStatusName, DirectiveSummary, OrgProfile } from '../../shared/contract';
import { DIRECTIVE_STATUSES, directiveSourceText } from '../../shared/domain/directive';
import { foldVietnamese } from '../../shared/domain/fold';
import { msg } from '../../shared/messages';
import { count, errorMessage, shortDate } from '../format';
import { useApi } from '../hooks/useApi';
import { useContractEvent } from '../hooks/useContractEvent';
import { DateInput } from './DateInput';
import { DirectiveReportDialog } from './DirectiveReportDialog';
import { FilterSelect } from './FilterSelect';
import { ListFrame } from './ListFrame';
import { DirectiveStatusTag } from './Tags';

interface DirectiveListProps {
  org: OrgProfile;
  active: boolean;
  onOpen: (id: string) => void;
  /** Bumped by the area after a change made in a dialog, so the list reads again. */
  version: number;
}

const COUNT_KEYS = ['total', 'doneOnTime', 'doneLate', 'inProgress', 'overdue'] as const;

export function DirectiveList({ org, active, onOpen, version }: DirectiveListProps) {
  const { api } = useApi();
  const [status, setStatus] = useState<DirectiveStatusName | ''>('');
  const [unitId, setUnitId] = useState('');
  const [leaderId, setLeaderId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [query, setQuery] = useState('');
  const [out, setOut] = useState<DirectiveListOutput | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [changed, setChanged] = useState(0);
  const [reporting, setReporting] = useState(false);
  const firstRow = useRef<HTMLButtonElement>(null);

  // A half-typed date is not sent: the list keeps the last complete filter until the date is whole.
  const period = useMemo(() => ({ ...(/^\d{4}-\d{2}-\d{2}$/.test(from) ? { from } : {}), ...(/^\d{4}-\d{2}-\d{2}$/.test(to) ? { to } : {}) }), [from, to]);
  useEffect(() => {
    let current = true;
    api.directive
      .list({ ...(status ? { status } : {}), ...(unitId ? { unitId } : {}), ...(leaderId ? { leaderId } : {}), ...period })
      .then((o) => current && (setOut(o), setError(null)), (e: unknown) => current && setError(errorMessage(e)));
    return () => {
      current = false;
    };
  }, [api, status, unitId, leaderId, period, version, changed]);
  useContractEvent('directive.changed', () => setChanged((n) => n + 1));

  // Directives number in the hundreds a year: the search looks through the loaded list here.
  const rows = useMemo(() => {
    const folded = foldVietnamese(query);
    return (out?.rows ?? []).filter((d) => !folded || foldVietnamese(`${d.content} ${d.meeting?.name ?? ''} ${d.leaderName}`).includes(folded));
  }, [out, query]);
  const leaders = org.staff.filter((s) => s.role === 'lanh_dao');
  const segment = (value: DirectiveStatusName | '') => (
    <button key={value || 'all'} type="button" role="tab" aria-selected={status === value} className={status === value ? 'segment is-on' : 'segment'} onClick={() => setStatus(value)}>
      {value ? msg(`directive.status.${value}`) : msg('directiveUi.filter.all')}
    </button>
  );

  const filterDate = (id: string, label: string, value: string, onChange: (v: string) => void) => (
    <label htmlFor={id}>
      <span>{label}</span>
      <DateInput id={id} value={value} onChange={onChange} />
    </label>
  );

  return (
    <div className="tasks directives">
      <ListFrame
        title={msg('directiveUi.list.title')}
        beside={
          <button type="button" title={msg('directiveUi.report.openTitle')} onClick={() => setReporting(true)}>
            {msg('directiveUi.report.open')}
          </button>
        }
        searchId="directives-search"
        searchPlaceholder={msg('directiveUi.list.searchPlaceholder')}
        active={active}
        onQuery={setQuery}
        onLeaveSearch={() => firstRow.current?.focus()}
        total={out ? msg('directiveUi.list.total', { n: count(rows.length) }) : ''}
        totalTestId="directives-total"
        filters={
          <div className="filters">
            <div className="segmented" role="tablist" aria-label={msg('directiveUi.filter.status')}>
              {(['', ...DIRECTIVE_STATUSES] as const).map(segment)}
            </div>
            <FilterSelect label={msg('directiveUi.filter.unit')} allLabel={msg('directiveUi.filter.allUnits')} value={unitId} options={org.units.map((u) => [u.id, u.name] as const)} onChange={setUnitId} />
            <FilterSelect label={msg('directiveUi.filter.leader')} allLabel={msg('directiveUi.filter.allLeaders')} value={leaderId} options={leaders.map((s) => [s.id, s.fullName] as const)} onChange={setLeaderId} />
            {filterDate('directives-from', msg('directiveUi.filter.from'), from, setFrom)}
            {filterDate('directives-to', msg('directiveUi.filter.to'), to, setTo)}
          </div>
        }
        error={error}
      >
        <div className="directive-table-wrap">
          {out && rows.length === 0 ? (
            <p className="muted directive-empty">{msg('directiveUi.list.empty')}</p>
          ) : (
            <table className="mini-table directive-table" data-testid="directive-list">
              <thead>
                <tr>
                  <th className="col-given">{msg('directiveUi.col.given')}</th>
                  <th>{msg('directiveUi.col.content')}</th>
                  <th className="col-leader">{msg('directiveUi.col.leader')}</th>
                  <th className="col-units">{msg('directiveUi.col.units')}</th>
                  <th className="col-due">{msg('directiveUi.col.due')}</th>
                  <th className="col-status">{msg('directiveUi.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((d, i) => (
                  <DirectiveRow key={d.id} d={d} onOpen={onOpen} buttonRef={i === 0 ? firstRow : undefined} unitId={unitId} />
                ))}
              </tbody>
            </table>
          )}
        </div>
      </ListFrame>
      <aside className="unit-load">
        <CountsTable title={msg('directiveUi.counts.byUnit')} testId="directive-by-unit" rows={(out?.byUnit ?? []).map((u) => ({ key: u.unitId, name: u.unitName, counts: u }))} />
        <CountsTable title={msg('directiveUi.counts.byLeader')} testId="directive-by-leader" rows={(out?.byLeader ?? []).map((l) => ({ key: l.leaderId, name: l.leaderName, counts: l }))} />
      </aside>
      {reporting && <DirectiveReportDialog org={org} initial={{ ...period, from: period.from ?? '', to: period.to ?? '', unitId, leaderId }} onClose={() => setReporting(false)} />}
    </div>
  );
}

function DirectiveRow({ d, onOpen, buttonRef, unitId }: { d: DirectiveSummary; onOpen: (id: string) => void; buttonRef: React.Ref<HTMLButtonElement> | undefined; unitId: string }) {
  // With a unit chosen, the status shown is that unit's part's, as the list was filtered by it.
  const part = unitId ? d.units.find((u) => u.unitId === unitId) : undefined;
  return (
    <tr data-testid="directive-row" data-status={d.status ?? 'cancelled'}>
      <td>{shortDate(d.givenDate)}</td>
      <td>
        <button type="button" className="link-button directive-open" ref={buttonRef} onClick={() => onOpen(d.id)}>
          {d.content}
        </button>
        <div className="muted small">{d.meeting ? directiveSourceText({ ...d, incoming: null }) : msg('directiveUi.source.document')}</div>
      </td>
      <td>{d.leaderName}</td>
      <td>
        {d.units.map((u) => (
          <div key={u.unitId} className="directive-unit">
            {u.unitName}
            {u.lead && <span className="muted small"> {msg('directive.lead')}</span>} <DirectiveStatusTag status={d.cancelled ? null : u.status} />
          </div>
        ))}
      </td>
      <td>{shortDate(d.dueDate)}</td>
      <td>
        <DirectiveStatusTag status={part && !d.cancelled ? part.status : d.status} />
      </td>
    </tr>
  );
}

interface CountsRow {
  key: string;
  name: string;
  counts: Record<(typeof COUNT_KEYS)[number], number>;
}

/** One KPI table: total, done on time, done late, open, overdue, per unit or per leader. */
function CountsTable({ title, rows, testId }: { title: string; rows: CountsRow[]; testId: string }) {
  const headingId = `${testId}-title`;
  const cell = useCallback((key: (typeof COUNT_KEYS)[number], n: number) => <td key={key} className={key === 'overdue' && n > 0 ? 'num overdue' : 'num'}>{count(n)}</td>, []);
  return (
    <section aria-labelledby={headingId}>
      <h2 className="panel-title" id={headingId}>
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="muted small">{msg('directiveUi.counts.empty')}</p>
      ) : (
        <table className="mini-table" data-testid={testId}>
          <thead>
            <tr>
              <th />
              {COUNT_KEYS.map((k) => (
                <th key={k} className="num">
                  {msg(`directiveUi.counts.${k}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <td>{r.name}</td>
                {COUNT_KEYS.map((k) => cell(k, r.counts[k]))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * Hồ sơ: the work files of a year (open one from the plan or with a notation of its own), the year's file plan (kept by
 * clerks and leaders: the core refuses the others), a file's documents with what keeps each from counting as processed
 * online, closing with the archive export offered, and the KPI report with its chart and export buttons.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ContentRef, KpiOutput, OrgProfile, PlanEntry, WorkFileDetail, WorkFileSummary } from '../../shared/contract';
import { todayInVietnam } from '../../shared/domain/dates';
import { formatShare } from '../../shared/domain/workFile';
import { msg } from '../../shared/messages';
import { downloadContent } from '../download';
import { errorMessage, joinCode, shortDate, unitName } from '../format';
import { useApi } from '../hooks/useApi';
import { useContractEvent } from '../hooks/useContractEvent';
import { KpiChart } from './KpiChart';

type Tab = 'files' | 'plan' | 'kpi';

export function WorkFiles({ org }: { org: OrgProfile }) {
  const [tab, setTab] = useState<Tab>('files');
  const [year, setYear] = useState(Number(todayInVietnam().slice(0, 4)));
  const [fileId, setFileId] = useState<string | null>(null);
  if (fileId) return <WorkFileView id={fileId} onBack={() => setFileId(null)} />;
  const segment = (t: Tab) => (
    <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'segment is-on' : 'segment'} onClick={() => setTab(t)}>
      {msg(`workFileUi.tab.${t}`)}
    </button>
  );
  return (
    <div className="work-files">
      <div className="filters">
        <div className="segmented" role="tablist" aria-label={msg('workFileUi.nav.area')}>
          {(['files', 'plan', 'kpi'] as const).map(segment)}
        </div>
        {tab !== 'kpi' && (
          <label>
            {msg('workFileUi.year')}{' '}
            <input type="number" className="year-input" value={year} min={2000} max={2100} onChange={(e) => setYear(Number(e.target.value))} />
          </label>
        )}
      </div>
      {tab === 'files' && <FileList org={org} year={year} onOpen={setFileId} />}
      {tab === 'plan' && <FilePlan org={org} year={year} />}
      {tab === 'kpi' && <KpiReport />}
    </div>
  );
}

function useLoad<T>(load: () => Promise<T>, initial: T) {
  const [value, setValue] = useState<T>(initial);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    load().then(
      (v) => {
        setValue(v);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [load]);
  useEffect(reload, [reload]);
  useContractEvent('workFile.changed', reload);
  return { value, error, reload };
}

function FileList({ org, year, onOpen }: { org: OrgProfile; year: number; onOpen: (id: string) => void }) {
  const { api } = useApi();
  const files = useLoad(useCallback(() => api.workFile.list({ year }), [api, year]), [] as WorkFileSummary[]);
  const plan = useLoad(useCallback(() => api.workFile.planList({ year }), [api, year]), [] as PlanEntry[]);
  const [planEntryId, setPlanEntryId] = useState('');
  const [notation, setNotation] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ownNotation = planEntryId === '';

  const open = async () => {
    setError(null);
    try {
      const opened = await api.workFile.open(ownNotation ? { year, notation, title } : { year, planEntryId });
      onOpen(opened.id);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <div>
      <section className="panel" aria-label={msg('workFileUi.openTitle')}>
        <h2 className="panel-title">{msg('workFileUi.openTitle')}</h2>
        <div className="inline-form">
          <label>
            {msg('workFileUi.fromPlan')}{' '}
            <select value={planEntryId} onChange={(e) => setPlanEntryId(e.target.value)} aria-label={msg('workFileUi.fromPlan')}>
              <option value="">{msg('workFileUi.ownNotation')}</option>
              {plan.value.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.notation} — {p.title}
                </option>
              ))}
            </select>
          </label>
          {ownNotation && (
            <>
              <label>
                {msg('workFileUi.notation')} <input value={notation} onChange={(e) => setNotation(e.target.value)} aria-label={msg('workFileUi.notation')} size={10} />
              </label>
              <label>
                {msg('workFileUi.title')} <input value={title} onChange={(e) => setTitle(e.target.value)} aria-label={msg('workFileUi.title')} size={40} />
              </label>
            </>
          )}
          <button type="button" className="primary" onClick={() => void open()}>
            {msg('workFileUi.open')}
          </button>
        </div>
        <Note note={error === null ? null : { ok: false, text: error }} />
      </section>
      {files.error && <p className="field-error">{files.error}</p>}
      {files.value.length === 0 ? (
        <p className="muted">{msg('workFileUi.noFiles')}</p>
      ) : (
        <table className="mini-table work-file-table" data-testid="work-file-list">
          <thead>
            <tr>
              <th>{msg('workFileUi.col.code')}</th>
              <th>{msg('workFileUi.col.title')}</th>
              <th>{msg('workFileUi.col.unit')}</th>
              <th>{msg('workFileUi.col.owner')}</th>
              <th>{msg('workFileUi.col.state')}</th>
            </tr>
          </thead>
          <tbody>
            {files.value.map((f) => (
              <tr key={f.id}>
                <td>
                  <button type="button" className="link-button" onClick={() => onOpen(f.id)}>
                    {f.fileCode}
                  </button>
                </td>
                <td>{f.title}</td>
                <td>{unitName(org, f.unitId) ?? f.unitName}</td>
                <td>{f.ownerName}</td>
                <td>
                  <StateTag file={f} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function StateTag({ file }: { file: WorkFileSummary }) {
  return (
    <span className={`tag tag-status ${file.state === 'open' ? 'tag-open' : 'tag-closed'}`}>
      {msg(`workFileUi.state.${file.state}`)}
      {file.processedOnline !== null && ` · ${msg(file.processedOnline ? 'workFileUi.online.yes' : 'workFileUi.online.no')}`}
    </span>
  );
}

function FilePlan({ org, year }: { org: OrgProfile; year: number }) {
  const { api } = useApi();
  const plan = useLoad(useCallback(() => api.workFile.planList({ year }), [api, year]), [] as PlanEntry[]);
  const [notation, setNotation] = useState('');
  const [title, setTitle] = useState('');
  const [unitId, setUnitId] = useState('');
  const [retention, setRetention] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const add = async () => {
    try {
      const saved = await api.workFile.planSave({ year, notation, title, retention, unitId: unitId || null });
      setNote({ ok: true, text: msg('workFileUi.planAdded', { notation: saved.notation }) });
      setNotation('');
      setTitle('');
      plan.reload();
    } catch (e) {
      setNote({ ok: false, text: errorMessage(e) });
    }
  };
  return (
    <div>
      {plan.value.length === 0 ? (
        <p className="muted">{msg('workFileUi.noPlan')}</p>
      ) : (
        <table className="mini-table" data-testid="file-plan">
          <thead>
            <tr>
              <th>{msg('workFileUi.col.notation')}</th>
              <th>{msg('workFileUi.col.title')}</th>
              <th>{msg('workFileUi.col.unit')}</th>
              <th>{msg('workFileUi.col.retention')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.value.map((p) => (
              <tr key={p.id}>
                <td>{p.notation}</td>
                <td>{p.title}</td>
                <td>{unitName(org, p.unitId) ?? ''}</td>
                <td>{p.retention}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="inline-form">
        <input value={notation} onChange={(e) => setNotation(e.target.value)} aria-label={msg('workFileUi.notation')} placeholder={msg('workFileUi.notation')} size={10} />
        <input value={title} onChange={(e) => setTitle(e.target.value)} aria-label={msg('workFileUi.title')} placeholder={msg('workFileUi.title')} size={40} />
        <select value={unitId} onChange={(e) => setUnitId(e.target.value)} aria-label={msg('workFileUi.unit')}>
          <option value="">{msg('workFileUi.noUnit')}</option>
          {org.units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
        <input value={retention} onChange={(e) => setRetention(e.target.value)} aria-label={msg('workFileUi.retention')} placeholder={msg('workFileUi.retention')} size={12} />
        <button type="button" onClick={() => void add()}>
          {msg('workFileUi.planAdd')}
        </button>
      </div>
      <Note note={note} />
    </div>
  );
}

function ExportLinks({ exports }: { exports: ContentRef[] }) {
  const { transport } = useApi();
  return (
    <section data-testid="work-file-exports">
      <h2 className="panel-title">{msg('workFileUi.exports')}</h2>
      {exports.map((e) => (
        <p key={e.hash}>
          {e.mime === 'application/pdf' && (
            <>
              <a className="link-button" href={transport.contentUrl(e.hash, e.name)} target="_blank" rel="noreferrer">
                {msg('workFileUi.previewPdf')}
              </a>{' '}
            </>
          )}
          <a className="link-button" href={transport.contentUrl(e.hash, e.name, { download: true })} download={e.name}>
            {msg(e.mime === 'application/pdf' ? 'workFileUi.exportPdf' : 'workFileUi.exportXml')}
          </a>{' '}
          <span className="muted small">{e.name}</span>
        </p>
      ))}
    </section>
  );
}

function WorkFileView({ id, onBack }: { id: string; onBack: () => void }) {
  const { api } = useApi();
  const file = useLoad(useCallback(() => api.workFile.get({ id }), [api, id]), null as WorkFileDetail | null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const f = file.value;
  const act = async (run: () => Promise<unknown>) => {
    setError(null);
    try {
      await run();
      file.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  if (!f) return <p className="muted">{file.error ?? msg('ui.working')}</p>;
  return (
    <div className="work-file">
      <div className="view-header">
        <button type="button" className="back-button" onClick={onBack}>
          ← {msg('workFileUi.back')}
        </button>
        <h1>
          {f.fileCode} <StateTag file={f} />
        </h1>
        <div className="view-header-actions">
          {f.actions.includes('close') && !confirming && (
            <button type="button" className="primary" onClick={() => setConfirming(true)}>
              {msg('workFileUi.close')}
            </button>
          )}
        </div>
      </div>
      {confirming && (
        <div className="banner" role="alertdialog" aria-label={msg('workFileUi.close')}>
          {msg('workFileUi.closeConfirm')}{' '}
          <button type="button" className="primary" onClick={() => void act(() => api.workFile.close({ id })).then(() => setConfirming(false))}>
            {msg('workFileUi.close')}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            {msg('ui.action.cancel')}
          </button>
        </div>
      )}
      {f.closedOn && (
        <div className="banner banner-success" role="status">
          {msg('workFileUi.closed', { date: shortDate(f.closedOn) })}
        </div>
      )}
      <Note note={error === null ? null : { ok: false, text: error }} />
      <p>
        <strong>{f.title}</strong> · {f.unitName} · {f.ownerName} · {shortDate(f.openedOn)}
        {f.retention && ` · ${f.retention}`}
      </p>
      <h2 className="panel-title">{msg('workFileUi.documents')}</h2>
      {f.documents.length === 0 ? (
        <p className="muted">{msg('workFileUi.noDocuments')}</p>
      ) : (
        <table className="mini-table" data-testid="work-file-documents">
          <thead>
            <tr>
              <th>{msg('workFileUi.col.ordinal')}</th>
              <th>{msg('workFileUi.col.kind')}</th>
              <th>{msg('workFileUi.col.docCode')}</th>
              <th>{msg('workFileUi.col.subject')}</th>
              <th>{msg('workFileUi.col.online')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {f.documents.map((d) => (
              <tr key={`${d.kind}:${d.id}`}>
                <td>{d.ordinal}</td>
                <td>{msg(`workFileUi.kind.${d.kind}`)}</td>
                <td>{joinCode(d.codeNumber, d.codeNotation)}</td>
                <td>{d.subject}</td>
                <td className={d.shortfalls.length ? 'overdue' : undefined}>
                  {d.shortfalls.length ? d.shortfalls.map((s) => msg(`workFile.shortfall.${s}`)).join('; ') : msg('workFileUi.docOnline')}
                </td>
                <td>
                  {f.actions.includes('unfile') && (
                    <button type="button" className="link-button" onClick={() => void act(() => api.workFile.unfile({ id, doc: { kind: d.kind, id: d.id } }))}>
                      {msg('workFileUi.unfile')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {f.exports.length > 0 && <ExportLinks exports={f.exports} />}
    </div>
  );
}

function KpiReport() {
  const { api, transport } = useApi();
  const today = todayInVietnam();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [report, setReport] = useState<KpiOutput | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show = useCallback(async () => {
    setError(null);
    try {
      setReport(await api.workFile.kpi({ from, to }));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [api, from, to]);
  // The report shows at once for the default period; later changes of the dates wait for "Xem báo cáo".
  const [shownOnce, setShownOnce] = useState(false);
  useEffect(() => {
    if (shownOnce) return;
    setShownOnce(true);
    void show();
  }, [shownOnce, show]);
  useContractEvent('workFile.changed', () => void show());
  const download = async (format: 'pdf' | 'xlsx') => {
    try {
      downloadContent(transport, await api.workFile.kpiExport({ from, to, format }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <div className="kpi-report">
      <div className="inline-form">
        <label>
          {msg('workFileUi.kpi.from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} aria-label={msg('workFileUi.kpi.from')} />
        </label>
        <label>
          {msg('workFileUi.kpi.to')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-label={msg('workFileUi.kpi.to')} />
        </label>
        <button type="button" className="primary" onClick={() => void show()}>
          {msg('workFileUi.kpi.show')}
        </button>
        <button type="button" onClick={() => void download('pdf')}>
          {msg('workFileUi.kpi.pdf')}
        </button>
        <button type="button" onClick={() => void download('xlsx')}>
          {msg('workFileUi.kpi.xlsx')}
        </button>
      </div>
      <Note note={error === null ? null : { ok: false, text: error }} />
      {report && (
        <>
          <table className="mini-table" data-testid="kpi-table">
            <thead>
              <tr>
                <th>{msg('kpi.col.unit')}</th>
                <th>{msg('kpi.col.opened')}</th>
                <th>{msg('kpi.col.closed')}</th>
                <th>{msg('kpi.col.online')}</th>
                <th>{msg('kpi.col.share')}</th>
              </tr>
            </thead>
            <tbody>
              {[...report.units, report.total].map((r) => (
                <tr key={r.unitId ?? 'total'} className={r.unitId === null ? 'total-row' : undefined}>
                  <td>{r.unitName}</td>
                  <td className="num">{r.opened}</td>
                  <td className="num">{r.closed}</td>
                  <td className="num">{r.closedOnline}</td>
                  <td className="num">{formatShare(r.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <KpiChart report={report} />
          <p className="muted small">{msg('kpi.definition')}</p>
        </>
      )}
    </div>
  );
}

/** A result line under a form: a confirmation, or the core's refusal as it says it. */
export function Note({ note }: { note: { ok: boolean; text: string } | null }) {
  if (!note) return null;
  return (
    <p className={note.ok ? 'small' : 'field-error'} role={note.ok ? 'status' : 'alert'}>
      {note.text}
    </p>
  );
}

/**
 * In báo cáo: the tracking report of leaders' directives (báo cáo theo dõi thực hiện ý kiến chỉ đạo) for a period, of
 * the organisation, one unit or one leader, as PDF or XLSX, downloaded at once. It opens on the list's own filters.
 */
import { useState } from 'react';
import type { OrgProfile } from '../../shared/contract';
import { todayInVietnam } from '../../shared/domain/dates';
import { msg } from '../../shared/messages';
import { useApi } from '../hooks/useApi';
import { useContentExport } from '../hooks/useContentExport';
import { Dialog, DialogForm } from './Dialog';
import { ExportFormatField, ExportReady, PeriodFields } from './ExportParts';

interface DirectiveReportDialogProps {
  org: OrgProfile;
  /** The list's filters: a period left open starts on the first of this month and ends today. */
  initial: { from: string; to: string; unitId: string; leaderId: string };
  onClose: () => void;
}

export function DirectiveReportDialog({ org, initial, onClose }: DirectiveReportDialogProps) {
  const { api } = useApi();
  const today = todayInVietnam();
  const [from, setFrom] = useState(initial.from || `${today.slice(0, 8)}01`);
  const [to, setTo] = useState(initial.to || today);
  const [unitId, setUnitId] = useState(initial.unitId);
  const [leaderId, setLeaderId] = useState(initial.leaderId);
  const [format, setFormat] = useState<'pdf' | 'xlsx'>('pdf');
  const { busy, error, errors, result, run } = useContentExport();
  const exportReport = () => run(() => api.directive.exportReport({ from, to, format, ...(unitId ? { unitId } : {}), ...(leaderId ? { leaderId } : {}) }));

  const select = (id: string, label: string, value: string, onChange: (v: string) => void, all: string, options: { id: string; name: string }[]) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <Dialog
      id="directive-report-dialog"
      title={msg('directiveUi.report.title')}
      onClose={onClose}
      actions={
        <button type="button" className="primary" disabled={busy} onClick={() => void exportReport()}>
          {busy ? msg('ui.working') : msg('directiveUi.report.export')}
        </button>
      }
    >
      <DialogForm onConfirm={() => void exportReport()} error={error}>
        <p className="muted small">{msg('directiveUi.report.hint')}</p>
        <PeriodFields idPrefix="directive-report" from={from} to={to} onFrom={setFrom} onTo={setTo} errors={errors} />
        <div className="row-2">
          {select('directive-report-unit', msg('directiveUi.filter.unit'), unitId, setUnitId, msg('directiveUi.filter.allUnits'), org.units)}
          {select(
            'directive-report-leader',
            msg('directiveUi.filter.leader'),
            leaderId,
            setLeaderId,
            msg('directiveUi.filter.allLeaders'),
            org.staff.filter((s) => s.role === 'lanh_dao').map((s) => ({ id: s.id, name: s.fullName })),
          )}
        </div>
        <ExportFormatField name="directive-report-format" format={format} onChange={setFormat} />
        {result && <ExportReady result={result} />}
      </DialogForm>
    </Dialog>
  );
}

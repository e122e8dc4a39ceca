/** The KPI report's bar chart in SVG: one bar per unit and one for the organisation, 0–100 %, values with a decimal comma. */
import type { KpiOutput } from '../../shared/contract';
import { formatShare } from '../../shared/domain/workFile';
import { msg } from '../../shared/messages';

const ROW = 30;
const LABEL = 200;
const PLOT = 420;
const VALUE = 70;

export function KpiChart({ report }: { report: KpiOutput }) {
  const rows = [...report.units, report.total];
  const height = rows.length * ROW + 24;
  return (
    <svg
      className="kpi-chart"
      role="img"
      aria-label={msg('workFileUi.kpi.chart')}
      viewBox={`0 0 ${LABEL + PLOT + VALUE} ${height}`}
      width={LABEL + PLOT + VALUE}
      height={height}
      data-testid="kpi-chart"
    >
      {[0, 25, 50, 75, 100].map((tick) => (
        <g key={tick}>
          <line x1={LABEL + (PLOT * tick) / 100} x2={LABEL + (PLOT * tick) / 100} y1={0} y2={rows.length * ROW} stroke="#ccc" />
          <text x={LABEL + (PLOT * tick) / 100} y={rows.length * ROW + 16} fontSize="11" textAnchor="middle" fill="#555">
            {tick} %
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        const width = r.share === null ? 0 : (PLOT * r.share) / 100;
        const total = r.unitId === null;
        return (
          <g key={r.unitId ?? 'total'} data-testid="kpi-bar" data-unit={r.unitName} data-share={r.share ?? ''}>
            <text x={LABEL - 8} y={i * ROW + ROW / 2 + 4} fontSize="12" textAnchor="end" fontWeight={total ? 'bold' : 'normal'}>
              {r.unitName}
            </text>
            <rect x={LABEL} y={i * ROW + 6} width={width} height={ROW - 12} fill={total ? '#bf3326' : '#2e61a8'} />
            <text x={LABEL + width + 6} y={i * ROW + ROW / 2 + 4} fontSize="12" fontWeight={total ? 'bold' : 'normal'}>
              {formatShare(r.share)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** How much each lead unit has open, late and due soon: where a leader sees who to chase. A unit's name opens its list. */
import type { OrgProfile, TasksOutput } from '../../shared/contract';
import { msg } from '../../shared/messages';
import { count, unitName } from '../format';

interface UnitLoadTableProps {
  org: OrgProfile;
  loads: TasksOutput['byUnit'];
  onUnit: (unitId: string) => void;
}

export function UnitLoadTable({ org, loads, onUnit }: UnitLoadTableProps) {
  return (
    <section className="unit-load" aria-labelledby="unit-load-title">
      <h2 className="panel-title" id="unit-load-title">
        {msg('handlingUi.byUnit.title')}
      </h2>
      {loads.length === 0 ? (
        <p className="muted small">{msg('handlingUi.byUnit.empty')}</p>
      ) : (
        <table className="mini-table" data-testid="unit-load">
          <thead>
            <tr>
              <th>{msg('handlingUi.byUnit.unit')}</th>
              <th className="num">{msg('handlingUi.byUnit.open')}</th>
              <th className="num">{msg('handlingUi.byUnit.overdue')}</th>
              <th className="num">{msg('handlingUi.byUnit.dueSoon')}</th>
            </tr>
          </thead>
          <tbody>
            {loads.map((l) => (
              <tr key={l.unitId ?? ''}>
                <td>
                  {l.unitId ? (
                    <button type="button" className="link-button" onClick={() => onUnit(l.unitId!)}>
                      {unitName(org, l.unitId) ?? l.unitId}
                    </button>
                  ) : (
                    <span className="muted">{msg('handlingUi.noUnit')}</span>
                  )}
                </td>
                <td className="num">{count(l.open)}</td>
                <td className={l.overdue > 0 ? 'num overdue' : 'num'}>{count(l.overdue)}</td>
                <td className="num">{count(l.dueSoon)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

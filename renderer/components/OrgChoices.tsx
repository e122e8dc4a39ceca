/**
 * The options of a choice among the organisation's units and people, each valued "unit:<id>" or "staff:<id>": to whom
 * a document is handed over, who leads its handling.
 */
import type { OrgProfile, Staff } from '../../shared/contract';
import { msg } from '../../shared/messages';
import { staffLabel } from '../format';

export type OrgChoice = { kind: 'unit' | 'staff'; id: string };

export const orgChoiceValue = (choice: OrgChoice): string => `${choice.kind}:${choice.id}`;

export function parseOrgChoice(value: string): OrgChoice {
  const [kind, id = ''] = value.split(':');
  return { kind: kind === 'unit' ? 'unit' : 'staff', id };
}

export function UnitOptions({ org }: { org: OrgProfile }) {
  if (org.units.length === 0) return null;
  return (
    <optgroup label={msg('ui.handOver.units')}>
      {org.units.map((u) => (
        <option key={u.id} value={orgChoiceValue({ kind: 'unit', id: u.id })}>
          {u.name} ({u.abbrev})
        </option>
      ))}
    </optgroup>
  );
}

export function StaffOptions({ org, label, staff }: { org: OrgProfile; label: string; staff: Staff[] }) {
  if (staff.length === 0) return null;
  return (
    <optgroup label={label}>
      {staff.map((s) => (
        <option key={s.id} value={orgChoiceValue({ kind: 'staff', id: s.id })}>
          {staffLabel(org, s)}
        </option>
      ))}
    </optgroup>
  );
}

/** The organisation profile: the organisation itself, its units and its staff. */
import { randomUUID } from 'node:crypto';
import type { OrgProfile, StaffRole } from '../../../shared/contract';
import type { Db } from './database';

export interface OrgProfileInput {
  name: string;
  organId: string;
  abbrev: string;
  units: { name: string; abbrev: string }[];
  staff: { fullName: string; position: string; unitAbbrev: string | null; role: StaffRole }[];
}

export interface OrgRepo {
  get(): Promise<OrgProfile | null>;
  /** Creates or updates the profile; units are matched by abbreviation and staff by name and unit, so set-up can be re-run. */
  save(input: OrgProfileInput): Promise<OrgProfile>;
  /** False when no staff member has this id. */
  actAs(staffId: string): Promise<boolean>;
}

interface OrgRow {
  organ_id: string;
  name: string;
  abbrev: string;
  current_staff_id: string | null;
}

export function createOrgRepo(db: Db): OrgRepo {
  const selectOrg = db.prepare<[], OrgRow>('SELECT organ_id, name, abbrev, current_staff_id FROM org WHERE id = 1');
  const selectUnits = db.prepare<[], { id: string; name: string; abbrev: string }>('SELECT id, name, abbrev FROM units ORDER BY name');
  const selectStaff = db.prepare<[], { id: string; full_name: string; position: string; unit_id: string | null; role: StaffRole }>(
    'SELECT id, full_name, position, unit_id, role FROM staff ORDER BY full_name',
  );

  function read(): OrgProfile | null {
    const org = selectOrg.get();
    if (!org) return null;
    return {
      organId: org.organ_id,
      name: org.name,
      abbrev: org.abbrev,
      currentStaffId: org.current_staff_id,
      units: selectUnits.all(),
      staff: selectStaff.all().map((s) => ({ id: s.id, fullName: s.full_name, position: s.position, unitId: s.unit_id, role: s.role })),
    };
  }

  const save = db.transaction((input: OrgProfileInput) => {
    db.prepare(
      `INSERT INTO org (id, organ_id, name, abbrev) VALUES (1, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET organ_id = excluded.organ_id, name = excluded.name, abbrev = excluded.abbrev`,
    ).run(input.organId, input.name, input.abbrev);
    const unitIds = new Map<string, string>();
    for (const unit of input.units) {
      const existing = db.prepare<[string], { id: string }>('SELECT id FROM units WHERE abbrev = ?').get(unit.abbrev);
      const id = existing?.id ?? randomUUID();
      db.prepare('INSERT INTO units (id, name, abbrev) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name').run(
        id,
        unit.name,
        unit.abbrev,
      );
      unitIds.set(unit.abbrev, id);
    }
    for (const person of input.staff) {
      const unitId = person.unitAbbrev
        ? (unitIds.get(person.unitAbbrev) ??
          db.prepare<[string], { id: string }>('SELECT id FROM units WHERE abbrev = ?').get(person.unitAbbrev)?.id ??
          null)
        : null;
      const existing = db
        .prepare<[string, string | null], { id: string }>('SELECT id FROM staff WHERE full_name = ? AND unit_id IS ?')
        .get(person.fullName, unitId);
      if (existing) {
        db.prepare('UPDATE staff SET position = ?, role = ? WHERE id = ?').run(person.position, person.role, existing.id);
      } else {
        db.prepare('INSERT INTO staff (id, full_name, position, unit_id, role) VALUES (?, ?, ?, ?, ?)').run(
          randomUUID(),
          person.fullName,
          person.position,
          unitId,
          person.role,
        );
      }
    }
    // The installation acts as its first clerk until someone else is chosen.
    db.prepare(
      `UPDATE org SET current_staff_id = (SELECT id FROM staff WHERE role = 'van_thu' ORDER BY rowid LIMIT 1)
       WHERE id = 1 AND current_staff_id IS NULL`,
    ).run();
  });

  const setCurrent = db.prepare('UPDATE org SET current_staff_id = ? WHERE id = 1 AND EXISTS (SELECT 1 FROM staff WHERE id = ?)');
  return {
    get: async () => read(),
    actAs: async (staffId) => setCurrent.run(staffId, staffId).changes === 1,
    save: async (input) => {
      save.immediate(input);
      return read()!;
    },
  };
}

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
  /**
   * Takes the organisation, units and staff as the central server keeps them, with the server's ids, and acts as
   * `currentStaffId` (the person logged in). Units and staff the server does not know are removed where no document
   * refers to them.
   */
  adopt(profile: AdoptedProfile, currentStaffId: string): Promise<OrgProfile>;
}

export interface AdoptedProfile {
  organId: string;
  name: string;
  abbrev: string;
  units: { id: string; name: string; abbrev: string }[];
  staff: { id: string; fullName: string; position: string; unitId: string | null; role: StaffRole }[];
}

interface OrgRow {
  organ_id: string;
  name: string;
  abbrev: string;
  current_staff_id: string | null;
}

/** Every column holding a unit's id (recipients name units or staff by id). */
const UNIT_REFERENCES = [
  'UPDATE units SET id = ? WHERE id = ?',
  'UPDATE staff SET unit_id = ? WHERE unit_id = ?',
  'UPDATE outgoing_documents SET drafting_unit_id = ? WHERE drafting_unit_id = ?',
  "UPDATE outgoing_recipients SET ref_id = ? WHERE ref_id = ? AND kind = 'unit'",
  "UPDATE handovers SET recipient_id = ? WHERE recipient_id = ? AND recipient_kind = 'unit'",
];
/** Every column holding a staff member's id. */
const STAFF_REFERENCES = [
  'UPDATE staff SET id = ? WHERE id = ?',
  'UPDATE incoming_documents SET created_by = ? WHERE created_by = ?',
  "UPDATE handovers SET recipient_id = ? WHERE recipient_id = ? AND recipient_kind = 'staff'",
  'UPDATE events SET actor_id = ? WHERE actor_id = ?',
  'UPDATE outgoing_documents SET drafter_id = ? WHERE drafter_id = ?',
  'UPDATE outgoing_documents SET signer_id = ? WHERE signer_id = ?',
  'UPDATE outgoing_documents SET reviewer_id = ? WHERE reviewer_id = ?',
  "UPDATE outgoing_recipients SET ref_id = ? WHERE ref_id = ? AND kind = 'staff'",
];

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

  const adopt = db.transaction((p: AdoptedProfile, currentStaffId: string) => {
    db.prepare(
      `INSERT INTO org (id, organ_id, name, abbrev) VALUES (1, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET organ_id = excluded.organ_id, name = excluded.name, abbrev = excluded.abbrev`,
    ).run(p.organId, p.name, p.abbrev);
    db.prepare('UPDATE org SET current_staff_id = NULL WHERE id = 1').run();
    remapToServer(p);
    const serverUnits = new Set(p.units.map((u) => u.id));
    const serverStaff = new Set(p.staff.map((s) => s.id));
    for (const { id } of db.prepare<[], { id: string }>('SELECT id FROM staff').all()) {
      if (!serverStaff.has(id)) deleteIfUnreferenced('DELETE FROM staff WHERE id = ?', id);
    }
    for (const { id } of db.prepare<[], { id: string }>('SELECT id FROM units').all()) {
      if (!serverUnits.has(id)) deleteIfUnreferenced('DELETE FROM units WHERE id = ?', id);
    }
    const upsertUnit = db.prepare(
      'INSERT INTO units (id, name, abbrev) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, abbrev = excluded.abbrev',
    );
    for (const u of p.units) upsertUnit.run(u.id, u.name, u.abbrev);
    const upsertStaff = db.prepare(
      `INSERT INTO staff (id, full_name, position, unit_id, role) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET full_name = excluded.full_name, position = excluded.position, unit_id = excluded.unit_id, role = excluded.role`,
    );
    for (const s of p.staff) upsertStaff.run(s.id, s.fullName, s.position, s.unitId, s.role);
    db.prepare('UPDATE org SET current_staff_id = ? WHERE id = 1').run(currentStaffId);
  });
  /**
   * A computer that worked alone made its own ids for the same units (same abbreviation) and people (same name): its
   * documents are moved onto the server's ids before they are uploaded, so everyone's PC names one person one way.
   * Foreign keys are checked at commit, after every reference has moved.
   */
  function remapToServer(p: AdoptedProfile) {
    db.pragma('defer_foreign_keys = ON');
    const moves = (table: 'units' | 'staff') =>
      table === 'units'
        ? p.units.map((u) => [db.prepare<[string, string], string>('SELECT id FROM units WHERE abbrev = ? AND id <> ?').pluck().get(u.abbrev, u.id), u.id] as const)
        : p.staff.map((s) => [db.prepare<[string, string], string>('SELECT id FROM staff WHERE full_name = ? AND id <> ?').pluck().get(s.fullName, s.id), s.id] as const);
    for (const [from, to] of moves('units')) {
      if (!from || db.prepare('SELECT 1 FROM units WHERE id = ?').get(to)) continue;
      for (const sql of UNIT_REFERENCES) db.prepare(sql).run(to, from);
    }
    for (const [from, to] of moves('staff')) {
      if (!from || db.prepare('SELECT 1 FROM staff WHERE id = ?').get(to)) continue;
      for (const sql of STAFF_REFERENCES) db.prepare(sql).run(to, from);
    }
  }

  /** A row that documents still point to stays: the foreign key refuses the delete, and the savepoint undoes only it. */
  function deleteIfUnreferenced(sql: string, id: string) {
    try {
      db.transaction(() => db.prepare(sql).run(id))();
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw error;
    }
  }

  /**
   * True when the database holds exactly this profile and nothing else: adopting it again, as every sync round does,
   * would rewrite the same rows and pay a commit (an fsync) for nothing.
   */
  function holds(p: AdoptedProfile, currentStaffId: string): boolean {
    const now = read();
    if (!now || now.organId !== p.organId || now.name !== p.name || now.abbrev !== p.abbrev || now.currentStaffId !== currentStaffId) return false;
    const byId = (rows: { id: string }[]) => JSON.stringify([...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
    return (
      byId(now.units) === byId(p.units.map(({ id, name, abbrev }) => ({ id, name, abbrev }))) &&
      byId(now.staff) === byId(p.staff.map(({ id, fullName, position, unitId, role }) => ({ id, fullName, position, unitId, role })))
    );
  }

  const setCurrent = db.prepare('UPDATE org SET current_staff_id = ? WHERE id = 1 AND EXISTS (SELECT 1 FROM staff WHERE id = ?)');
  return {
    get: async () => read(),
    actAs: async (staffId) => setCurrent.run(staffId, staffId).changes === 1,
    adopt: async (profile, currentStaffId) => {
      if (!holds(profile, currentStaffId)) adopt.immediate(profile, currentStaffId);
      return read()!;
    },
    save: async (input) => {
      save.immediate(input);
      return read()!;
    },
  };
}

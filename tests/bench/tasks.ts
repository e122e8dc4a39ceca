/**
 * `npm run bench -- tasks [--docs N] [--files N] [--keep | --reuse DIR]`: registers N realistic incoming documents (default
 * 1,000,000) through the bulk path, gives every one of them three handling steps through the handling repository's own
 * step (its state columns, event row and outbox mutation), then measures `handling.tasks` for each view — which also
 * returns the per-unit counts — and the per-unit counts alone; then adds N work files of the year (default 200,000) and
 * measures the KPI report over the year, as data and exported as PDF and XLSX. One JSON line per measure.
 *
 * The organisation has 12 units of 8 officers under a head each. "Today" is the day after the last generated arrival:
 * documents of the last month are open with deadlines before and after it, and 3 % of the older ones are still open
 * (a backlog, overdue), so the open set is a few percent of the register as in an office that keeps up.
 * `--reuse DIR` measures again on a folder kept by `--keep` (of this bench, or of `store`: then the steps are added).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Core } from '../../electron/core/app';
import { openDatabase } from '../../electron/core/db/database';
import { createHandlingRepo, type HandlingStep } from '../../electron/core/db/handlingRepo';
import type { Input, OrgProfile, Output, Staff } from '../../shared/contract';
import { mulberry32 } from '../support/prng';
import { cpuSeconds, emit, percentile } from './report';
import { openBenchRegister, registerInBulk } from './store';

const TODAY = '2026-10-30';
const NOW = () => new Date(`${TODAY}T03:00:00Z`);
const UNITS = 12;
const OFFICERS_PER_UNIT = 8;
const BATCH = 5_000;

const ORG: Input<'org.setup'> = {
  name: 'Sở Tài nguyên và Môi trường tỉnh Hà Tĩnh',
  organId: '000.12.34.H41',
  abbrev: 'STNMT',
  units: Array.from({ length: UNITS }, (_, u) => ({ name: `Phòng nghiệp vụ ${u + 1}`, abbrev: `P${u + 1}` })),
  staff: [
    { fullName: 'Nguyễn Thị Lan', position: 'Văn thư', unitAbbrev: null, role: 'van_thu' },
    { fullName: 'Trần Văn Hùng', position: 'Giám đốc', unitAbbrev: null, role: 'lanh_dao' },
    { fullName: 'Lê Thị Mai', position: 'Phó Giám đốc', unitAbbrev: null, role: 'lanh_dao' },
    ...Array.from({ length: UNITS }, (_, u) => [
      { fullName: `Trưởng phòng ${u + 1}`, position: 'Trưởng phòng', unitAbbrev: `P${u + 1}`, role: 'chuyen_vien' as const },
      ...Array.from({ length: OFFICERS_PER_UNIT }, (_, o) => ({
        fullName: `Chuyên viên ${u + 1}.${o + 1}`, position: 'Chuyên viên', unitAbbrev: `P${u + 1}`, role: 'chuyen_vien' as const,
      })),
    ]).flat(),
  ],
};

export async function runTasksBench(args: string[]) {
  const { values, tmp, core } = await openBenchRegister(args, NOW);
  if (!values.reuse) {
    await core.dispatch('org.setup', ORG);
    await registerInBulk(core, Number(values.docs ?? 1_000_000), 'tasks');
  }
  const profile = await core.org.require();
  if (!profile.units.some((u) => u.name === ORG.units[0]!.name)) await addUnits(core);
  const org = await core.org.require();
  const people = roster(org);

  // The bulk path: the repository's own step, many to a commit on a second connection to the same file.
  const db = openDatabase(path.join(tmp.dir, 'vanthu.db'));
  const repo = createHandlingRepo(db);
  await handleAll(db, repo, people);

  const docs = db.prepare('SELECT count(*) FROM incoming_documents').pluck().get() as number;
  const open = db.prepare(`SELECT count(*) FROM incoming_documents WHERE handling_state IN ('assigned', 'handling')`).pluck().get() as number;
  const overdue = db
    .prepare(`SELECT count(*) FROM incoming_documents WHERE handling_state IN ('assigned', 'handling') AND handling_due < ?`)
    .pluck()
    .get(TODAY) as number;
  const events = db.prepare(`SELECT count(*) FROM events WHERE kind LIKE 'handling.%'`).pluck().get() as number;
  emit({ scenario: 'tasks', metric: 'register_shape', value: docs, unit: 'docs', open, overdue, handlingEvents: events });

  const measure = async (metric: string, runs: number, call: (i: number) => Promise<number>) => {
    await call(0);
    const times: number[] = [];
    const counts = new Set<number>();
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      counts.add(await call(i));
      times.push(performance.now() - t);
    }
    // What was found: a fast view that lists nothing proves nothing.
    const rows = [...counts].slice(0, 8).join(' ');
    emit({ scenario: 'tasks', metric: `${metric}_p50`, value: round(percentile(times, 50)), unit: 'ms', docs, rows });
    emit({ scenario: 'tasks', metric: `${metric}_p95`, value: round(percentile(times, 95)), unit: 'ms', docs });
  };
  const tasksAs = async (staff: Staff, input: Input<'handling.tasks'>) => {
    await core.dispatch('org.actAs', { staffId: staff.id });
    const t = performance.now();
    const result = await core.dispatch('handling.tasks', input);
    if (!result.ok) throw new Error(`handling.tasks: ${result.error.message}`);
    const value = result.value as Output<'handling.tasks'>;
    return { ms: performance.now() - t, rows: value.rows.length, units: value.byUnit.length };
  };
  // Acting as someone else is not part of the view: each run times the tasks call only.
  const timed = async (metric: string, who: (i: number) => Staff, input: (i: number) => Input<'handling.tasks'>) => {
    const times: number[] = [];
    const counts = new Set<string>();
    await tasksAs(who(0), input(0));
    for (let i = 0; i < 40; i++) {
      const r = await tasksAs(who(i), input(i));
      times.push(r.ms);
      counts.add(`${r.rows}/${r.units}`);
    }
    const rows = [...counts].slice(0, 8).join(' ');
    emit({ scenario: 'tasks', metric: `${metric}_p50`, value: round(percentile(times, 50)), unit: 'ms', docs, rows });
    emit({ scenario: 'tasks', metric: `${metric}_p95`, value: round(percentile(times, 95)), unit: 'ms', docs });
  };
  const officer = (i: number) => people.officers[(i * 7) % people.officers.length]!;
  const head = (i: number) => people.heads[i % people.heads.length]!;
  const units = [...people.byUnit.keys()];
  const unitOf = (i: number) => units[i % units.length]!;
  await timed('tasks_mine_officer', officer, () => ({ view: 'mine', limit: 100 }));
  await timed('tasks_mine_unit_head', head, () => ({ view: 'mine', limit: 100 }));
  await timed('tasks_unit', () => people.leader, (i) => ({ view: 'unit', unitId: unitOf(i), limit: 100 }));
  await timed('tasks_overdue', () => people.leader, () => ({ view: 'overdue', limit: 100 }));
  await timed('tasks_dueSoon', () => people.leader, () => ({ view: 'dueSoon', limit: 100 }));
  await timed('tasks_open', () => people.leader, () => ({ view: 'open', limit: 100 }));
  await measure('by_unit_counts', 40, async () => (await repo.byUnit(TODAY, '2026-11-03')).length);

  // The KPI report of a province-year: every department's work files of the year in one register.
  const files = Number(values.files ?? 200_000);
  if (db.prepare('SELECT count(*) FROM work_files').pluck().get() === 0) addWorkFiles(db, org, files);
  const period = { from: '2026-01-01', to: TODAY };
  await measure('kpi_year', 20, async () => {
    const result = await core.dispatch('workFile.kpi', period);
    if (!result.ok) throw new Error(`workFile.kpi: ${result.error.message}`);
    return (result.value as Output<'workFile.kpi'>).total.closed;
  });
  for (const format of ['pdf', 'xlsx'] as const) {
    await measure(`kpi_year_${format}`, 5, async () => {
      const result = await core.dispatch('workFile.kpiExport', { ...period, format });
      if (!result.ok) throw new Error(`workFile.kpiExport: ${result.error.message}`);
      return (result.value as Output<'workFile.kpiExport'>).size;
    });
  }

  db.close();
  core.close();
  if (values.keep || values.reuse) process.stderr.write(`  data kept in ${tmp.dir}\n`);
  else tmp.remove();
}

/**
 * `count` work files of the year across the units, as the work file repository writes their rows: opened through the
 * year, four in five closed, most of those handled entirely online. The report reads these rows alone.
 */
function addWorkFiles(db: ReturnType<typeof openDatabase>, org: OrgProfile, count: number) {
  const rnd = mulberry32(11);
  const insert = db.prepare(
    `INSERT INTO work_files (id, year, notation, title, unit_id, owner_id, owner_name, state, opened_on, closed_on, processed_online)
     VALUES (?, 2026, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const staff = org.staff.filter((s) => s.unitId !== null);
  const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
  const lastDay = Math.round((Date.parse(TODAY) - Date.UTC(2026, 0, 1)) / 86_400_000);
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const owner = staff[Math.floor(rnd() * staff.length)]!;
      const opened = Math.floor(rnd() * lastDay);
      const closed = rnd() < 0.8 ? Math.min(lastDay, opened + Math.floor(rnd() * 60)) : null;
      insert.run(randomUUID(), `${(i % 90) + 1}.HS`, `Hồ sơ số ${i + 1}`, owner.unitId, owner.id, owner.fullName,
        closed === null ? 'open' : 'closed', day(opened), closed === null ? null : day(closed), closed === null ? null : rnd() < 0.96 ? 1 : 0);
    }
  })();
  emit({ scenario: 'tasks', metric: 'work_files', value: count, unit: 'files' });
}

/** A register kept by the store bench has the small test organisation: the units and staff of this bench are added. */
async function addUnits(core: Core) {
  const result = await core.dispatch('org.setup', ORG);
  if (!result.ok) throw new Error(`org.setup: ${result.error.message}`);
}

interface Unit {
  name: string;
  head: Staff;
  officers: Staff[];
}

interface People {
  leader: Staff;
  leaders: Staff[];
  heads: Staff[];
  officers: Staff[];
  byUnit: Map<string, Unit>;
}

function roster(org: OrgProfile): People {
  const units = org.units.filter((u) => ORG.units.some((o) => o.name === u.name));
  const byUnit = new Map<string, Unit>();
  for (const u of units) {
    const staff = org.staff.filter((s) => s.unitId === u.id);
    byUnit.set(u.id, { name: u.name, head: staff.find((s) => s.position === 'Trưởng phòng')!, officers: staff.filter((s) => s.position === 'Chuyên viên') });
  }
  const leaders = org.staff.filter((s) => s.role === 'lanh_dao');
  return {
    leader: leaders[0]!,
    leaders,
    heads: [...byUnit.values()].map((u) => u.head),
    officers: [...byUnit.values()].flatMap((u) => u.officers),
    byUnit,
  };
}

interface DocFacts {
  id: string;
  arrival_date: string;
}

/**
 * Three steps per document, as the handling service writes them: the leader's instruction (to a unit, or one time in
 * ten to an officer), then the head's assignment and the officer's closing for most; the last month's documents and
 * 3 % of the older ones stay open (reported on, or still to assign).
 */
async function handleAll(db: ReturnType<typeof openDatabase>, repo: ReturnType<typeof createHandlingRepo>, people: People) {
  const pending = db.prepare<[number], DocFacts & { seq: number }>(
    `SELECT seq, id, arrival_date FROM incoming_documents WHERE seq > ? AND handling_state IS NULL ORDER BY seq LIMIT ${BATCH}`,
  );
  const rnd = mulberry32(30);
  const units = [...people.byUnit.entries()];
  const steps: HandlingStep[] = [];
  const run = db.transaction(() => {
    // The repository's step is synchronous inside: nested in this transaction it becomes a savepoint.
    for (const s of steps) void repo.step(s);
  });
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let done = 0;
  let lastSeq = 0;
  for (let batch = pending.all(lastSeq); batch.length > 0; batch = pending.all(lastSeq)) {
    steps.length = 0;
    for (const doc of batch) steps.push(...stepsFor(doc, rnd, units, people));
    run.immediate();
    lastSeq = batch.at(-1)!.seq;
    done += batch.length;
    if (done % 100_000 === 0) process.stderr.write(`  ${done} handled in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  }
  if (done > 0) {
    const seconds = (performance.now() - started) / 1000;
    emit({ scenario: 'tasks', metric: 'bulk_handling_rate', value: Math.round((done * 3) / seconds), unit: 'steps/s', docs: done, cpuSeconds: Math.round(cpuSeconds(cpuStart)) });
  }
}

function stepsFor(doc: DocFacts, rnd: () => number, units: [string, Unit][], people: People): HandlingStep[] {
  const [unitId, unit] = units[Math.floor(rnd() * units.length)]!;
  const officer = unit.officers[Math.floor(rnd() * unit.officers.length)]!;
  const leader = people.leaders[Math.floor(rnd() * people.leaders.length)]!;
  const due = addDays(doc.arrival_date, 5 + Math.floor(rnd() * 21));
  const at = `${doc.arrival_date}T02:00:00.000Z`;
  const later = `${addDays(doc.arrival_date, 1)}T02:00:00.000Z`;
  const done = `${addDays(doc.arrival_date, 3)}T02:00:00.000Z`;
  const open = doc.arrival_date >= '2026-10-01' || rnd() < 0.03;
  const actor = (s: Staff) => ({ id: s.id, name: s.fullName });
  const toPerson = rnd() < 0.1;
  const instructed: HandlingStep = {
    id: doc.id,
    from: [null, 'assigned', 'handling'],
    set: {
      handling_state: toPerson ? 'handling' : 'assigned',
      lead_unit_id: unitId,
      lead_staff_id: toPerson ? officer.id : null,
      assignee_id: toPerson ? officer.id : null,
      assignee_due: null,
      cooperating: JSON.stringify([]),
      for_info: 0,
      due_date: due,
      handling_due: due,
    },
    event: {
      kind: 'handling.instructed',
      data: { lead: { kind: toPerson ? 'staff' : 'unit', id: toPerson ? officer.id : unitId, name: toPerson ? officer.fullName : unit.name }, cooperating: [], dueDate: due, forInfo: false, note: 'Giao xử lý' },
    },
    actor: actor(leader),
    at,
  };
  // Still to assign: the head has read it and reported on it, no officer yet.
  if (!toPerson && open && rnd() < 0.2) {
    return [
      instructed,
      { id: doc.id, from: ['assigned'], set: {}, event: { kind: 'handling.read', data: { closes: false } }, actor: actor(unit.head), at: later },
      { id: doc.id, from: ['assigned', 'handling'], set: { progress: 'Đang bố trí cán bộ' }, event: { kind: 'handling.reported', data: { note: 'Đang bố trí cán bộ' } }, actor: actor(unit.head), at: done },
    ];
  }
  const second: HandlingStep = toPerson
    ? { id: doc.id, from: ['handling'], set: {}, event: { kind: 'handling.read', data: { closes: false } }, actor: actor(officer), at: later }
    : {
        id: doc.id,
        from: ['assigned', 'handling'],
        set: { handling_state: 'handling', assignee_id: officer.id, assignee_due: null, handling_due: due },
        event: { kind: 'handling.assigned', data: { assignee: { id: officer.id, name: officer.fullName }, dueDate: due, note: '' } },
        actor: actor(unit.head),
        at: later,
      };
  const third: HandlingStep = open
    ? { id: doc.id, from: ['assigned', 'handling'], set: { progress: 'Đang xử lý' }, event: { kind: 'handling.reported', data: { note: 'Đang xử lý' } }, actor: actor(officer), at: done }
    : {
        id: doc.id,
        from: ['assigned', 'handling'],
        set: { handling_state: 'closed', closed_at: done, close_note: 'Đã giải quyết', reply_outgoing_id: null, reply_code: null },
        event: { kind: 'handling.closed', data: { note: 'Đã giải quyết', reply: null } },
        actor: actor(officer),
        at: done,
      };
  return [instructed, second, third];
}

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const round = (ms: number) => Math.round(ms * 100) / 100;

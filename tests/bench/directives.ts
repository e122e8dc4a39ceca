/**
 * A province department's year of leaders' directives: `npm run bench -- directives [count=5000]`.
 * Records `count` directives through the contract (each its own transaction with its event and outbox row), to one to
 * three of 20 units, from 5 leaders, spread over a year; completes about half of the unit parts and has a progress
 * report on a third of the others; then times the list with its per-unit and per-leader counts, which the core computes
 * for today from every directive of the period, and the year's tracking report (PDF and XLSX, whole and one unit's).
 * One JSON line per measurement.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createCore } from '../../electron/core/app';
import type { Input } from '../../shared/contract';
import { addDays } from '../../shared/domain/dates';
import { call, tempDir } from '../support/coreFixture';
import { mulberry32 } from '../support/prng';
import { cpuSeconds, emit as emitLine, percentile } from './report';

const RUNS = 20;
// A report writes a whole year's file: fewer runs.
const REPORT_RUNS = 5;

function emit(metric: string, value: number, unit: string, extra: Record<string, unknown> = {}) {
  emitLine({ scenario: 'directives', metric, value, unit, ...extra });
}

const ORG: Input<'org.setup'> = {
  name: 'Sở Tài nguyên và Môi trường tỉnh Hà Tĩnh',
  organId: '000.00.12.H41',
  abbrev: 'STNMT',
  units: Array.from({ length: 20 }, (_, i) => ({ name: `Phòng ${i + 1}`, abbrev: `P${i + 1}` })),
  staff: [
    ...Array.from({ length: 5 }, (_, i) => ({ fullName: `Lãnh đạo ${i + 1}`, position: i === 0 ? 'Giám đốc' : 'Phó Giám đốc', unitAbbrev: null, role: 'lanh_dao' as const })),
    ...Array.from({ length: 20 }, (_, i) => ({ fullName: `Trưởng phòng ${i + 1}`, position: `Trưởng phòng ${i + 1}`, unitAbbrev: `P${i + 1}`, role: 'chuyen_vien' as const })),
  ],
};

export async function runDirectivesBench(args: string[]): Promise<void> {
  const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 5_000);
  const random = mulberry32(11);
  const tmp = tempDir('vanthu-bench-directives-');
  let clock = new Date('2026-01-05T03:00:00Z');
  const core = await createCore({ dataDir: tmp.dir, now: () => clock });
  try {
    const org = await call(core, 'org.setup', ORG);
    const leaders = org.staff.filter((s) => s.role === 'lanh_dao');
    const heads = org.staff.filter((s) => s.role === 'chuyen_vien');
    const made: { id: string; units: string[]; given: string; done: string[] }[] = [];
    let started = performance.now();
    let cpu = process.cpuUsage();
    for (let i = 0; i < count; i++) {
      const given = addDays('2026-01-05', Math.floor((i / count) * 330));
      clock = new Date(`${given}T03:00:00Z`);
      await call(core, 'org.actAs', { staffId: leaders[i % leaders.length]!.id });
      const units = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => org.units[Math.floor(random() * org.units.length)]!.id))];
      const d = await call(core, 'directive.create', {
        content: `Chỉ đạo số ${i + 1}: rà soát, báo cáo kết quả thực hiện nhiệm vụ được giao`,
        source: { kind: 'meeting', name: `Họp giao ban tuần ${Math.floor(i / 20) + 1}`, date: given },
        unitIds: units,
        dueDate: addDays(given, 5 + Math.floor(random() * 25)),
      });
      made.push({ id: d.id, units, given, done: [] });
    }
    emit('create.perSecond', Math.round(count / ((performance.now() - started) / 1000)), 'directives/s', { directives: count, cpuSeconds: Number(cpuSeconds(cpu).toFixed(2)) });

    // About half the unit parts are marked done by their heads, some before the deadline and some after.
    started = performance.now();
    cpu = process.cpuUsage();
    let completions = 0;
    for (const d of made) {
      for (const unitId of d.units) {
        if (random() < 0.5) continue;
        clock = new Date(`${addDays(d.given, Math.floor(random() * 35))}T03:00:00Z`);
        await call(core, 'org.actAs', { staffId: heads.find((h) => h.unitId === unitId)!.id });
        await call(core, 'directive.complete', { id: d.id });
        d.done.push(unitId);
        completions++;
      }
    }
    emit('complete.perSecond', Math.round(completions / ((performance.now() - started) / 1000)), 'steps/s', { completions, cpuSeconds: Number(cpuSeconds(cpu).toFixed(2)) });

    // A third of the open parts have a progress report: the report prints each part's newest. A PRNG of its own keeps
    // the phases above as they were measured before the report existed.
    const reportRandom = mulberry32(12);
    for (const d of made) {
      for (const unitId of d.units) {
        if (d.done.includes(unitId) || reportRandom() > 1 / 3) continue;
        clock = new Date(`${addDays(d.given, 1 + Math.floor(reportRandom() * 10))}T03:00:00Z`);
        await call(core, 'org.actAs', { staffId: heads.find((h) => h.unitId === unitId)!.id });
        await call(core, 'directive.report', { id: d.id, note: 'Đã triển khai, đang tổng hợp số liệu để báo cáo' });
      }
    }

    clock = new Date('2026-12-07T03:00:00Z');
    const queries: [string, Input<'directive.list'>][] = [
      ['all', {}],
      ['overdue', { status: 'overdue' }],
      ['unit', { unitId: org.units[3]!.id }],
      ['leader', { leaderId: leaders[1]!.id }],
      ['quarter', { from: '2026-07-01', to: '2026-09-30' }],
    ];
    for (const [name, input] of queries) {
      const times: number[] = [];
      let rows = 0;
      cpu = process.cpuUsage();
      for (let run = 0; run < RUNS; run++) {
        const t = performance.now();
        rows = (await call(core, 'directive.list', input)).rows.length;
        times.push(performance.now() - t);
      }
      emit(`list.${name}.p50`, Number(percentile(times, 50).toFixed(1)), 'ms', { rows, directives: count });
      emit(`list.${name}.p95`, Number(percentile(times, 95).toFixed(1)), 'ms', { rows, cpuMsPerRun: Number(((cpuSeconds(cpu) * 1000) / RUNS).toFixed(1)) });
    }

    // The year's tracking report, as the app's button and `vanthu report directives` make it: staged, then read.
    const reports: [string, Input<'directive.exportReport'>][] = [
      ['year.pdf', { from: '2026-01-01', to: '2026-12-31', format: 'pdf' }],
      ['year.xlsx', { from: '2026-01-01', to: '2026-12-31', format: 'xlsx' }],
      ['unit.pdf', { from: '2026-01-01', to: '2026-12-31', format: 'pdf', unitId: org.units[3]!.id }],
    ];
    for (const [name, input] of reports) {
      const times: number[] = [];
      let bytes: Uint8Array = new Uint8Array();
      cpu = process.cpuUsage();
      for (let run = 0; run < REPORT_RUNS; run++) {
        const t = performance.now();
        bytes = await core.content.read((await call(core, 'directive.exportReport', input)).hash);
        times.push(performance.now() - t);
      }
      const extra: Record<string, unknown> = { bytes: bytes.length, cpuMsPerRun: Number(((cpuSeconds(cpu) * 1000) / REPORT_RUNS).toFixed(0)), directives: count };
      if (input.format === 'pdf') {
        const file = path.join(tmp.dir, `${name}`);
        writeFileSync(file, bytes);
        extra.pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
      }
      emit(`report.${name}.p50`, Math.round(percentile(times, 50)), 'ms', extra);
      emit(`report.${name}.p95`, Math.round(percentile(times, 95)), 'ms');
    }
  } finally {
    core.close();
    tmp.remove();
  }
}

/** An office that handles documents: a clerk, a leader, a unit head and officers, on a clock the test moves. */
import { afterEach } from 'vitest';
import type { Core } from '../../electron/core/app';
import type { Input, MethodName } from '../../shared/contract';
import { call, fields, ORG_SETUP, openTestCore } from './coreFixture';

export const OFFICE: Input<'org.setup'> = {
  ...ORG_SETUP,
  staff: [
    ...ORG_SETUP.staff,
    { fullName: 'Võ Thị Mai', position: 'Trưởng phòng Địa chính - Xây dựng', unitAbbrev: 'ĐCXD', role: 'chuyen_vien' },
    { fullName: 'Đặng Văn Nam', position: 'Công chức xây dựng', unitAbbrev: 'ĐCXD', role: 'chuyen_vien' },
  ],
};

/** The office set up on a fresh core; 2026-11-20 is a Friday. Call `dispose` when done. */
export async function openOffice(startAt = '2026-11-20T03:00:00Z') {
  let clock = new Date(startAt);
  const opened = await openTestCore({ now: () => clock }, false);
  const profile = await call(opened.core, 'org.setup', OFFICE);
  const staff = (name: string) => profile.staff.find((s) => s.fullName === name)!.id;
  const unit = (abbrev: string) => profile.units.find((u) => u.abbrev === abbrev)!.id;
  const core = opened.core;
  return {
    core,
    dir: opened.dir,
    dispose: opened.dispose,
    staff,
    unit,
    setClock: (iso: string) => (clock = new Date(iso)),
    actAs: (name: string) => call(core, 'org.actAs', { staffId: staff(name) }),
    /** Registered by the clerk, who then acts on. */
    async register(subject: string, overrides: Partial<Parameters<typeof fields>[0]> = {}) {
      await call(core, 'org.actAs', { staffId: staff('Nguyễn Thị Lan') });
      const r = await call(core, 'incoming.register', { fields: fields({ subject, codeNumber: String(Math.random()).slice(2, 8), ...overrides }), attachments: [] });
      if (r.kind !== 'registered') throw new Error('not registered');
      return r.document.id;
    },
  };
}

/** `openOffice` for a test file: each office is closed after the test that opened it. */
export function useOffices() {
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((d) => d()));
  return async (startAt?: string) => {
    const opened = await openOffice(startAt);
    disposers.push(opened.dispose);
    return opened;
  };
}

/** The error of a call the core must refuse (the test fails if it was allowed). */
export async function refusal(core: Core, method: MethodName, input: object) {
  const result = await core.dispatch(method, input as never);
  if (result.ok) throw new Error(`${method} was allowed`);
  return result.error;
}

/** `vanthu init` of the same office for the command-line tests: the clerk, the leader, the ĐCXD head and an officer. */
export const OFFICE_INIT_ARGS = [
  'init', '--org-name', 'Ủy ban nhân dân xã Tân Lập', '--organ-id', '000.12.34.H41', '--abbrev', 'UBND',
  '--unit', 'Văn phòng:VP', '--unit', 'Địa chính - Xây dựng:ĐCXD',
  '--staff', 'Nguyễn Thị Lan:Văn thư:VP:van_thu',
  '--staff', 'Trần Văn Hùng:Chủ tịch::lanh_dao',
  '--staff', 'Võ Thị Mai:Trưởng phòng Địa chính - Xây dựng:ĐCXD:chuyen_vien',
  '--staff', 'Lê Minh Đức:Công chức địa chính:ĐCXD:chuyen_vien',
];

/** An office that handles documents: a clerk, a leader, a unit head and officers, on a clock the test moves. */
import type { Input } from '../../shared/contract';
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

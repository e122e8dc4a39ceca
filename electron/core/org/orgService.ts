/** The organisation profile and who this installation acts as. */
import type { OrgProfile, ParsedInput, Staff } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import type { OrgRepo } from '../db/orgRepo';
import type { Actor } from '../db/incomingRepo';

export interface OrgService {
  get(): Promise<OrgProfile | null>;
  setup(input: ParsedInput<'org.setup'>): Promise<OrgProfile>;
  /** The profile, or NOT_SET_UP: most work needs to know the organisation first. */
  require(): Promise<OrgProfile>;
  actor(): Promise<Actor>;
  actAs(staffId: string): Promise<OrgProfile>;
  /** The staff member this installation acts as, or FORBIDDEN: a workflow step needs to know whose role it checks. */
  currentStaff(): Promise<Staff>;
}

export function createOrgService(repo: OrgRepo): OrgService {
  async function require(): Promise<OrgProfile> {
    const profile = await repo.get();
    if (!profile) throw new AppError('NOT_SET_UP', msg('error.notSetUp'));
    return profile;
  }
  return {
    get: () => repo.get(),
    setup: async (input) => {
      const known = new Set([...input.units, ...((await repo.get())?.units ?? [])].map((u) => u.abbrev));
      const unknownUnit = input.staff.find((s) => s.unitAbbrev && !known.has(s.unitAbbrev.toUpperCase()));
      if (unknownUnit) throw new AppError('BAD_INPUT', msg('error.staffUnknown'), { staff: msg('error.staffUnknown') });
      return repo.save({ ...input, staff: input.staff.map((s) => ({ ...s, unitAbbrev: s.unitAbbrev ? s.unitAbbrev.toUpperCase() : null })) });
    },
    require,
    async actor() {
      const profile = await require();
      const person = profile.staff.find((s) => s.id === profile.currentStaffId);
      return person ? { id: person.id, name: person.fullName } : { id: null, name: msg('actor.unknown') };
    },
    async actAs(staffId) {
      await require();
      if (!(await repo.actAs(staffId))) throw new AppError('BAD_INPUT', msg('error.staffUnknown'), { staffId: msg('error.staffUnknown') });
      return require();
    },
    async currentStaff() {
      const profile = await require();
      const person = profile.staff.find((s) => s.id === profile.currentStaffId);
      if (!person) throw new AppError('FORBIDDEN', msg('outgoing.noActor'));
      return person;
    },
  };
}

/** The province that receives the bench's packages, and how a package is received: what the bench and its child share. */
import { createReadStream } from 'node:fs';
import { createCore, type Core } from '../../electron/core/app';
import type { OrgSetupInput } from '../../shared/contract';

export const PROVINCE: OrgSetupInput = {
  name: 'Ủy ban nhân dân tỉnh Hà Tĩnh',
  organId: '000.00.00.H41',
  abbrev: 'UBND',
  units: [{ name: 'Văn phòng', abbrev: 'VP' }],
  staff: [{ fullName: 'Võ Thị Hoa', position: 'Văn thư', unitAbbrev: 'VP', role: 'van_thu' }],
};

export async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

export async function openProvince(dir: string): Promise<Core> {
  const core = await createCore({ dataDir: dir });
  const profile = await call<{ staff: { id: string }[] }>(core, 'org.setup', PROVINCE);
  await core.org.actAs(profile.staff[0]!.id);
  return core;
}

/** The package as an upload puts it in the store, streamed: receiving it is not part of the import. */
export const stagePackage = async (core: Core, file: string) => (await core.stage(createReadStream(file), 'goi-tin.edxml')).hash;

export async function importPackage(core: Core, hash: string) {
  const outcome = await call<{ kind: string }>(core, 'exchange.import', { hash });
  if (outcome.kind !== 'registered') throw new Error(`import: ${outcome.kind}`);
}

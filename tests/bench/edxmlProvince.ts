/** How the bench's province receives a package: what the bench and its child share. */
import { createReadStream } from 'node:fs';
import { createCore, type Core } from '../../electron/core/app';
import { call } from '../support/coreFixture';
import { PROVINCE } from '../support/edxmlPackages';

export async function openProvince(dir: string): Promise<Core> {
  const core = await createCore({ dataDir: dir });
  const profile = await call(core, 'org.setup', PROVINCE);
  await core.org.actAs(profile.staff[0]!.id);
  return core;
}

/** The package as an upload puts it in the store, streamed: receiving it is not part of the import. */
export const stagePackage = async (core: Core, file: string) => (await core.stage(createReadStream(file), 'goi-tin.edxml')).hash;

export async function importPackage(core: Core, hash: string) {
  const outcome = await call(core, 'exchange.import', { hash });
  if (outcome.kind !== 'registered') throw new Error(`import: ${outcome.kind}`);
}

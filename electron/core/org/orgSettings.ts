/**
 * The organisation's settings (shared/contract/orgSettings.ts) on this PC. They live where the services keep their
 * settings; one changed here is also marked for the server. Each sync round sends what is marked, then takes the
 * server's values with the profile — except a key changed here again meanwhile, which waits for the next round — so
 * offline edits reach the others and the others' edits reach this PC. Two offline edits of one key: the later send wins,
 * as for any configuration saved twice.
 */
import { ORG_SETTING_KEYS, type OrgSettingKey, type OrgSettings } from '../../../shared/contract/orgSettings';

export interface SettingsStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string | null): Promise<void>;
}

const pendingKey = (key: OrgSettingKey) => `sync.pending.${key}`;
const isOrgKey = (key: string): key is OrgSettingKey => (ORG_SETTING_KEYS as readonly string[]).includes(key);

export function createOrgSettings(store: SettingsStore) {
  return {
    get: (key: string) => store.get(key),
    async set(key: string, value: string | null) {
      await store.set(key, value);
      if (isOrgKey(key) && value !== null) await store.set(pendingKey(key), '1');
    },
    /** What was changed here and not yet accepted by the server. */
    async pending(): Promise<OrgSettings> {
      const out: Record<string, string> = {};
      for (const key of ORG_SETTING_KEYS) {
        const value = (await store.get(pendingKey(key))) === null ? null : await store.get(key);
        if (value !== null) out[key] = value;
      }
      return out as OrgSettings;
    },
    /** The server took `sent`: a key is no longer pending unless it was changed again since. */
    async sent(sent: OrgSettings, force = false) {
      for (const [key, value] of Object.entries(sent) as [OrgSettingKey, string][]) {
        if (force || (await store.get(key)) === value) await store.set(pendingKey(key), null);
      }
    },
    /** The server's values, for every key this PC has not changed since its last send. */
    async adopt(server: OrgSettings) {
      for (const key of ORG_SETTING_KEYS) {
        const value = server[key];
        if (value !== undefined && (await store.get(pendingKey(key))) === null && (await store.get(key)) !== value) await store.set(key, value);
      }
    },
  };
}

export type OrgSettingsOnPc = ReturnType<typeof createOrgSettings>;

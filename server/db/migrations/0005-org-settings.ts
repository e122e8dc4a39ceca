/**
 * The organisation's settings (shared/contract/orgSettings.ts) as one JSON object per organisation: few keys, written
 * rarely, read with every profile; a change merges its keys into it.
 */
const migration = {
  version: 5,
  name: 'org-settings',
  sql: `ALTER TABLE orgs ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb;`,
};

export default migration;

/**
 * Numbering leases: one client (normally the clerk's PC) holds a register's numbering for a year, allocates its
 * numbers offline, and the server refuses a number from anyone else. A lease moves only online: its holder releases it
 * once its numbers are pushed, and then another client may take it.
 */
const migration = {
  version: 3,
  name: 'leases',
  sql: `
    CREATE TABLE register_leases (
      org_id uuid NOT NULL REFERENCES orgs(id),
      register text NOT NULL,
      year integer NOT NULL,
      client_id text REFERENCES sync_clients(id),
      user_id uuid REFERENCES users(id),
      changed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, register, year)
    );
  `,
};

export default migration;

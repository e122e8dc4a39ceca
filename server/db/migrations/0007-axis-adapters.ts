/**
 * Credentials of national document axis adapters: each a random token shown once when made (`vanthu-server axis
 * token`), kept only as its SHA-256 like refresh tokens, so a copy of the table lets nobody speak for the axis.
 */
const migration = {
  version: 7,
  name: 'axis-adapters',
  sql: `
    CREATE TABLE axis_adapters (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    );
  `,
};

export default migration;

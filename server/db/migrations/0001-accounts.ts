/** Organisations, their units and people, and what logging in needs: refresh tokens and the access-token key. */
export default {
  version: 1,
  name: 'accounts',
  sql: `
    CREATE TABLE orgs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organ_id text NOT NULL UNIQUE,
      name text NOT NULL,
      abbrev text NOT NULL,
      -- The organisation's change-log counter: every synced change takes the next value.
      version bigint NOT NULL DEFAULT 0
    );

    CREATE TABLE units (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL REFERENCES orgs (id),
      name text NOT NULL,
      abbrev text NOT NULL,
      UNIQUE (org_id, abbrev),
      -- Lets users reference (unit, org) together, so nobody belongs to another organisation's unit.
      UNIQUE (id, org_id)
    );

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL REFERENCES orgs (id),
      unit_id uuid,
      username text NOT NULL UNIQUE,
      full_name text NOT NULL,
      position text NOT NULL DEFAULT '',
      role text NOT NULL CHECK (role IN ('van_thu', 'lanh_dao', 'chuyen_vien')),
      is_admin boolean NOT NULL DEFAULT false,
      password_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      disabled_at timestamptz,
      FOREIGN KEY (unit_id, org_id) REFERENCES units (id, org_id)
    );
    CREATE INDEX users_org ON users (org_id);

    CREATE TABLE refresh_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id),
      token_hash text NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      -- The token issued when this one was used: a rotated token presented again revokes everything after it.
      replaced_by uuid REFERENCES refresh_tokens (id)
    );
    CREATE INDEX refresh_tokens_replaced_by ON refresh_tokens (replaced_by);

    -- Keys every server process on this database shares (the access-token key), so they accept each other's tokens.
    CREATE TABLE server_secrets (
      name text PRIMARY KEY,
      value bytea NOT NULL
    );
  `,
};

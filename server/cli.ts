/**
 * `vanthu-server [--data DIR] [--database-url URL] init …` and `… user add …`: setting up organisations and accounts.
 * Without a URL the command starts the embedded PostgreSQL of the data folder and stops it after. Passwords come only
 * from the environment variable named by --password-env: argv is visible to every user of the machine (ps).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeArgsError } from '../shared/argsError';
import { msg } from '../shared/messages';
import { addUser, initOrg, ROLES, SetupRefused } from './accounts/setup';
import type { Role } from './db/accountsRepo';
import { createAxisAdapter } from './db/axisAdaptersRepo';
import { openDatabase } from './database';

/** Same meanings as the app's `vanthu` command: 1 refused, 2 bad input or usage, 3 unexpected. */
const EXIT = { ok: 0, refused: 1, badInput: 2, internal: 3 } as const;

const OPTIONS = {
  data: { type: 'string' },
  'database-url': { type: 'string' },
  'org-name': { type: 'string' },
  'organ-id': { type: 'string' },
  'org-abbrev': { type: 'string' },
  unit: { type: 'string', multiple: true },
  admin: { type: 'string' },
  'admin-name': { type: 'string' },
  'password-env': { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  position: { type: 'string' },
  org: { type: 'string' },
} as const;
type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

class UsageError extends Error {}

export async function runServerCli(argv: string[]): Promise<number> {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (error) {
    return usage(describeArgsError(error));
  }
  const [command, sub, username, ...extra] = positionals;
  const isInit = command === 'init' && sub === undefined;
  const isUserAdd = command === 'user' && sub === 'add' && username !== undefined && extra.length === 0;
  const isAxisToken = command === 'axis' && sub === 'token' && username === undefined;
  if (!isInit && !isUserAdd && !isAxisToken) return usage(msg('serverCli.unknownCommand', { command: positionals.join(' ') }));

  try {
    const run = isAxisToken ? axisTokenCommand(values) : isInit ? initCommand(values, passwordFromEnv(values)) : userAddCommand(values, username!, passwordFromEnv(values));
    const database = await openDatabase({ dataDir: path.resolve(values.data ?? 'vanthu-server-data'), databaseUrl: values['database-url'] });
    // Interrupted, the command still stops the PostgreSQL it started, or the next start finds the data folder in use.
    const interrupted = () => void database.close().finally(() => process.exit(130));
    process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
    try {
      console.log(await run(database.pool));
    } finally {
      process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
      await database.close();
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    if (error instanceof SetupRefused) {
      console.error(error.message);
      return EXIT.refused;
    }
    if (process.env.VANTHU_DEBUG) console.error(error);
    console.error(msg('serverCli.failed'));
    return EXIT.internal;
  }
}

type Run = (pool: Parameters<typeof initOrg>[0]) => Promise<string>;

/** A national axis adapter's credential: printed once, kept only as its hash. */
function axisTokenCommand(values: Values): Run {
  const name = required(values, 'name');
  return async (pool) => msg('serverCli.axisToken', { name, token: await createAxisAdapter(pool, name) });
}

function initCommand(values: Values, password: string): Run {
  const organId = required(values, 'organ-id');
  const name = required(values, 'org-name');
  const admin = required(values, 'admin');
  const units = (values.unit ?? []).map(parseUnit);
  return async (pool) => {
    await initOrg(pool, { organId, name, abbrev: values['org-abbrev'] ?? '', units, admin: { username: admin, fullName: values['admin-name'] ?? admin, password } });
    return msg('serverCli.initDone', { name, organId, units: units.length, admin });
  };
}

function userAddCommand(values: Values, username: string, password: string): Run {
  const fullName = required(values, 'name');
  const role = required(values, 'role');
  const unitAbbrev = required(values, 'unit').at(-1)!;
  if (!ROLES.includes(role as Role)) throw new UsageError(msg('serverCli.badRole', { role }));
  return async (pool) => {
    const user = await addUser(pool, { organId: values.org, username, fullName, role: role as Role, position: values.position ?? '', unitAbbrev, password });
    return msg('serverCli.userAdded', { username: user.username, fullName, unit: unitAbbrev });
  };
}

function required<K extends keyof Values>(values: Values, option: K): NonNullable<Values[K]> {
  const value = values[option];
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) throw new UsageError(msg('serverCli.missingOption', { option: `--${option}` }));
  return value as NonNullable<Values[K]>;
}

function passwordFromEnv(values: Values): string {
  const name = required(values, 'password-env');
  const password = process.env[name];
  if (!password) throw new UsageError(msg('serverCli.passwordEnvMissing', { name }));
  return password;
}

/** `"Văn phòng:VP"`: the name may itself hold a colon, the abbreviation after the last one may not. */
function parseUnit(spec: string): { name: string; abbrev: string } {
  const at = spec.lastIndexOf(':');
  const name = spec.slice(0, at).trim();
  const abbrev = spec.slice(at + 1).trim();
  if (at < 0 || !name || !abbrev) throw new UsageError(msg('serverCli.badUnitSpec', { value: spec }));
  return { name, abbrev };
}

function usage(problem: string): number {
  console.error(problem);
  console.error(msg('serverCli.usage'));
  return EXIT.badInput;
}

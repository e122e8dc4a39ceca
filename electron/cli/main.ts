/**
 * `vanthu [--data DIR] <command> [options]`: the command line over the same core and contract as the UI.
 * Exit codes (cliError.ts): 0 done, 1 refused or invalid, 2 bad input or usage, 3 unexpected error; failures print one
 * message on stderr, no stack trace (VANTHU_DEBUG=1 adds it).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { msg } from '../../shared/messages';
import { createCore, type Core } from '../core/app';
import { defaultDataDir } from '../core/dataDir';
import { CliError, EXIT } from './cliError';
import { COMMANDS } from './commands';

export async function runCli(argv: string[], io = { out: (l: string) => console.log(l), err: (l: string) => console.error(l) }): Promise<number> {
  const args = [...argv];
  // --data and --as are global: accepted before or after the command name.
  const globals: Record<'--data' | '--as', string | undefined> = { '--data': undefined, '--as': undefined };
  for (const option of ['--data', '--as'] as const) {
    const at = args.findIndex((a) => a === option || a.startsWith(`${option}=`));
    if (at < 0) continue;
    const [flag] = args.splice(at, 1);
    const value = flag!.includes('=') ? flag!.slice(option.length + 1) : (args.splice(at, 1)[0] ?? '');
    if (!value) {
      io.err(msg('cli.usageError', { detail: msg('validation.cli.missingValue', { option }) }));
      return EXIT.badInput;
    }
    globals[option] = value;
  }
  const dataDir = globals['--data'] ?? defaultDataDir();
  const actAs = globals['--as'];
  const name = args.shift();
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(msg('cli.help'));
    for (const c of COMMANDS) io.out(`  ${c.name.padEnd(16)}${c.summary}`);
    return name ? EXIT.ok : EXIT.badInput;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(msg('cli.unknownCommand', { name }));
    return EXIT.badInput;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(command.usage);
    return EXIT.ok;
  }
  let core: Core | null = null;
  const debug = (line: string) => {
    if (process.env.VANTHU_DEBUG) io.err(line);
  };
  try {
    return await command.run(args, {
      openCore: async () => {
        if (core) return core;
        core = await createCore({ dataDir: path.resolve(dataDir), log: debug });
        if (actAs !== undefined) await actAsNamed(core, actAs);
        return core;
      },
      dataDir: path.resolve(dataDir),
      out: io.out,
      err: io.err,
    });
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.message);
      return error.exitCode;
    }
    io.err(msg('error.internal'));
    debug(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return EXIT.internal;
  } finally {
    (core as Core | null)?.close();
  }
}

/** `--as <full name or id>`: the staff member this data folder acts as from now on, as the app's user selector sets it. */
async function actAsNamed(core: Core, name: string): Promise<void> {
  const profile = await core.org.get();
  const wanted = name.trim().normalize('NFC');
  const person = profile?.staff.find((s) => s.id === wanted || s.fullName.normalize('NFC') === wanted);
  if (!person) throw new CliError(EXIT.badInput, msg('cli.outgoing.staffUnknown', { name }));
  await core.org.actAs(person.id);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2));
}

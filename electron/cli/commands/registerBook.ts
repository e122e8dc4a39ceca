import type { Input } from '../../../shared/contract';
import { msg, type MessageKey } from '../../../shared/messages';
import { parseCommandArgs } from '../args';
import { callOrFail } from '../callOrFail';
import { CliError, EXIT } from '../cliError';
import type { Command } from '../command';
import type { Core } from '../../core/app';
import { saveContent } from '../saveContent';

type BookKind = NonNullable<Input<'registerBook.export'>['kind']>;

const REGISTER_NAMES: Record<BookKind, MessageKey> = {
  incoming: 'registerBook.incomingName',
  outgoing: 'registerBook.outgoingName',
  tracking: 'trackingBook.name',
};

/**
 * `register-book` prints any register (--kind, incoming by default); `tracking-book` is the same command with the
 * tracking register's kind fixed, under the name a clerk looks for.
 */
function bookCommand(name: string, summary: MessageKey, usage: string, fixedKind?: BookKind): Command {
  return {
    name,
    summary: msg(summary),
    usage,
    async run(args, ctx) {
      const { values } = parseCommandArgs(
        args,
        {
          ...(fixedKind ? {} : { kind: { type: 'string' }, sequence: { type: 'string' } }),
          unit: { type: 'string' },
          from: { type: 'string' },
          to: { type: 'string' },
          output: { type: 'string', short: 'o' },
        } as const,
        usage,
      );
      const output = values.output;
      const format = output?.toLowerCase().endsWith('.pdf') ? 'pdf' : output?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : null;
      if (!output || !format) throw new CliError(EXIT.badInput, `${msg('cli.book.badFormat')}\n${usage}`);
      const core = await ctx.openCore();
      // The kind goes as typed: the contract refuses an unknown one in Vietnamese, naming --kind; absent, it is incoming.
      const kind = fixedKind ?? ((values as { kind?: string }).kind as BookKind | undefined);
      const unitId = values.unit === undefined ? undefined : await unitByAbbrev(core, values.unit);
      const period = { from: values.from ?? '', to: values.to ?? '' };
      const named = (values as { sequence?: string }).sequence;
      const sequence = named === undefined ? undefined : await sequenceByName(core, period, named);
      const ref = await callOrFail(core, 'registerBook.export', { ...period, format, kind, unitId, sequence });
      await saveContent(core, ref, output);
      const register = msg(REGISTER_NAMES[kind ?? 'incoming']).toLocaleLowerCase('vi');
      ctx.out(msg('cli.book.done', { register, file: output }));
      return EXIT.ok;
    },
  };
}

/** The outgoing sequence a clerk names as the app shows it ("Quyết định", "bản sao …", any case) or by its register id. */
async function sequenceByName(core: Core, period: { from: string; to: string }, value: string): Promise<string> {
  const fold = (s: string) => s.trim().normalize('NFC').toLocaleLowerCase('vi');
  const sequences = await callOrFail(core, 'registerBook.sequences', period);
  const found = sequences.find((s) => s.id === value || fold(s.name) === fold(value));
  if (!found) throw new CliError(EXIT.badInput, msg('cli.book.sequenceUnknown', { value, names: sequences.map((s) => `“${s.name}”`).join(', ') || '—' }));
  return found.id;
}

/** The id of the unit a clerk names by its abbreviation ("ĐCXD", any case or Unicode form). */
async function unitByAbbrev(core: Core, abbrev: string): Promise<string> {
  const wanted = abbrev.trim().normalize('NFC').toLocaleUpperCase('vi');
  const units = (await callOrFail(core, 'org.get', {}))?.units ?? [];
  const unit = units.find((u) => u.abbrev.normalize('NFC').toLocaleUpperCase('vi') === wanted);
  if (!unit) throw new CliError(EXIT.badInput, msg('trackingBook.cli.unitUnknown', { abbrev, units: units.map((u) => u.abbrev).join(', ') }));
  return unit.id;
}

export const registerBookCommand = bookCommand(
  'register-book',
  'cli.book.summary',
  'vanthu register-book [--kind incoming|outgoing|tracking] [--unit <viết tắt>] [--sequence <dãy số>] --from YYYY-MM-DD --to YYYY-MM-DD -o <tệp.pdf|tệp.xlsx>',
);

export const trackingBookCommand = bookCommand(
  'tracking-book',
  'trackingBook.cli.summary',
  'vanthu tracking-book --from YYYY-MM-DD --to YYYY-MM-DD [--unit <viết tắt>] -o <tệp.pdf|tệp.xlsx>',
  'tracking',
);

import { arrivalNumberText } from '../../../shared/domain/arrivalNumber';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { AttachmentRef, IncomingFields, IncomingSummary, Proposal } from '../../../shared/contract';
import { todayInVietnam } from '../../../shared/domain/dates';
import { joinCode } from '../../../shared/domain/documentCode';
import { findDocumentType, PRIORITIES } from '../../../shared/domain/documentTypes';
import { INTERCHANGE_FIELDS, incomingToInterchange } from '../../../shared/domain/interchange';
import { msg } from '../../../shared/messages';
import { parseCommandArgs } from '../args';
import { callOrFail } from '../callOrFail';
import { CliError, EXIT } from '../cliError';
import type { Command, CommandContext } from '../command';

const usage = `vanthu register [<tệp.pdf>...] [--auto] [--set Trường=giá_trị]... [--force --reason <lý do>] [--json]
    Trường: ${Object.keys(INTERCHANGE_FIELDS).join(', ')} (không phân biệt hoa thường, ví dụ --set Subject="...")`;

const NUMERIC = new Set(['priority', 'pageAmount']);

/** Empty fields as a clerk starts them: today's arrival, normal urgency, not secret, on paper. */
function blankFields(): Record<string, unknown> {
  return {
    arrivalDate: todayInVietnam(),
    organName: '',
    codeNumber: '',
    codeNotation: '',
    issuedDate: '',
    typeName: '',
    subject: '',
    signerName: '',
    signerPosition: '',
    place: '',
    priority: 0,
    secrecy: 'none',
    pageAmount: null,
    dueDate: null,
    toPlaces: '',
    note: '',
    documentId: '',
    channel: 'paper',
  };
}

function applySet(fields: Record<string, unknown>, assignment: string) {
  const eq = assignment.indexOf('=');
  const field = eq > 0 ? INTERCHANGE_FIELDS[assignment.slice(0, eq).trim().toLowerCase()] : undefined;
  if (!field) {
    throw new CliError(EXIT.badInput, msg('cli.register.badSet', { value: assignment, fields: Object.keys(INTERCHANGE_FIELDS).join(', ') }));
  }
  const raw = assignment.slice(eq + 1).trim();
  if (field === 'typeName') fields.typeName = findDocumentType(raw)?.name ?? raw;
  else if (field === 'priority') {
    const byName = PRIORITIES.findIndex((p) => p.toLowerCase() === raw.toLowerCase());
    fields.priority = byName >= 0 ? byName : Number(raw);
  } else if (NUMERIC.has(field)) fields[field] = raw === '' ? null : Number(raw);
  else if (field === 'dueDate') fields.dueDate = raw === '' ? null : raw;
  else fields[field] = raw;
}

/** Says the document is already registered, naming each entry it matches; the command's exit code. */
export function refuseDuplicate(ctx: CommandContext, matches: readonly IncomingSummary[]): number {
  ctx.err(msg('cli.register.duplicate'));
  for (const m of matches) {
    ctx.err(msg('cli.register.match', { number: arrivalNumberText(m.arrivalNumber), year: m.year, notation: joinCode(m.codeNumber, m.codeNotation), organ: m.organName, subject: m.subject }));
  }
  return EXIT.refused;
}

export const registerCommand: Command = {
  name: 'register',
  summary: msg('cli.register.summary'),
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        auto: { type: 'boolean', default: false },
        set: { type: 'string', multiple: true },
        force: { type: 'boolean', default: false },
        reason: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      usage,
    );
    for (const file of positionals) {
      const ok = await fs.access(file).then(() => true, () => false);
      if (!ok) throw new CliError(EXIT.badInput, msg('cli.fileMissing', { file }));
    }
    const core = await ctx.openCore();
    // Said first: without an organisation nothing can be registered, whatever the fields.
    await core.org.require().catch((error: Error) => {
      throw new CliError(EXIT.refused, error.message);
    });
    const fields = blankFields();
    const attachments: AttachmentRef[] = [];
    let proposal: Proposal = {};
    for (const file of positionals) {
      const ref = await core.stage(createReadStream(file), path.basename(file));
      attachments.push({ hash: ref.hash, name: ref.name });
      const analysis = await callOrFail(core, 'incoming.analyze', { hash: ref.hash, name: ref.name });
      if (analysis.message) ctx.err(msg('cli.register.problem', { file, message: analysis.message }));
      // The first readable PDF speaks for the document; later files are its appendices.
      if (Object.keys(proposal).length === 0) proposal = analysis.proposal;
    }
    if (values.auto) Object.assign(fields, Object.fromEntries(Object.entries(proposal).filter(([, v]) => v !== undefined)));
    for (const assignment of values.set ?? []) applySet(fields, assignment);

    const result = await callOrFail(core, 'incoming.register', {
      fields: fields as IncomingFields,
      attachments,
      force: values.force,
      reason: values.reason ?? '',
    });
    if (result.kind === 'duplicate') return refuseDuplicate(ctx, result.matches);
    const doc = result.document;
    if (values.json) ctx.out(JSON.stringify(incomingToInterchange(doc)));
    else {
      const notation = joinCode(doc.codeNumber, doc.codeNotation);
      const shown = { date: doc.arrivalDate, notation, subject: doc.subject };
      ctx.out(doc.arrivalNumber === null ? msg('cli.register.provisional', shown) : msg('cli.register.done', { ...shown, number: doc.arrivalNumber }));
    }
    return EXIT.ok;
  },
};

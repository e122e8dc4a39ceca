/**
 * `vanthu outgoing …`: the outgoing workflow over the same core as the app. A draft is created and sent to its signer,
 * the signer approves by signing, the clerk issues it (number, date, seal) and dispatches it. Who acts is the data
 * folder's current staff member, chosen with the global `--as`; the core checks each step against their role.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Input, OrgProfile, Recipient, SignerSource } from '../../../shared/contract';
import { joinCode } from '../../../shared/domain/documentCode';
import { findDocumentType, PRIORITIES } from '../../../shared/domain/documentTypes';
import { outgoingToInterchange } from '../../../shared/domain/interchange';
import { isValidOrganId } from '../../../shared/domain/organId';
import { OUTGOING_STATUSES, SIGNING_AUTHORITIES } from '../../../shared/domain/outgoing';
import { msg } from '../../../shared/messages';
import type { Core } from '../../core/app';
import { parseCommandArgs } from '../args';
import { callOrFail } from '../callOrFail';
import { CliError, EXIT } from '../cliError';
import { staffByName, unitByAbbrev } from '../orgLookup';
import type { Command, CommandContext } from '../command';
import { SIGNER_ARG_OPTIONS } from './signFile';

const usage = `vanthu [--as <họ tên>] outgoing <việc> ...
  create <dự-thảo.pdf> --set TypeName=<tên loại> --set Subject=<trích yếu> [--set SignerInfo.FullName=<người ký>]
      [--set SignerInfo.Position=<chức vụ>] [--set SignerInfo.Competence=TM.|KT.|Q.|TL.|TUQ.] [--set To=<mã định danh[:tên cơ quan]> hoặc <chữ viết tắt đơn vị>]...
      [--set Priority=<độ khẩn>] [--set IssuedAmount=<số bản>] [--set DueDate=YYYY-MM-DD] [--work <tệp.docx|.xlsx>] [--attach <phụ-lục.pdf>]... [--json]
      tạo dự thảo và trình người ký
  approve <id> <khóa> [--image <chữ-ký.png>] [--json]      người ký ký duyệt (chạy với --as <người ký>)
  issue <id> <khóa của cơ quan> --seal <con-dấu.png> [--date YYYY-MM-DD] [--json]   văn thư cấp số, ghi ngày, đóng dấu
  dispatch <id> [--date YYYY-MM-DD] [--json]
  recall <id> --reason <lý do> [--json]
  list [--status <trạng thái>] [--query <từ khóa>] [--json]
  export <id> -o <tệp.pdf>                                   bản PDF mới nhất (đã phát hành: bản đã đóng dấu)
  <khóa>: --p12 <tệp.p12> --password-env <BIẾN> | --pkcs11 <thư-viện> [--token <nhãn>] [--key-label <nhãn>] --pin-env <BIẾN>
  --as <họ tên>: người đang làm việc trên máy này (được ghi nhớ cho các lệnh sau, như khi chọn người dùng trong ứng dụng).`;

const SUBCOMMANDS = ['create', 'approve', 'issue', 'dispatch', 'recall', 'list', 'export'] as const;

function usageError(detail: string): CliError {
  return new CliError(EXIT.badInput, `${msg('cli.usageError', { detail })}\n${usage}`);
}

async function stageFile(core: Core, file: string) {
  const ok = await fs.access(file).then(() => true, () => false);
  if (!ok) throw new CliError(EXIT.badInput, msg('cli.fileMissing', { file }));
  const ref = await core.stage(createReadStream(file), path.basename(file));
  return { hash: ref.hash, name: ref.name };
}

function secretFrom(variable: string | undefined, flag: string): string {
  if (!variable) throw usageError(flag);
  const value = process.env[variable];
  if (!value) throw new CliError(EXIT.badInput, msg('cli.outgoing.secretMissing', { variable }));
  return value;
}

/** The key the options name, as the core takes it: a .p12 held in its memory, or a certificate on the token. */
async function keySource(core: Core, values: Partial<Record<keyof typeof SIGNER_ARG_OPTIONS, string>>): Promise<{ source: SignerSource; secret: string }> {
  if (values.p12 !== undefined) {
    const bytes = await fs.readFile(values.p12).catch(() => {
      throw new CliError(EXIT.badInput, msg('cli.fileMissing', { file: values.p12! }));
    });
    const ref = await core.keyFiles.put(bytes, path.basename(values.p12));
    return { source: { kind: 'p12', handle: ref.handle }, secret: secretFrom(values['password-env'], '--password-env <BIẾN>') };
  }
  if (values.pkcs11 !== undefined) {
    const secret = secretFrom(values['pin-env'], '--pin-env <BIẾN>');
    // The token library becomes this computer's, as the app's token settings would make it.
    const settings = await callOrFail(core, 'signing.settings', {});
    if (settings.pkcs11Module !== values.pkcs11) await callOrFail(core, 'signing.saveSettings', { ...settings, pkcs11Module: values.pkcs11 });
    const certificates = await callOrFail(core, 'signing.certificates', { kind: 'pkcs11' });
    const chosen = certificates.find(
      (c) => c.source.kind === 'pkcs11' && (values.token === undefined || c.source.token === values.token) && (values['key-label'] === undefined || c.source.keyLabel === values['key-label']) && c.refusal === null,
    );
    if (!chosen) throw new CliError(EXIT.refused, msg('cli.outgoing.noTokenKey'));
    return { source: chosen.source, secret };
  }
  throw usageError('--p12 <tệp.p12> | --pkcs11 <thư-viện>');
}

/** `To=000.00.00.H41:Ủy ban nhân dân tỉnh Hà Tĩnh`, `To=000.00.00.H41` or a unit's abbreviation (`To=VP`). */
function recipient(value: string, profile: OrgProfile): Recipient {
  const [code = '', ...rest] = value.split(':');
  if (isValidOrganId(code.trim())) return { kind: 'external', organId: code.trim(), name: rest.join(':').trim() || code.trim() };
  const unit = unitByAbbrev(profile, value);
  if (unit) return { kind: 'unit', id: unit.id };
  const person = profile.staff.find((s) => s.fullName.normalize('NFC') === value.trim().normalize('NFC'));
  if (person) return { kind: 'staff', id: person.id };
  throw new CliError(EXIT.badInput, msg('cli.outgoing.badRecipient', { value }));
}

/** `--set Name=value` pairs under the Appendix VI names of an outgoing document. */
function createFields(sets: string[], profile: OrgProfile): Input<'outgoing.create'>['fields'] {
  const fields: Record<string, unknown> = { recipients: [] as Recipient[] };
  for (const assignment of sets) {
    const eq = assignment.indexOf('=');
    const name = eq > 0 ? assignment.slice(0, eq).trim().toLowerCase() : '';
    const raw = assignment.slice(eq + 1).trim();
    switch (name) {
      case 'typename':
        fields.typeName = findDocumentType(raw)?.name ?? raw;
        break;
      case 'subject':
        fields.subject = raw;
        break;
      case 'signerinfo.fullname':
        fields.signerId = staffByName(profile, raw).id;
        break;
      case 'signerinfo.position':
        fields.signerPosition = raw;
        break;
      case 'signerinfo.competence': {
        const prefix = SIGNING_AUTHORITIES.find((a) => a !== '' && a.toLowerCase() === (raw.endsWith('.') ? raw : `${raw}.`).toLowerCase());
        if (!prefix) throw new CliError(EXIT.badInput, msg('cli.outgoing.badCompetence', { value: raw }));
        fields.signerAuthority = prefix;
        break;
      }
      case 'to':
        (fields.recipients as Recipient[]).push(recipient(raw, profile));
        break;
      case 'priority': {
        const byName = PRIORITIES.findIndex((p) => p.toLowerCase() === raw.toLowerCase());
        fields.priority = byName >= 0 ? byName : Number(raw);
        break;
      }
      case 'issuedamount':
        fields.issuedAmount = Number(raw);
        break;
      case 'duedate':
        fields.dueDate = raw || null;
        break;
      case 'description':
      case 'note':
        fields.note = raw;
        break;
      default:
        throw new CliError(EXIT.badInput, msg('cli.outgoing.badSet', { value: assignment }));
    }
  }
  // Without a signer named, the organisation's head signs: its first leader.
  if (fields.signerId === undefined) {
    const leader = profile.staff.find((s) => s.role === 'lanh_dao');
    if (!leader) throw new CliError(EXIT.badInput, msg('cli.outgoing.signerNeeded'));
    fields.signerId = leader.id;
  }
  return fields as Input<'outgoing.create'>['fields'];
}

function print(ctx: CommandContext, json: boolean, doc: Parameters<typeof outgoingToInterchange>[0]) {
  if (json) ctx.out(JSON.stringify(outgoingToInterchange(doc)));
  else ctx.out(msg('cli.outgoing.line', { id: doc.id, code: joinCode(doc.codeNumber, doc.codeNotation) || '—', status: msg(`outgoing.status.${doc.status}`), subject: doc.subject }));
}

export const outgoingCommand: Command = {
  name: 'outgoing',
  summary: msg('cli.outgoing.summary'),
  usage,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    if (!SUBCOMMANDS.includes(sub as (typeof SUBCOMMANDS)[number])) throw usageError(`<việc>: ${SUBCOMMANDS.join('|')}`);
    const { values, positionals } = parseCommandArgs(
      rest,
      {
        set: { type: 'string', multiple: true },
        work: { type: 'string' },
        attach: { type: 'string', multiple: true },
        image: { type: 'string' },
        seal: { type: 'string' },
        date: { type: 'string' },
        reason: { type: 'string' },
        status: { type: 'string' },
        query: { type: 'string' },
        output: { type: 'string', short: 'o' },
        json: { type: 'boolean', default: false },
        ...SIGNER_ARG_OPTIONS,
      },
      usage,
    );
    const core = await ctx.openCore();
    const profile = await core.org.require().catch((error: Error) => {
      throw new CliError(EXIT.refused, error.message);
    });
    const json = values.json;

    if (sub === 'list') {
      if (positionals.length) throw usageError(positionals[0]!);
      const status = values.status === undefined ? undefined : OUTGOING_STATUSES.find((st) => st === values.status);
      if (values.status !== undefined && !status) throw usageError(`--status ${OUTGOING_STATUSES.join('|')}`);
      const out = await callOrFail(core, 'outgoing.list', { filter: { ...(status ? { status } : {}), ...(values.query ? { query: values.query } : {}) }, limit: 500 });
      for (const row of out.rows) {
        if (json) ctx.out(JSON.stringify(outgoingToInterchange({ ...row, recipients: [] })));
        else print(ctx, false, { ...row, recipients: [] });
      }
      if (!json && out.rows.length === 0) ctx.out(msg('cli.search.none'));
      return EXIT.ok;
    }

    if (sub === 'create') {
      const [file, ...extra] = positionals;
      if (!file || extra.length) throw usageError('<dự-thảo.pdf>');
      const fields = createFields(values.set ?? [], profile);
      const main = await stageFile(core, file);
      const work = values.work ? await stageFile(core, values.work) : null;
      const attachments = [];
      for (const a of values.attach ?? []) attachments.push(await stageFile(core, a));
      const created = await callOrFail(core, 'outgoing.create', { fields, main, work, attachments });
      // The drafter who is not the signer sends it on at once: the command line's approve is the signer's step.
      const doc = created.signerId !== created.drafterId ? await callOrFail(core, 'outgoing.submit', { id: created.id, to: created.signerId }) : created;
      print(ctx, json, doc);
      return EXIT.ok;
    }

    const [id, ...extra] = positionals;
    if (!id || extra.length) throw usageError('<id>');
    switch (sub) {
      case 'approve': {
        const key = await keySource(core, values);
        const image = values.image ? (await stageFile(core, values.image)).hash : undefined;
        const out = await callOrFail(core, 'outgoing.sign', { id, ...key, ...(image ? { image } : {}), jobId: randomUUID() });
        print(ctx, json, out.document);
        return EXIT.ok;
      }
      case 'issue': {
        if (!values.seal) throw usageError('--seal <con-dấu.png>');
        const seal = (await stageFile(core, values.seal)).hash;
        const key = await keySource(core, values);
        const out = await callOrFail(core, 'outgoing.issue', { id, ...key, seal, ...(values.date ? { date: values.date } : {}), jobId: randomUUID() });
        print(ctx, json, out.document);
        return EXIT.ok;
      }
      case 'dispatch':
        print(ctx, json, await callOrFail(core, 'outgoing.dispatch', { id, ...(values.date ? { date: values.date } : {}) }));
        return EXIT.ok;
      case 'recall':
        if (!values.reason) throw usageError('--reason <lý do>');
        print(ctx, json, await callOrFail(core, 'outgoing.recall', { id, reason: values.reason }));
        return EXIT.ok;
      case 'export': {
        if (!values.output) throw usageError('-o <tệp.pdf>');
        const { document } = await callOrFail(core, 'outgoing.get', { id });
        const main = document.files.find((f) => f.role === 'main')!;
        try {
          await fs.copyFile(core.content.pathOf(main.hash), values.output);
        } catch {
          throw new CliError(EXIT.badInput, msg('cli.writeFailed', { file: values.output }));
        }
        ctx.out(msg('cli.outgoing.exported', { file: values.output, code: joinCode(document.codeNumber, document.codeNotation) || msg(`outgoing.status.${document.status}`) }));
        return EXIT.ok;
      }
    }
    return EXIT.ok;
  },
};

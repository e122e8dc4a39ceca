import { msg } from '../../../shared/messages';
import { parseCommandArgs } from '../args';
import { callOrFail } from '../callOrFail';
import { CliError, EXIT } from '../cliError';
import type { Command } from '../command';

const usage = 'vanthu sync [status] [--json]';

export const syncCommand: Command = {
  name: 'sync',
  summary: msg('cli.sync.summary'),
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean', default: false } }, usage);
    if (positionals.length > 1 || (positionals[0] !== undefined && positionals[0] !== 'status')) {
      throw new CliError(EXIT.badInput, `${msg('cli.usageError', { detail: positionals.join(' ') })}\n${usage}`);
    }
    const core = await ctx.openCore();
    if (positionals[0] === 'status') {
      const s = await callOrFail(core, 'sync.status', {});
      if (values.json) {
        ctx.out(JSON.stringify(s, null, 2));
        return EXIT.ok;
      }
      ctx.out(msg('cli.sync.server', { server: s.serverUrl ?? '—', user: s.username ?? '—' }));
      ctx.out(msg('cli.sync.pending', { count: s.pending, oldest: s.oldestPendingAt ?? '—' }));
      if (s.deferred > 0) ctx.out(msg('sync.deferred', { count: s.deferred }));
      ctx.out(msg('cli.sync.last', { at: s.lastSyncAt ?? '—' }));
      if (s.lastError) ctx.out(msg('cli.sync.lastError', { message: s.lastError }));
      for (const l of s.leases) {
        ctx.out(msg(l.mine ? 'cli.sync.leaseMine' : 'cli.sync.lease', { register: l.register, year: l.year, holder: l.holder ?? '—', last: l.lastNumber }));
      }
      for (const r of s.rejected) ctx.out(msg('cli.sync.rejectedLine', { at: r.at, message: r.message }));
      return EXIT.ok;
    }
    const report = await callOrFail(core, 'sync.now', {});
    if (values.json) {
      ctx.out(JSON.stringify(report, null, 2));
      return report.rejected.length > 0 ? EXIT.refused : EXIT.ok;
    }
    ctx.out(msg('cli.sync.done', { pushed: report.pushed, pulled: report.pulledDocuments, up: report.filesUploaded, down: report.filesDownloaded }));
    if (report.numbered > 0) ctx.out(msg('cli.sync.numbered', { count: report.numbered }));
    if (report.deferred > 0) ctx.out(msg('sync.deferred', { count: report.deferred }));
    for (const r of report.rejected) ctx.out(msg('cli.sync.rejectedLine', { at: '', message: r.message }));
    // A refused change is not lost, but whoever ran the command must see it: a script checks the exit code.
    return report.rejected.length > 0 ? EXIT.refused : EXIT.ok;
  },
};

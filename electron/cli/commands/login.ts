import { msg } from '../../../shared/messages';
import { parseCommandArgs } from '../args';
import { callOrFail } from '../callOrFail';
import { CliError, EXIT } from '../cliError';
import type { Command } from '../command';

const usage = 'vanthu login --server <địa chỉ máy chủ> --user <tên đăng nhập> --password-env <BIẾN_MÔI_TRƯỜNG>';

export const loginCommand: Command = {
  name: 'login',
  summary: msg('cli.login.summary'),
  usage,
  async run(args, ctx) {
    const { values } = parseCommandArgs(args, { server: { type: 'string' }, user: { type: 'string' }, 'password-env': { type: 'string' } }, usage);
    if (!values.server || !values.user || !values['password-env']) throw new CliError(EXIT.badInput, `${msg('cli.usageError', { detail: '--server, --user, --password-env' })}\n${usage}`);
    // The password comes from the environment only: a command line is visible to every user of the computer.
    const password = process.env[values['password-env']];
    if (!password) throw new CliError(EXIT.badInput, msg('cli.login.noPassword', { name: values['password-env'] }));
    const core = await ctx.openCore();
    const status = await callOrFail(core, 'sync.login', { serverUrl: values.server, username: values.user, password });
    ctx.out(msg('cli.login.done', { user: status.username ?? values.user, server: status.serverUrl ?? values.server, pending: status.pending }));
    return EXIT.ok;
  },
};

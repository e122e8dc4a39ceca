import { msg } from '../../../shared/messages';
import { parseCommandArgs } from '../args';
import { CliError, EXIT } from '../cliError';
import type { Command } from '../command';
import { callOrFail } from '../callOrFail';

const usage = `vanthu init --org-name <tên cơ quan> --organ-id <mã định danh> --abbrev <chữ viết tắt>
    [--unit "Tên đơn vị:VIẾT_TẮT"]... [--staff "Họ tên:Chức vụ:ĐƠN_VỊ:van_thu|lanh_dao|chuyen_vien"]...`;

const ROLES = ['van_thu', 'lanh_dao', 'chuyen_vien'] as const;

export const initCommand: Command = {
  name: 'init',
  summary: msg('cli.init.summary'),
  usage,
  async run(args, ctx) {
    const { values } = parseCommandArgs(
      args,
      {
        'org-name': { type: 'string' },
        'organ-id': { type: 'string' },
        abbrev: { type: 'string' },
        unit: { type: 'string', multiple: true },
        staff: { type: 'string', multiple: true },
      },
      usage,
    );
    const units = (values.unit ?? []).map((value) => {
      const [name, abbrev, ...rest] = value.split(':');
      if (!name || !abbrev || rest.length) throw new CliError(EXIT.badInput, msg('cli.init.badUnit', { value }));
      return { name, abbrev };
    });
    const staff = (values.staff ?? []).map((value) => {
      const [fullName, position, unitAbbrev, role, ...rest] = value.split(':');
      const knownRole = ROLES.find((r) => r === role);
      if (!fullName || position === undefined || unitAbbrev === undefined || !knownRole || rest.length) {
        throw new CliError(EXIT.badInput, msg('cli.init.badStaff', { value }));
      }
      return { fullName, position, unitAbbrev: unitAbbrev || null, role: knownRole };
    });
    const core = await ctx.openCore();
    const profile = await callOrFail(core, 'org.setup', {
      name: values['org-name'] ?? '',
      organId: values['organ-id'] ?? '',
      abbrev: values.abbrev ?? '',
      units,
      staff,
    });
    ctx.out(msg('cli.init.done', { name: profile.name, organId: profile.organId }));
    return EXIT.ok;
  },
};

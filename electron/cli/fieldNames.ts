/**
 * Names a field the contract refused the way the command line's user typed it: an incoming document's fields by their
 * interchange names (OrganName, Priority — what --set and --json use), other inputs by the option that carried them.
 */
import type { MethodName } from '../../shared/contract';
import { INTERCHANGE_NAMES } from '../../shared/domain/interchange';
import { msg } from '../../shared/messages';

/** Contract path → option, per method; `#` stands for the position in a repeated option (--unit, --staff). */
const OPTIONS: Partial<Record<MethodName, Record<string, string>>> = {
  'org.setup': { name: '--org-name', organId: '--organ-id', abbrev: '--abbrev', 'units.#': '--unit', 'staff.#': '--staff', staff: '--staff' },
  'incoming.register': { reason: '--reason' },
  'incoming.list': { 'filter.query': msg('validation.cli.query'), limit: '--limit' },
  'handling.slip': { id: msg('trackingBook.cli.slipId') },
  'registerBook.export': { from: '--from', to: '--to', format: '-o', kind: '--kind', unitId: '--unit', sequence: '--sequence' },
  'registerBook.sequences': { from: '--from', to: '--to' },
};

export function cliFieldName(method: MethodName, path: string): string {
  const [head, second] = path.split('.');
  if (method === 'incoming.register' && head === 'fields' && second) return INTERCHANGE_NAMES[second] ?? second;
  if (method === 'incoming.register' && head === 'attachments' && second && /^\d+$/.test(second)) {
    return msg('validation.cli.file', { n: Number(second) + 1 });
  }
  const options = OPTIONS[method] ?? {};
  if (second !== undefined && /^\d+$/.test(second) && options[`${head}.#`]) {
    return msg('validation.cli.nth', { option: options[`${head}.#`]!, n: Number(second) + 1 });
  }
  return options[path] ?? path;
}

/**
 * Vietnamese words for every problem zod can report, taken from the message catalogue. Installed once for the whole
 * process (schemas.ts calls z.config with it), so no rule of the contract can leak zod's English defaults to a person;
 * a message a schema names itself still wins over these.
 */
import type { z } from 'zod';
import { msg } from '../messages';

type RawIssue = z.core.$ZodRawIssue;
type IssueCode = z.core.$ZodIssueCode;

const shown = (values: readonly unknown[]) => values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ');

function wrongType(issue: Extract<RawIssue, { code: 'invalid_type' }>): string {
  if (issue.input === undefined) return msg('error.required');
  switch (issue.expected) {
    case 'number':
    case 'nan':
      return msg('validation.needNumber');
    case 'int':
      return msg('validation.needInteger');
    case 'string':
      return msg('validation.needText');
    case 'boolean':
      return msg('validation.needYesNo');
    case 'array':
    case 'tuple':
    case 'set':
      return msg('validation.needList');
    case 'object':
    case 'record':
    case 'map':
      return msg('validation.needGroup');
    default:
      return msg('validation.wrongKind');
  }
}

function tooBig(issue: Extract<RawIssue, { code: 'too_big' }>): string {
  const max = String(issue.maximum);
  if (issue.origin === 'string') return issue.exact ? msg('validation.exactLength', { n: max }) : msg('error.tooLong', { max });
  if (issue.origin === 'array' || issue.origin === 'set') return msg('validation.tooManyItems', { max });
  return issue.inclusive === false ? msg('validation.below', { max }) : msg('validation.atMost', { max });
}

function tooSmall(issue: Extract<RawIssue, { code: 'too_small' }>): string {
  const min = String(issue.minimum);
  if (issue.origin === 'string') {
    if (issue.exact) return msg('validation.exactLength', { n: min });
    return Number(issue.minimum) <= 1 ? msg('error.required') : msg('validation.tooShort', { min });
  }
  if (issue.origin === 'array' || issue.origin === 'set') return msg('validation.tooFewItems', { min });
  return issue.inclusive === false ? msg('validation.above', { min }) : msg('validation.atLeast', { min });
}

function badFormat(issue: Extract<RawIssue, { code: 'invalid_format' }>): string {
  if (issue.format === 'url') return msg('validation.address');
  if (['uuid', 'guid', 'uuidv4', 'uuidv6', 'uuidv7', 'nanoid', 'cuid', 'cuid2', 'ulid', 'xid', 'ksuid'].includes(issue.format)) {
    return msg('validation.identifier');
  }
  return msg('validation.format');
}

/** One entry per code zod 4 has: the type checker refuses this table if zod adds a code it does not cover. */
const BY_CODE: { [C in IssueCode]: (issue: Extract<RawIssue, { code: C }>) => string } = {
  invalid_type: wrongType,
  too_big: tooBig,
  too_small: tooSmall,
  invalid_format: badFormat,
  not_multiple_of: (issue) => msg('validation.multipleOf', { divisor: issue.divisor }),
  unrecognized_keys: (issue) => msg('validation.unknownFields', { keys: issue.keys.join(', ') }),
  invalid_value: (issue) => (issue.values.length === 1 ? msg('validation.exactly', { value: shown(issue.values) }) : msg('validation.oneOf', { values: shown(issue.values) })),
  // A discriminated union names its choices: say them, as for an enum.
  invalid_union: (issue) => {
    const options = 'options' in issue && Array.isArray(issue.options) ? (issue.options as unknown[]) : [];
    return options.length ? msg('validation.oneOf', { values: shown(options) }) : msg('validation.invalid');
  },
  invalid_key: () => msg('validation.invalid'),
  invalid_element: () => msg('validation.invalid'),
  custom: () => msg('validation.invalid'),
};

/** The Vietnamese message of a zod issue; usable as zod's `customError`. */
export function issueMessage(issue: RawIssue): string {
  const code = (issue.code ?? 'custom') as IssueCode;
  const describe = (BY_CODE[code] ?? BY_CODE.custom) as (issue: RawIssue) => string;
  return describe(issue);
}

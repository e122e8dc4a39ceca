/**
 * Every problem zod can report about the contract's input reaches a person in Vietnamese from the catalogue, never in
 * zod's English: each issue code on its own, then bad input thrown at every method's input schema.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, METHOD_NAMES } from '../../shared/contract';
import { issueMessage } from '../../shared/contract/issueMessages';
import { OrgSetupInput } from '../../shared/contract/schemas';
import { MESSAGES, msg } from '../../shared/messages';

/** A catalogue text with its placeholders as wildcards, whole-message match. */
const TEMPLATES = Object.values(MESSAGES).map(
  ({ vi }) => new RegExp(`^${vi.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '.+')}$`, 's'),
);
const fromCatalogue = (text: string) => TEMPLATES.some((t) => t.test(text));
/** Words of zod's English defaults ("Invalid input: expected string, received number", "Too big: …"). */
const ENGLISH = /\b(expected|received|invalid|too big|too small|must|option|input|string|number)\b/i;

/** One real issue per code zod 4 knows; the Record type fails to compile if zod adds a code this test does not cover. */
const BY_CODE: Record<z.core.$ZodIssueCode, () => z.core.$ZodRawIssue> = {
  invalid_type: () => ({ code: 'invalid_type', expected: 'number', input: 'x' }),
  too_big: () => ({ code: 'too_big', origin: 'string', maximum: 500, inclusive: true, input: 'x' }),
  too_small: () => ({ code: 'too_small', origin: 'number', minimum: 1, inclusive: true, input: 0 }),
  invalid_format: () => ({ code: 'invalid_format', format: 'regex', pattern: '/^a$/', input: 'b' }),
  not_multiple_of: () => ({ code: 'not_multiple_of', divisor: 5, input: 3 }),
  unrecognized_keys: () => ({ code: 'unrecognized_keys', keys: ['colour'], input: {} }),
  invalid_union: () => ({ code: 'invalid_union', errors: [], input: true }),
  invalid_key: () => ({ code: 'invalid_key', origin: 'record', issues: [], input: 'b' }),
  invalid_element: () => ({ code: 'invalid_element', origin: 'map', key: 'a', issues: [], input: 'x' }),
  invalid_value: () => ({ code: 'invalid_value', values: ['paper', 'electronic'], input: 'x' }),
  custom: () => ({ code: 'custom', input: 'x' }),
};

describe('zod issues in Vietnamese', () => {
  it('maps every issue code to a catalogue message', () => {
    for (const [code, issue] of Object.entries(BY_CODE)) {
      const text = issueMessage(issue());
      expect(fromCatalogue(text), `${code}: ${text}`).toBe(true);
      expect(text, code).not.toMatch(ENGLISH);
    }
  });

  it('is installed for every schema: zod itself reports each code in Vietnamese', () => {
    const cases: [z.ZodType, unknown, string][] = [
      [z.object({ a: z.string() }), {}, msg('error.required')],
      [z.number(), Number.NaN, msg('validation.needNumber')],
      [z.number().int(), 1.5, msg('validation.needInteger')],
      [z.string().max(3), 'abcd', msg('error.tooLong', { max: 3 })],
      [z.number().max(4), 9, msg('validation.atMost', { max: 4 })],
      [z.number().positive(), 0, msg('validation.above', { min: 0 })],
      [z.array(z.number()).max(1), [1, 2], msg('validation.tooManyItems', { max: 1 })],
      [z.string().min(3), 'ab', msg('validation.tooShort', { min: 3 })],
      [z.string().uuid(), 'x', msg('validation.identifier')],
      [z.string().regex(/^a$/), 'b', msg('validation.format')],
      [z.number().multipleOf(5), 3, msg('validation.multipleOf', { divisor: 5 })],
      [z.strictObject({}), { colour: 1 }, msg('validation.unknownFields', { keys: 'colour' })],
      [z.enum(['paper', 'electronic']), 'fax', msg('validation.oneOf', { values: '"paper", "electronic"' })],
      [z.literal('p12'), 'x', msg('validation.exactly', { value: '"p12"' })],
      [z.discriminatedUnion('kind', [z.object({ kind: z.literal('p12') }), z.object({ kind: z.literal('pkcs11') })]), { kind: 'x' }, msg('validation.oneOf', { values: '"p12", "pkcs11"' })],
      [z.union([z.string(), z.number()]), true, msg('validation.invalid')],
      [z.record(z.string().regex(/^a/), z.number()), { b: 1 }, msg('validation.invalid')],
      [z.string().refine(() => false), 'x', msg('validation.invalid')],
    ];
    for (const [schema, input, expected] of cases) {
      const result = schema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message, JSON.stringify(input)).toBe(expected);
    }
  });

  it('says only catalogue messages for bad input to every method of the contract', () => {
    const seenCodes = new Set<string>();
    for (const method of METHOD_NAMES) {
      const schema = contract[method].input as z.ZodType;
      for (const input of badInputs(schema)) {
        const result = schema.safeParse(input);
        for (const issue of result.error?.issues ?? []) {
          seenCodes.add(issue.code);
          expect(fromCatalogue(issue.message), `${method} ${issue.path.join('.')}: ${issue.message}`).toBe(true);
          expect(issue.message, `${method} ${issue.path.join('.')}`).not.toMatch(ENGLISH);
        }
      }
    }
    // The walk reaches the rules the contract actually has, not only missing fields.
    expect([...seenCodes].sort()).toEqual(expect.arrayContaining(['custom', 'invalid_format', 'invalid_type', 'invalid_union', 'invalid_value', 'too_big', 'too_small']));
  });

  it('refuses an abbreviation with a space, a dash or a slash and accepts letters with diacritics and digits', () => {
    const setup = (abbrev: string, unit = 'VP') => OrgSetupInput.safeParse({ name: 'UBND xã A', organId: '000.00.00.H41', abbrev, units: [{ name: 'Văn phòng', abbrev: unit }], staff: [] });
    for (const bad of ['UB ND', 'UB-ND', 'UB/ND', 'UBND.']) {
      expect(setup(bad).error?.issues.map((i) => [i.path.join('.'), i.message]), bad).toEqual([['abbrev', msg('validation.abbrev')]]);
    }
    expect(setup('UBND', 'V P').error?.issues.map((i) => i.path.join('.'))).toEqual(['units.0.abbrev']);
    expect(setup('').error?.issues.map((i) => i.message)).toEqual([msg('error.required')]);
    expect(setup(' sgdđt ').data?.abbrev).toBe('SGDĐT');
    expect(setup('UBND', 'TCKH2').success).toBe(true);
  });
});

/**
 * Wrong values for a schema, built from its structure: each variant puts one kind of mistake (wrong type, too long,
 * out of range, unknown choice, missing) at every leaf at once, so nested rules are reached too.
 */
function badInputs(schema: z.ZodType): unknown[] {
  return [0, 1, 2, 3, 4].map((variant) => bad(schema, variant, 0));
}

function bad(schema: z.ZodType, variant: number, depth: number): unknown {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const inner = (key: string) => bad(def[key] as z.ZodType, variant, depth + 1);
  if (depth > 12) return undefined;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      return Object.fromEntries(Object.entries(shape).map(([key, child]) => [key, bad(child, variant, depth + 1)]));
    }
    case 'array':
      return [inner('element')];
    case 'record':
      return { a: inner('valueType') };
    case 'string':
      return [42, 'x'.repeat(100_001), '', 'không hợp lệ', undefined][variant];
    case 'number':
      return [Number.NaN, 1e12, -1e12, 1.5, 'x'][variant];
    case 'boolean':
      return 'x';
    case 'enum':
    case 'literal':
      return ['không có', 42, undefined, null, ''][variant];
    case 'union': {
      const options = def.options as z.ZodType[];
      return variant === 0 ? { kind: 'không có' } : bad(options[variant % options.length]!, variant, depth + 1);
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      return inner('innerType');
    case 'pipe':
      return inner('in');
    case 'transform':
      return undefined;
    default:
      return Symbol('unexpected');
  }
}

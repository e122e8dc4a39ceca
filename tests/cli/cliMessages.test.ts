/**
 * Bad input on the command line gets Vietnamese words that name the field as the user typed it (OrganName, Priority,
 * --abbrev), exit code 2, and nothing stored; zod's and node's English never reach the terminal. The CLI runs in this
 * process (the same runCli the `vanthu` binary calls) to keep the many cases fast.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { createCore } from '../../electron/core/app';
import { msg } from '../../shared/messages';
import { call, tempDir } from '../support/coreFixture';

const data = tempDir('vanthu-cli-messages-');
afterAll(() => data.remove());

async function vanthu(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--data', data.dir, ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Words of zod's and node's English defaults. */
const ENGLISH = /\b(expected|received|invalid|too big|too small|unknown option|argument|must|option '|input)\b/i;
const VALID: Record<string, string> = { OrganName: 'Sở Tư pháp tỉnh Hà Tĩnh', IssuedDate: '2026-01-05', TypeName: 'Quyết định', Subject: 'Về phổ biến pháp luật' };
/** --set options for a valid document with some fields changed, or left out when null. */
const withFields = (changes: Record<string, string | null>) =>
  Object.entries({ ...VALID, ...changes }).flatMap(([name, value]) => (value === null ? [] : ['--set', `${name}=${value}`]));

describe('vanthu says what is wrong in Vietnamese', () => {
  it('refuses an abbreviation with a space at init, naming the option', async () => {
    const org = await vanthu('init', '--org-name', 'UBND xã Tân Lập', '--organ-id', '000.12.34.H41', '--abbrev', 'UB ND');
    expect(org.code).toBe(2);
    expect(org.stderr).toContain(`--abbrev: ${msg('validation.abbrev')}`);
    const unit = await vanthu('init', '--org-name', 'UBND xã Tân Lập', '--organ-id', '000.12.34.H41', '--abbrev', 'UBND', '--unit', 'Văn phòng:VP', '--unit', 'Tư pháp:T P');
    expect(unit.code).toBe(2);
    expect(unit.stderr).toContain(`${msg('validation.cli.nth', { option: '--unit', n: 2 })}: ${msg('validation.abbrev')}`);
    expect(unit.stderr).not.toContain('--unit (thứ 1)');
  });

  it('refuses bad fields of an incoming document, naming them by their interchange names, and stores nothing', async () => {
    expect((await vanthu('init', '--org-name', 'UBND xã Tân Lập', '--organ-id', '000.12.34.H41', '--abbrev', 'UBND')).code).toBe(0);
    const cases: [string[], string][] = [
      [withFields({ Priority: 'xyz' }), `– Priority: ${msg('validation.priority', { choices: '0 Thường, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc, 4 Hỏa tốc hẹn giờ' })}`],
      [withFields({ Priority: '7' }), '– Priority: Độ khẩn phải là một trong'],
      [withFields({ Subject: 'Về '.repeat(200) }), `– Subject: ${msg('error.tooLong', { max: 500 })}`],
      [withFields({ TypeName: 'Thư tình' }), `– TypeName: ${msg('error.typeUnknown')}`],
      [withFields({ IssuedDate: null }), `– IssuedDate: ${msg('error.required')}`],
      [withFields({ IssuedDate: '2026-02-30' }), `– IssuedDate: ${msg('error.dateInvalid')}`],
      [withFields({ OrganName: null }), `– OrganName: ${msg('error.required')}`],
      [withFields({ OrganName: 'Sở '.repeat(120) }), `– OrganName: ${msg('error.tooLong', { max: 300 })}`],
      [withFields({ Secrecy: 'Kín' }), '– Secrecy: Chỉ được chọn một trong'],
      [withFields({ Channel: 'fax' }), `– Channel: ${msg('validation.oneOf', { values: '"paper", "electronic"' })}`],
      [withFields({ PageAmount: '2.5' }), `– PageAmount: ${msg('validation.needInteger')}`],
      [withFields({ PageAmount: '-1' }), `– PageAmount: ${msg('validation.atLeast', { min: 0 })}`],
      [withFields({ 'SignerInfo.FullName': 'Nguyễn '.repeat(40) }), `– SignerInfo.FullName: ${msg('error.tooLong', { max: 200 })}`],
      [withFields({ DueDate: '05/01/2026' }), `– DueDate: ${msg('error.dateInvalid')}`],
      [withFields({ Description: 'x'.repeat(1001) }), `– Description: ${msg('error.tooLong', { max: 1000 })}`],
      [[...withFields({}), '--reason', 'r'.repeat(501)], `– --reason: ${msg('error.tooLong', { max: 500 })}`],
    ];
    for (const [args, expected] of cases) {
      const r = await vanthu('register', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(expected);
      expect(r.stderr).not.toMatch(ENGLISH);
      expect(r.stderr).not.toContain('fields.');
      expect(r.stdout).toBe('');
    }
    const core = await createCore({ dataDir: data.dir });
    try {
      expect((await call(core, 'incoming.list', {})).total).toBe(0);
    } finally {
      core.close();
    }
  });

  it('says options it cannot read in Vietnamese, with exit 2', async () => {
    const cases: [string[], string][] = [
      [['register', '--colour', 'red'], msg('validation.cli.unknownOption', { option: '--colour' })],
      [['register', '--set'], msg('validation.cli.missingValue', { option: '--set' })],
      [['register', '--json=yes'], msg('validation.cli.noValue', { option: '--json' })],
      [['register', '--reason', '--force'], msg('validation.cli.dashValue', { option: '--reason' })],
      [['register-book', '--from', '2026-13-01', '--to', '', '-o', 'so.pdf'], `– --from: ${msg('error.dateInvalid')}`],
      [['register-book', '--from', '2026-01-01', '-o', 'so.pdf'], `– --to: ${msg('error.required')}`],
      [['search', 'đất', '--limit', 'nhiều'], msg('cli.usageError', { detail: '--limit' })],
      [['--data'], msg('validation.cli.missingValue', { option: '--data' })],
    ];
    for (const [args, expected] of cases) {
      const r = args[0] === '--data' ? await runCliRaw(args) : await vanthu(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(expected);
      expect(r.stderr, args.join(' ')).not.toMatch(ENGLISH);
    }
  });
});

async function runCliRaw(args: string[]) {
  const err: string[] = [];
  const code = await runCli(args, { out: () => {}, err: (l) => err.push(l) });
  return { code, stderr: err.join('\n') };
}

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { msg, SECTIONS } from '../../shared/messages';

const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

/** String literals with Vietnamese words in the TypeScript files under `dir`, comments left out; usage texts
 * ("vanthu …") and their <placeholders> are the command line's own syntax, not messages. */
function vietnameseLiterals(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.ts'))) {
    const source = readFileSync(path.join(dir, name), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:])\/\/.*$/gm, '$1');
    for (const [literal] of source.matchAll(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g)) {
      if (literal.slice(1).startsWith('vanthu ')) continue;
      if (VIETNAMESE.test(literal.replace(/<[^>]*>/g, ''))) found.push(`${name}: ${literal}`);
    }
  }
  return found;
}

describe('the message catalogue', () => {
  it('has no key in two sections (a later section would silently replace an earlier text)', () => {
    const seen = new Map<string, number>();
    const repeated: string[] = [];
    SECTIONS.forEach((section, i) => {
      for (const key of Object.keys(section)) {
        if (seen.has(key)) repeated.push(`${key} (sections ${seen.get(key)} and ${i})`);
        seen.set(key, i);
      }
    });
    expect(repeated).toEqual([]);
  });

  it('gives every message in Vietnamese first and English second, with the same placeholders', () => {
    const problems: string[] = [];
    for (const section of SECTIONS) {
      for (const [key, { vi, en }] of Object.entries(section as Record<string, { vi: string; en: string }>)) {
        if (!vi.trim() || !en.trim()) problems.push(`${key}: empty`);
        const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
        if (names(vi) !== names(en)) problems.push(`${key}: placeholders differ`);
        if (vi !== vi.normalize('NFC')) problems.push(`${key}: Vietnamese text is not NFC`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(msg('error.tooLong', { max: 500 })).toBe('Quá dài (tối đa 500 ký tự).');
    expect(msg('error.tooLong')).toContain('{max}');
  });

  it('holds the words of the signing engine, the command line and the server: none are written in their code', () => {
    expect([...vietnameseLiterals('electron/core/signing'), ...vietnameseLiterals('electron/cli'), ...vietnameseLiterals('server')]).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { wrapText } from '../../electron/core/pdf/wrapText';

// One unit per character: widths are easy to reason about and every rule shows.
const perChar = (text: string) => [...text].length;

describe('wrapText', () => {
  it('fills lines word by word at spaces', () => {
    expect(wrapText('Về việc phê duyệt kế hoạch', 10, perChar)).toEqual(['Về việc', 'phê duyệt', 'kế hoạch']);
  });

  it('never returns a line wider than the limit, whatever the input', () => {
    const text = 'V/v đôn đốc 125/QĐ-UBND-VP-TCHC thựchiệnnghịđịnhsốbamươi trong năm 2026\nGhi chú: khẩn';
    for (const width of [1, 3, 7, 12, 25]) {
      const lines = wrapText(text, width, perChar);
      for (const line of lines) expect(perChar(line)).toBeLessThanOrEqual(width);
      // Nothing is lost: the words come back in order.
      expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    }
  });

  it('breaks an over-long notation after / and - before breaking between letters', () => {
    expect(wrapText('1234/QĐ-UBND', 8, perChar)).toEqual(['1234/QĐ-', 'UBND']);
    expect(wrapText('ABCDEFGHIJ', 4, perChar)).toEqual(['ABCD', 'EFGH', 'IJ']);
  });

  it('keeps explicit line breaks and empty text as one empty line', () => {
    expect(wrapText('Quyết định\nVề việc', 20, perChar)).toEqual(['Quyết định', 'Về việc']);
    expect(wrapText('', 20, perChar)).toEqual(['']);
  });
});

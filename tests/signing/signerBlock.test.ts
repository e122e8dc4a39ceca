/** The signer's block found from text runs alone: which block when a document has two, and what is not a block. */
import { describe, expect, it } from 'vitest';
import type { PageBox, PageTextItem } from '../../shared/domain/pageText';
import { proposeSignerBlockPlace } from '../../shared/domain/signerBlock';

const A4: PageBox = [0, 0, 595.28, 841.89];
/** A run centred on `centre`, about as wide as Times at 14 pt prints it. */
const run = (text: string, centre: number, y: number): PageTextItem => ({ text, x: centre - text.length * 3.3, y, width: text.length * 6.6, size: 14 });

/** A joint document: two bodies' signers side by side, each title then room to sign then the name. */
const joint = [
  run('TM. ỦY BAN NHÂN DÂN', 180, 400),
  run('CHỦ TỊCH', 180, 383),
  run('Trần Văn Bình', 180, 300),
  run('TM. BAN THƯỜNG TRỰC', 430, 400),
  run('CHỦ TỊCH', 430, 383),
  run('Lê Thị Hoa', 430, 300),
];

describe('proposeSignerBlockPlace', () => {
  it('takes the block printing the signer’s name, else the lowest then the rightmost, and centres the box in its gap', () => {
    const named = proposeSignerBlockPlace(joint, A4, 'TRẦN VĂN BÌNH');
    expect(named.found).toBe(true);
    expect(named.rect.x + named.rect.width / 2).toBeCloseTo(180, 0);
    const unnamed = proposeSignerBlockPlace(joint, A4);
    expect(unnamed.rect.x + unnamed.rect.width / 2).toBeCloseTo(430, 0);
    // Under the title's descenders, over the name's accented capitals.
    expect(unnamed.rect.y + unnamed.rect.height).toBeLessThan(383 - 0.25 * 14);
    expect(unnamed.rect.y).toBeGreaterThan(300 + 14);
  });

  it('a heading over a gap is no title, and a name right under a title left no room to sign: the bottom right corner', () => {
    const items = [run('QUYẾT ĐỊNH:', 400, 600), run('Điều Một Hai', 400, 500), run('CHỦ TỊCH', 400, 300), run('Nguyễn Văn An', 400, 283)];
    const place = proposeSignerBlockPlace(items, A4);
    expect(place.found).toBe(false);
    expect(place.rect.x + place.rect.width).toBeCloseTo(595.28 - 42.5, 0);
    expect(place.rect.y).toBeCloseTo(56.7, 0);
  });
});

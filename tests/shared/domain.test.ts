import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDocumentNumber, isIsoDate, longVietnameseDate, todayInVietnam, vietnamIsoTime, vietnamLocalTime } from '../../shared/domain/dates';
import { findDocumentType, DOCUMENT_TYPES } from '../../shared/domain/documentTypes';
import { foldVietnamese, searchTokens } from '../../shared/domain/fold';
import { isValidOrganId } from '../../shared/domain/organId';

describe('Vietnamese folding', () => {
  it('removes tones and vowel marks, folds đ/Đ to d, lower-cases', () => {
    expect(foldVietnamese('Quyết định ĐẤT ĐAI Ủy ban')).toBe('quyet dinh dat dai uy ban');
    expect(foldVietnamese('Thượng khẩn, Hỏa tốc')).toBe('thuong khan, hoa toc');
  });
  it('gives NFD and NFC input the same result', () => {
    const text = 'Nghị quyết về đất đai và thủy lợi';
    expect(foldVietnamese(text.normalize('NFD'))).toBe(foldVietnamese(text.normalize('NFC')));
  });
  it('splits into words on punctuation, keeping digits', () => {
    expect(searchTokens('Số: 125/QĐ-UBND, ngày 05/01/2026')).toEqual(['so', '125', 'qd', 'ubnd', 'ngay', '05', '01', '2026']);
  });
});

describe('dates and numbers', () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('05/01/2026')).toBe(false);
  });
  it('writes dates in full, with a zero before days below 10 and months 1 and 2', () => {
    expect(longVietnameseDate('2026-01-05')).toBe('ngày 05 tháng 01 năm 2026');
    expect(longVietnameseDate('2026-02-10')).toBe('ngày 10 tháng 02 năm 2026');
    expect(longVietnameseDate('2026-04-02')).toBe('ngày 02 tháng 4 năm 2026');
    expect(longVietnameseDate('2026-11-15')).toBe('ngày 15 tháng 11 năm 2026');
  });
  it('gives numbers below 10 a leading zero', () => {
    expect([formatDocumentNumber(5), formatDocumentNumber(10), formatDocumentNumber(125)]).toEqual(['05', '10', '125']);
  });
  it('takes today in Vietnam whatever the machine zone (UTC+7)', () => {
    expect(todayInVietnam(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01');
    expect(todayInVietnam(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
  });
  it('writes an instant in Vietnam time, and only shared/domain/dates.ts knows the offset', () => {
    expect(vietnamIsoTime(new Date('2026-12-31T17:04:05Z'))).toBe('2027-01-01T00:04:05+07:00');
    expect(vietnamLocalTime(new Date('2026-03-16T18:05:00.999Z'))).toBe('2026-03-17T01:05:00');
    const offsetWritten = /\b7\s*\*\s*(3600(_?000)?|60\s*\*\s*60)\b|\b25_?200_?000\b/;
    const holders = ['electron', 'renderer', 'shared'].flatMap((root) =>
      readdirSync(root, { recursive: true, encoding: 'utf8' })
        .filter((name) => /\.tsx?$/.test(name) && offsetWritten.test(readFileSync(path.join(root, name), 'utf8')))
        .map((name) => path.join(root, name)),
    );
    expect(holders).toEqual([path.join('shared', 'domain', 'dates.ts')]);
  });
});

describe('Decree 30 vocabulary', () => {
  it('has the 29 administrative types, 27 with abbreviations', () => {
    expect(DOCUMENT_TYPES).toHaveLength(29);
    expect(DOCUMENT_TYPES.filter((t) => t.abbrev)).toHaveLength(27);
  });
  it('finds a type by name or abbreviation in any case or normal form', () => {
    expect(findDocumentType('QUYẾT ĐỊNH'.normalize('NFD'))?.abbrev).toBe('QĐ');
    expect(findDocumentType('qyđ')?.name).toBe('Quy định');
    expect(findDocumentType('Công văn')?.abbrev).toBeNull();
  });
  it('validates OrganId as XXX.YY.ZZ.Lnn', () => {
    expect(isValidOrganId('000.00.00.H41')).toBe(true);
    expect(isValidOrganId('000.00.00.G22')).toBe(true);
    expect(isValidOrganId('000.00.00.h41')).toBe(false);
    expect(isValidOrganId('00.00.00.H41')).toBe(false);
    expect(isValidOrganId('000.00.00.H411')).toBe(false);
  });
});

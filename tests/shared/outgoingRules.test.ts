/** Decree 30's numbering and notation rules for outgoing documents (Art. 15, Appendix I). */
import { describe, expect, it } from 'vitest';
import { outgoingCode, outgoingDocumentId, outgoingSequence } from '../../shared/domain/outgoing';

describe('notation', () => {
  it('writes type-organisation, a công văn organisation-unit, a copy its form, with a zero below 10', () => {
    const parts = { organAbbrev: 'ubnd', unitAbbrev: 'vp' };
    expect(outgoingCode(15, { ...parts, typeName: 'Quyết định', copyKind: 'none' })).toEqual({ codeNumber: '15', codeNotation: 'QĐ-UBND' });
    expect(outgoingCode(5, { ...parts, typeName: 'Công văn', copyKind: 'none' })).toEqual({ codeNumber: '05', codeNotation: 'UBND-VP' });
    expect(outgoingCode(5, { ...parts, unitAbbrev: null, typeName: 'Thư công', copyKind: 'none' })).toEqual({ codeNumber: '05', codeNotation: 'UBND' });
    expect(outgoingCode(3, { ...parts, typeName: 'Quyết định', copyKind: 'SY' })).toEqual({ codeNumber: '03', codeNotation: 'SY-UBND' });
    expect(outgoingCode(12, { ...parts, typeName: 'Kế hoạch', copyKind: 'TrS' }).codeNotation).toBe('TrS-UBND');
    expect(outgoingCode(100, { ...parts, typeName: 'Tờ trình', copyKind: 'none' })).toEqual({ codeNumber: '100', codeNotation: 'TTr-UBND' });
  });

  it('makes the edXML DocumentId from OrganId, date and number/notation', () => {
    expect(outgoingDocumentId('000.00.00.G22', '2018-09-20', '7816', 'VPCP-TTĐT')).toBe('000.00.00.G22,2018/09/20,7816/VPCP-TTĐT');
  });
});

describe('sequences', () => {
  const doc = (typeName: string, extra: { copyKind?: 'none' | 'SY' | 'SL'; legalNormative?: boolean } = {}) => ({
    typeName,
    copyKind: extra.copyKind ?? 'none',
    legalNormative: extra.legalNormative ?? false,
  });
  it('shares one sequence for administrative types unless the organisation numbers per type', () => {
    expect(outgoingSequence(doc('Công văn'), 'shared')).toBe(outgoingSequence(doc('Quyết định'), 'shared'));
    expect(outgoingSequence(doc('Công văn'), 'perType')).not.toBe(outgoingSequence(doc('Quyết định'), 'perType'));
    expect(outgoingSequence(doc('quyết định'), 'perType')).toBe(outgoingSequence(doc('Quyết định'), 'perType'));
  });
  it('numbers legal normative documents per type and every copy form in one sequence of its own', () => {
    expect(outgoingSequence(doc('Quyết định', { legalNormative: true }), 'shared')).not.toBe(outgoingSequence(doc('Quyết định'), 'shared'));
    expect(outgoingSequence(doc('Quyết định', { legalNormative: true }), 'shared')).not.toBe(outgoingSequence(doc('Nghị quyết', { legalNormative: true }), 'shared'));
    expect(outgoingSequence(doc('Quyết định', { copyKind: 'SY' }), 'perType')).toBe(outgoingSequence(doc('Công văn', { copyKind: 'SL' }), 'shared'));
    expect(outgoingSequence(doc('Quyết định', { copyKind: 'SY' }), 'shared')).not.toBe(outgoingSequence(doc('Quyết định'), 'shared'));
  });
});

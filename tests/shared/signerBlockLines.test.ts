/** The signer as the outgoing register prints the signature block, for each signing authority of Decree 30. */
import { describe, expect, it } from 'vitest';
import { collectiveBody, headTitle, signerBlockLines } from '../../shared/domain/signerBlockLines';

const COMMUNE = { name: 'Ủy ban nhân dân xã Tân Lập', abbrev: 'UBND', headTitle: headTitle(['Chủ tịch', 'Phó Chủ tịch', 'Phó Chủ tịch']) };

describe('the signature block of the outgoing register', () => {
  it('names the collective body for TM., the head’s title for KT., TL. and TUQ., and the acting title for Q.', () => {
    const lines = (authority: string, position: string, name = 'Nguyễn Văn An') => signerBlockLines({ authority, position, name }, COMMUNE);
    expect(lines('', 'Chủ tịch', 'Trần Văn Hùng')).toEqual(['CHỦ TỊCH', 'Trần Văn Hùng']);
    expect(lines('TM.', 'Chủ tịch', 'Trần Văn Hùng')).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Trần Văn Hùng']);
    expect(lines('KT.', 'Phó Chủ tịch')).toEqual(['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn An']);
    expect(lines('TL.', 'Chánh Văn phòng')).toEqual(['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG', 'Nguyễn Văn An']);
    expect(lines('TUQ.', 'Trưởng phòng Tài chính')).toEqual(['TUQ. CHỦ TỊCH', 'TRƯỞNG PHÒNG TÀI CHÍNH', 'Nguyễn Văn An']);
    expect(lines('Q.', 'Phó Chủ tịch')).toEqual(['Q. CHỦ TỊCH', 'Nguyễn Văn An']);
  });

  it('finds the head’s title and the collective body, and falls back to the abbreviation when they are unclear', () => {
    expect(headTitle(['Giám đốc', 'Phó Giám đốc'])).toBe('GIÁM ĐỐC');
    expect(headTitle(['Phó Giám đốc'])).toBeNull();
    expect(headTitle(['Giám đốc', 'Bí thư'])).toBeNull();
    expect(collectiveBody('Ủy ban nhân dân huyện Tiên Du')).toBe('ỦY BAN NHÂN DÂN');
    expect(collectiveBody('Sở Tài nguyên và Môi trường tỉnh Hà Tĩnh')).toBe('SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG');
    expect(collectiveBody('Văn phòng Chính phủ')).toBeNull();
    const unclear = { name: 'Văn phòng Chính phủ', abbrev: 'VPCP', headTitle: null };
    expect(signerBlockLines({ authority: 'KT.', position: 'Phó Chủ nhiệm', name: 'Lê Văn Bình' }, unclear)).toEqual(['KT. VPCP', 'PHÓ CHỦ NHIỆM', 'Lê Văn Bình']);
    expect(signerBlockLines({ authority: 'TM.', position: 'Chủ nhiệm', name: 'Lê Văn Bình' }, unclear)).toEqual(['TM. VPCP', 'CHỦ NHIỆM', 'Lê Văn Bình']);
  });
});

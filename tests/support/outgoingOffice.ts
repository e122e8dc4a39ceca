/**
 * The commune office the outgoing-document scenarios run in (a clerk, the chairman who signs, a specialist who drafts
 * and the unit head who reviews), and its draft decision waiting for a number and date: the template's blanks after
 * "Số:" and in "ngày … tháng …", and the chairman's signer block where his approval goes.
 */
import type { OrgSetupInput } from '../../shared/contract/types';
import type { DocumentSpec } from './documentFixtures';

const NBSP = '\u00a0';

export const TAN_LAP: OrgSetupInput = {
  name: 'Ủy ban nhân dân xã Tân Lập',
  organId: '000.12.34.H41',
  abbrev: 'UBND',
  units: [
    { name: 'Văn phòng', abbrev: 'VP' },
    { name: 'Địa chính - Xây dựng', abbrev: 'ĐCXD' },
  ],
  staff: [
    { fullName: 'Nguyễn Thị Lan', position: 'Văn thư', unitAbbrev: 'VP', role: 'van_thu' },
    { fullName: 'Trần Văn Hùng', position: 'Chủ tịch', unitAbbrev: null, role: 'lanh_dao' },
    { fullName: 'Lê Minh Đức', position: 'Công chức địa chính', unitAbbrev: 'ĐCXD', role: 'chuyen_vien' },
    { fullName: 'Phạm Thu Hà', position: 'Trưởng phòng Địa chính - Xây dựng', unitAbbrev: 'ĐCXD', role: 'chuyen_vien' },
  ],
};

/** makeDocumentPdf('quyetDinh', DRAFT_DECISION): a decision drafted for the chairman, not yet numbered or dated. */
export const DRAFT_DECISION: Partial<DocumentSpec> = {
  codeNumber: NBSP.repeat(10),
  codeNotation: 'QĐ-UBND',
  dateText: `ngày${NBSP.repeat(6)}tháng${NBSP.repeat(6)}năm 2026`,
  signerAuthority: 'TM. ỦY BAN NHÂN DÂN',
  signerPosition: 'CHỦ TỊCH',
  signerName: 'Trần Văn Hùng',
};

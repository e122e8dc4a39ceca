/** The administrative document types of Decree 30/2020/NĐ-CP, Art. 7 and Appendix III, with notation abbreviations. */
export interface DocumentType {
  readonly name: string;
  /** Abbreviation used in the notation; null for Công văn and Thư công, which have none. */
  readonly abbrev: string | null;
}

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  { name: 'Nghị quyết', abbrev: 'NQ' },
  { name: 'Quyết định', abbrev: 'QĐ' },
  { name: 'Chỉ thị', abbrev: 'CT' },
  { name: 'Quy chế', abbrev: 'QC' },
  { name: 'Quy định', abbrev: 'QyĐ' },
  { name: 'Thông cáo', abbrev: 'TC' },
  { name: 'Thông báo', abbrev: 'TB' },
  { name: 'Hướng dẫn', abbrev: 'HD' },
  { name: 'Chương trình', abbrev: 'CTr' },
  { name: 'Kế hoạch', abbrev: 'KH' },
  { name: 'Phương án', abbrev: 'PA' },
  { name: 'Đề án', abbrev: 'ĐA' },
  { name: 'Dự án', abbrev: 'DA' },
  { name: 'Báo cáo', abbrev: 'BC' },
  { name: 'Biên bản', abbrev: 'BB' },
  { name: 'Tờ trình', abbrev: 'TTr' },
  { name: 'Hợp đồng', abbrev: 'HĐ' },
  { name: 'Công điện', abbrev: 'CĐ' },
  { name: 'Bản ghi nhớ', abbrev: 'BGN' },
  { name: 'Bản thỏa thuận', abbrev: 'BTT' },
  { name: 'Giấy ủy quyền', abbrev: 'GUQ' },
  { name: 'Giấy mời', abbrev: 'GM' },
  { name: 'Giấy giới thiệu', abbrev: 'GGT' },
  { name: 'Giấy nghỉ phép', abbrev: 'GNP' },
  { name: 'Phiếu gửi', abbrev: 'PG' },
  { name: 'Phiếu chuyển', abbrev: 'PC' },
  { name: 'Phiếu báo', abbrev: 'PB' },
  { name: 'Công văn', abbrev: null },
  { name: 'Thư công', abbrev: null },
];

export const DOCUMENT_TYPE_NAMES = DOCUMENT_TYPES.map((t) => t.name);

/** Finds a type by its name or abbreviation, ignoring case and Unicode normal form. */
export function findDocumentType(nameOrAbbrev: string): DocumentType | undefined {
  const key = nameOrAbbrev.normalize('NFC').trim().toLocaleLowerCase('vi');
  return DOCUMENT_TYPES.find((t) => t.name.toLocaleLowerCase('vi') === key || t.abbrev?.toLocaleLowerCase('vi') === key);
}

/** Urgency (Độ khẩn), numbered as edXML Priority: 0 normal, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc, 4 Hỏa tốc hẹn giờ. */
export const PRIORITIES = ['Thường', 'Khẩn', 'Thượng khẩn', 'Hỏa tốc', 'Hỏa tốc hẹn giờ'] as const;

/** Secrecy (Độ mật). Anything but "none" belongs in the state-secret register, never in the normal one. */
export const SECRECY_LEVELS = ['none', 'Mật', 'Tối mật', 'Tuyệt mật'] as const;
export type Secrecy = (typeof SECRECY_LEVELS)[number];

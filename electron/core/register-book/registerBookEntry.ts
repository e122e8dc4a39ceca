/** One line of the incoming register (sổ đăng ký văn bản đến, Decree 30 Appendix IV). Dates are ISO YYYY-MM-DD. */
export interface RegisterBookEntry {
  /** Ngày đến. */
  arrivalDate: string;
  /** Số đến: consecutive in order of arrival within the year. */
  arrivalNumber: number;
  /** Tác giả: the issuing organisation. */
  organName: string;
  /** The document's own number ("05"); empty when the document has none. */
  codeNumber: string;
  /** Ký hiệu, e.g. "QĐ-UBND". */
  codeNotation: string;
  /** Ngày tháng văn bản; empty when unknown. */
  issuedDate: string;
  /** Tên loại, e.g. "Quyết định", "Công văn". */
  typeName: string;
  /** Trích yếu nội dung. */
  subject: string;
  /** Đơn vị hoặc người nhận. */
  recipients: string;
  /** Ngày chuyển: when the document was handed over; null while it has not been. */
  handedOverDate: string | null;
  /** Ghi chú. */
  note: string;
}

/** A printable register: everything that arrived from `from` to `to`, inclusive, in order of arrival. */
export interface RegisterBook {
  /** The organisation keeping the register. */
  organName: string;
  /** Its governing body (cơ quan chủ quản), printed above it. */
  parentOrganName?: string;
  /** "Sổ đăng ký văn bản đến". */
  registerName: string;
  from: string;
  to: string;
  entries: RegisterBookEntry[];
}

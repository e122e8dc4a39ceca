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

/** One line of the outgoing register (sổ đăng ký văn bản đi, Decree 30 Appendix IV). Dates are ISO YYYY-MM-DD. */
export interface OutgoingRegisterEntry {
  /** The sequence the number was taken from: numbers run per sequence and year (shared, per type, copies). */
  sequence: string;
  /** Số đi as a number, for order and the title's number range; codeNumber is how it is written. */
  number: number;
  /** "01". */
  codeNumber: string;
  /** "QĐ-UBND". */
  codeNotation: string;
  /** Ngày tháng văn bản: the issue date, which the book's period counts. */
  issuedDate: string;
  typeName: string;
  subject: string;
  /** Người ký as the register prints it, one line each for authority, title and name. */
  signer: string;
  /** Nơi nhận văn bản. */
  recipients: string;
  /** Đơn vị, người nhận bản lưu: the drafting unit, which keeps the file copy. */
  fileCopyHolder: string;
  /** Số lượng bản; null when not recorded. */
  copies: number | null;
  /** Ngày chuyển: when the document was dispatched; null while it has not been. */
  dispatchedDate: string | null;
  /** Ghi chú, e.g. a recall with its reason. */
  note: string;
}

/**
 * One line of the handling tracking register (sổ theo dõi giải quyết văn bản đến, Decree 30 Appendix IV): a registered
 * document that received the leader's instruction, with where its handling stands. Names are resolved, dates ISO.
 */
export interface TrackingRegisterEntry {
  arrivalDate: string;
  arrivalNumber: number;
  typeName: string;
  codeNumber: string;
  codeNotation: string;
  /** Ngày tháng văn bản; empty when unknown. */
  issuedDate: string;
  organName: string;
  subject: string;
  /** The lead unit's or person's name (chủ trì). */
  lead: string;
  /** The officer the lead unit's head gave it to; empty while none, or when the lead is that person. */
  officer: string;
  cooperating: string[];
  /** Sent "để biết": the lead only reads it. */
  forInfo: boolean;
  /** The deadline that applies now; null when there is none. */
  dueDate: string | null;
  /** The latest progress report; empty when none was made. */
  progress: string;
  /** The day, in Vietnam, the handling was closed; null while open. */
  closedDate: string | null;
  closeNote: string;
  /** Số, ký hiệu of the reply; empty when none. */
  replyCode: string;
  /** Ghi chú: the document's note, a recall. */
  note: string;
}

/** What every register prints above the table. */
export interface RegisterBookHeading {
  /** The organisation keeping the register. */
  organName: string;
  /** Its governing body (cơ quan chủ quản), printed above it. */
  parentOrganName?: string;
  /** "Sổ đăng ký văn bản đến". */
  registerName: string;
  from: string;
  to: string;
  /** A line under the period naming what part of the register this is, e.g. "Đơn vị chủ trì: Văn phòng". */
  scope?: string;
}

/** The incoming register: everything that arrived from `from` to `to`, inclusive, in order of arrival. */
export interface IncomingRegisterBook extends RegisterBookHeading {
  /** The incoming register is the default, as it was the only one before. */
  kind?: 'incoming';
  entries: RegisterBookEntry[];
}

/** The outgoing register: everything issued from `from` to `to`, inclusive, in order of issue. */
export interface OutgoingRegisterBook extends RegisterBookHeading {
  kind: 'outgoing';
  entries: OutgoingRegisterEntry[];
}

/** The tracking register: every instructed document that arrived from `from` to `to`, in order of arrival. */
export interface TrackingRegisterBook extends RegisterBookHeading {
  kind: 'tracking';
  entries: TrackingRegisterEntry[];
}

/** A printable register. */
export type RegisterBook = IncomingRegisterBook | OutgoingRegisterBook | TrackingRegisterBook;
export type RegisterBookKind = NonNullable<RegisterBook['kind']>;

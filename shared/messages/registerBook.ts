import type { Catalogue } from './catalogue';

/** The printed registers (sổ đăng ký văn bản đến and văn bản đi, Decree 30 Appendix IV): PDF and Excel exports. */
export const REGISTER_BOOK_MESSAGES = {
  // Title block
  /** The register's name as RegisterBook.registerName expects it; printed upper case. */
  'registerBook.incomingName': { vi: 'Sổ đăng ký văn bản đến', en: 'Incoming documents register' },
  'registerBook.year': { vi: 'Năm {year}', en: 'Year {year}' },
  'registerBook.range': { vi: 'Từ ngày {from} đến ngày {to}', en: 'From {from} to {to}' },
  'registerBook.numberRange': { vi: 'Từ số {first} đến số {last}', en: 'Numbers {first} to {last}' },
  'registerBook.sequence': { vi: 'Dãy số: {name}', en: 'Sequence: {name}' },
  'registerBook.sequenceOnlyForOutgoing': { vi: 'Chỉ sổ văn bản đi mới chọn được dãy số.', en: 'Only the outgoing register has sequences.' },
  'registerBook.allSequences': { vi: 'Tất cả các dãy số', en: 'All sequences' },
  'registerBook.empty': { vi: 'Không có văn bản đến nào trong khoảng thời gian này.', en: 'No incoming documents in this period.' },
  'registerBook.continued': { vi: '(tiếp)', en: '(cont.)' },
  'registerBook.page': { vi: 'Trang {page}/{total}', en: 'Page {page}/{total}' },
  'registerBook.sheetName': { vi: 'Sổ văn bản đến', en: 'Incoming register' },
  /** Stem of the suggested file name: ASCII, lower case, hyphens, so it survives every file system and e-mail client. */
  'registerBook.fileStem': { vi: 'so-van-ban-den', en: 'incoming-register' },
  /** The outgoing register's own words where they differ from the incoming one's. */
  'registerBook.outgoingName': { vi: 'Sổ đăng ký văn bản đi', en: 'Outgoing documents register' },
  'registerBook.outgoingEmpty': { vi: 'Không có văn bản đi nào trong khoảng thời gian này.', en: 'No outgoing documents in this period.' },
  'registerBook.outgoingSheetName': { vi: 'Sổ văn bản đi', en: 'Outgoing register' },
  'registerBook.outgoingFileStem': { vi: 'so-van-ban-di', en: 'outgoing-register' },

  // The ten columns of the incoming register, in their legal order
  'registerBook.col.arrivalDate': { vi: 'Ngày đến', en: 'Arrival date' },
  'registerBook.col.arrivalNumber': { vi: 'Số đến', en: 'Arrival number' },
  'registerBook.col.author': { vi: 'Tác giả', en: 'Issuing body' },
  'registerBook.col.code': { vi: 'Số, ký hiệu văn bản', en: 'Number and notation' },
  'registerBook.col.issuedDate': { vi: 'Ngày tháng văn bản', en: 'Document date' },
  'registerBook.col.subject': { vi: 'Tên loại và trích yếu nội dung', en: 'Type and summary' },
  'registerBook.col.recipients': { vi: 'Đơn vị hoặc người nhận', en: 'Receiving unit or person' },
  'registerBook.col.handedOverDate': { vi: 'Ngày chuyển', en: 'Hand-over date' },
  'registerBook.col.signature': { vi: 'Ký nhận', en: 'Receipt signature' },
  'registerBook.col.note': { vi: 'Ghi chú', en: 'Notes' },
  // The outgoing register's columns that the incoming one has not; the others are shared (số ký hiệu, dates, ...)
  'registerBook.col.signer': { vi: 'Người ký', en: 'Signed by' },
  'registerBook.col.toPlaces': { vi: 'Nơi nhận văn bản', en: 'Recipients' },
  'registerBook.col.fileCopy': { vi: 'Đơn vị, người nhận bản lưu', en: 'Unit or person keeping the file copy' },
  'registerBook.col.copies': { vi: 'Số lượng bản', en: 'Copies' },
  /** Ghi chú of an outgoing document taken back or replaced after its issue. */
  'registerBook.recalled': { vi: 'Đã thu hồi: {reason}', en: 'Recalled: {reason}' },
  'registerBook.replaced': { vi: 'Đã thay thế bằng văn bản {by}: {reason}', en: 'Replaced by {by}: {reason}' },

  // Refusals (nothing is produced)
  'registerBook.badRange': { vi: 'Khoảng thời gian in sổ không hợp lệ: cần ngày bắt đầu và ngày kết thúc có thật, ngày bắt đầu không sau ngày kết thúc.', en: 'Invalid period for the register.' },
  'registerBook.badEntry': { vi: 'Văn bản đến số {number} có dữ liệu không hợp lệ ({field}). Chưa tạo sổ.', en: 'Incoming document {number} has invalid data ({field}). Nothing was produced.' },
  'registerBook.entryOutOfRange': { vi: 'Văn bản đến số {number} có ngày đến {date} nằm ngoài khoảng in sổ. Chưa tạo sổ.', en: 'Incoming document {number} arrived on {date}, outside the period. Nothing was produced.' },
  'registerBook.outgoingBadEntry': { vi: 'Văn bản đi {code} có dữ liệu không hợp lệ ({field}). Chưa tạo sổ.', en: 'Outgoing document {code} has invalid data ({field}). Nothing was produced.' },
  'registerBook.outgoingOutOfRange': { vi: 'Văn bản đi {code} có ngày văn bản {date} nằm ngoài khoảng in sổ. Chưa tạo sổ.', en: 'Outgoing document {code} is dated {date}, outside the period. Nothing was produced.' },
  'registerBook.organMissing': { vi: 'Chưa có tên cơ quan để in trên sổ. Hãy khai báo cơ quan trước.', en: 'The organisation name is missing.' },
} as const satisfies Catalogue;

import type { Catalogue } from './catalogue';

/**
 * The handling tracking register (sổ theo dõi giải quyết văn bản đến) and the handling slip (phiếu giải quyết văn bản
 * đến) of Decree 30 Appendix IV, as printed from the handling steps.
 */
export const TRACKING_BOOK_MESSAGES = {
  // The register
  'trackingBook.name': { vi: 'Sổ theo dõi giải quyết văn bản đến', en: 'Incoming documents handling register' },
  'trackingBook.leadUnit': { vi: 'Đơn vị chủ trì: {unit}', en: 'Lead unit: {unit}' },
  'trackingBook.empty': {
    vi: 'Không có văn bản đến nào được chỉ đạo giải quyết trong khoảng thời gian này.',
    en: 'No incoming documents with an instruction in this period.',
  },
  'trackingBook.sheetName': { vi: 'Sổ theo dõi giải quyết', en: 'Handling register' },
  /** Stem of the suggested file name: ASCII, lower case, hyphens, like the other registers'. */
  'trackingBook.fileStem': { vi: 'so-theo-doi-giai-quyet', en: 'handling-register' },
  'trackingBook.unitOnlyForTracking': { vi: 'Chỉ sổ theo dõi giải quyết văn bản đến mới in riêng theo đơn vị chủ trì.', en: 'Only the handling register is printed per lead unit.' },
  'trackingBook.unitUnknown': { vi: 'Không có đơn vị này trong cơ quan.', en: 'No such unit in the organisation.' },
  'trackingBook.badEntry': { vi: 'Văn bản đến số {number} có dữ liệu giải quyết không hợp lệ ({field}). Chưa tạo sổ.', en: 'Incoming document {number} has invalid handling data ({field}). Nothing was produced.' },

  // Its seven columns, in the order of Appendix IV (Số đến, Đơn vị hoặc người nhận and Ghi chú are the registers' own)
  'trackingBook.col.document': { vi: 'Tên loại, số, ký hiệu, ngày tháng và cơ quan ban hành', en: 'Type, number, notation, date and issuing body' },
  'trackingBook.col.due': { vi: 'Thời hạn giải quyết', en: 'Deadline' },
  'trackingBook.col.progress': { vi: 'Tiến độ giải quyết', en: 'Progress' },
  'trackingBook.col.reply': { vi: 'Số, ký hiệu văn bản trả lời', en: 'Number and notation of the reply' },

  // How a document is named in a sentence: "Công văn số 125/STNMT-ĐĐBĐ ngày 18/11/2026 của Sở …"
  'trackingBook.doc.number': { vi: 'số {code}', en: 'no. {code}' },
  'trackingBook.doc.date': { vi: 'ngày {date}', en: 'of {date}' },
  'trackingBook.doc.organ': { vi: 'của {organ}', en: 'from {organ}' },
  'trackingBook.lead': { vi: 'Chủ trì: {lead}', en: 'Lead: {lead}' },
  'trackingBook.leadWithOfficer': { vi: 'Chủ trì: {lead} ({officer})', en: 'Lead: {lead} ({officer})' },
  'trackingBook.forInfo': { vi: 'Để biết: {lead}', en: 'For information: {lead}' },
  'trackingBook.cooperating': { vi: 'Phối hợp: {units}', en: 'Co-operating: {units}' },
  'trackingBook.closedOn': { vi: 'Đã giải quyết ngày {date}', en: 'Closed on {date}' },
  'trackingBook.recalled': { vi: 'Đã thu hồi', en: 'Recalled' },

  // The command line
  'trackingBook.cli.summary': { vi: 'In sổ theo dõi giải quyết văn bản đến (cả cơ quan hoặc một đơn vị chủ trì) ra PDF hoặc XLSX theo khoảng ngày đến', en: 'Export the handling register book' },
  'trackingBook.cli.slipSummary': { vi: 'In phiếu giải quyết văn bản đến của một văn bản ra PDF', en: 'Print the handling slip of an incoming document' },
  'trackingBook.cli.slipId': { vi: '<mã văn bản>', en: '<document id>' },
  'trackingBook.cli.slipDone': { vi: 'Đã ghi phiếu giải quyết văn bản đến vào {file}.', en: 'Handling slip written to {file}.' },
  'trackingBook.cli.slipNotPdf': { vi: 'Tệp ra phải có đuôi .pdf.', en: 'The output must end in .pdf.' },
  'trackingBook.cli.unitUnknown': { vi: 'Không có đơn vị viết tắt “{abbrev}” trong cơ quan. Các đơn vị: {units}.', en: 'No unit abbreviated "{abbrev}". Units: {units}.' },

  // The handling slip (phiếu giải quyết văn bản đến)
  'handlingSlip.title': { vi: 'Phiếu giải quyết văn bản đến', en: 'Incoming document handling slip' },
  'handlingSlip.arrivalNumber': { vi: 'Số đến: {number}', en: 'Arrival number: {number}' },
  'handlingSlip.arrivalDate': { vi: 'Ngày đến: {date}', en: 'Arrival date: {date}' },
  'handlingSlip.provisional': { vi: 'chưa cấp', en: 'not yet given' },
  'handlingSlip.code': { vi: 'Số, ký hiệu: {code}', en: 'Number and notation: {code}' },
  'handlingSlip.issuedDate': { vi: 'Ngày văn bản: {date}', en: 'Dated: {date}' },
  'handlingSlip.organ': { vi: 'Cơ quan ban hành: {organ}', en: 'Issued by: {organ}' },
  'handlingSlip.subject': { vi: 'Tên loại và trích yếu: {subject}', en: 'Type and summary: {subject}' },
  'handlingSlip.part.leader': { vi: '1. Ý kiến của lãnh đạo cơ quan, tổ chức:', en: '1. Instruction of the organisation leader:' },
  'handlingSlip.part.unitLeader': { vi: '2. Ý kiến của lãnh đạo đơn vị:', en: '2. Instruction of the unit leader:' },
  'handlingSlip.part.officer': { vi: '3. Ý kiến đề xuất của người giải quyết:', en: '3. Proposal of the handling officer:' },
  'handlingSlip.leadUnit': { vi: 'Giao {lead} chủ trì giải quyết.', en: '{lead} leads.' },
  'handlingSlip.leadPerson': { vi: 'Giao đồng chí {lead} chủ trì giải quyết.', en: '{lead} handles it.' },
  'handlingSlip.forInfo': { vi: 'Gửi {lead} để biết.', en: 'Sent to {lead} for information.' },
  'handlingSlip.cooperating': { vi: 'Phối hợp: {units}.', en: 'Co-operating: {units}.' },
  'handlingSlip.due': { vi: 'Thời hạn giải quyết: {date}.', en: 'Deadline: {date}.' },
  'handlingSlip.noDue': { vi: 'Thời hạn giải quyết: không có.', en: 'Deadline: none.' },
  'handlingSlip.note': { vi: 'Ý kiến: {note}', en: 'Comment: {note}' },
  'handlingSlip.assigned': { vi: 'Giao đồng chí {officer} giải quyết.', en: '{officer} handles it.' },
  'handlingSlip.report': { vi: 'Ngày {date}: {note}', en: '{date}: {note}' },
  'handlingSlip.closed': { vi: 'Ngày {date}: Đã giải quyết.', en: '{date}: Closed.' },
  'handlingSlip.closedWithNote': { vi: 'Ngày {date}: Đã giải quyết. {note}', en: '{date}: Closed. {note}' },
  'handlingSlip.reply': { vi: 'Văn bản trả lời số {code}.', en: 'Reply: {code}.' },
  'handlingSlip.read': { vi: 'Ngày {date}: Đã đọc (văn bản để biết).', en: '{date}: Read (for information).' },
  'handlingSlip.by': { vi: '({name})', en: '({name})' },
  'handlingSlip.signed': { vi: 'Ngày {date}', en: 'On {date}' },
  /** Stem of the suggested file name, then the arrival number and year: ASCII only. */
  'handlingSlip.fileStem': { vi: 'phieu-giai-quyet', en: 'handling-slip' },
} as const satisfies Catalogue;

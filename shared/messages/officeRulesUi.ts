import type { Catalogue } from './catalogue';

/** The office's rules screen: how outgoing documents are numbered, handling deadlines, and the year's days off. */
export const OFFICE_RULES_UI_MESSAGES = {
  'officeRulesUi.open': { vi: 'Quy chế', en: 'Rules' },
  'officeRulesUi.title': { vi: 'Quy chế công tác văn thư', en: 'Office rules' },
  'officeRulesUi.readOnly': { vi: 'Chỉ văn thư hoặc lãnh đạo được sửa quy chế; bạn có thể xem.', en: 'Only a clerk or a leader may change the rules; you may read them.' },
  'officeRulesUi.save': { vi: 'Lưu quy chế', en: 'Save the rules' },
  'officeRulesUi.saved': { vi: 'Đã lưu quy chế. Văn bản cho ý kiến chỉ đạo từ nay theo thời hạn mới.', en: 'The rules are saved. New instructions follow the new deadlines.' },

  'officeRulesUi.numbering.title': { vi: 'Đánh số văn bản đi', en: 'Numbering outgoing documents' },
  'officeRulesUi.numbering.shared': { vi: 'Một hệ thống số chung cho các văn bản hành chính', en: 'One sequence for all administrative documents' },
  'officeRulesUi.numbering.perType': { vi: 'Mỗi loại văn bản hành chính một hệ thống số', en: 'One sequence per administrative document type' },
  'officeRulesUi.numbering.hint': {
    vi: 'Văn bản quy phạm pháp luật luôn đánh số riêng theo từng loại; bản sao (SY, TrS, SL) có hệ thống số riêng.',
    en: 'Legal normative documents are always numbered per type; copies (SY, TrS, SL) have their own sequence.',
  },

  'officeRulesUi.due.title': { vi: 'Thời hạn giải quyết đề xuất (ngày làm việc)', en: 'Proposed handling deadlines (working days)' },
  'officeRulesUi.due.intro': {
    vi: 'Khi lãnh đạo không ghi hạn, hạn được tính từ ngày đến theo mức thấp hơn giữa độ khẩn và loại văn bản.',
    en: 'When the leader gives no deadline, it counts from arrival: the tighter of the urgency’s and the type’s.',
  },
  'officeRulesUi.due.byPriority': { vi: 'Theo độ khẩn', en: 'By urgency' },
  'officeRulesUi.due.byType': { vi: 'Theo loại văn bản', en: 'By document type' },
  'officeRulesUi.due.fallback': { vi: 'Các văn bản khác', en: 'Other documents' },
  'officeRulesUi.due.addType': { vi: 'Thêm loại', en: 'Add a type' },
  'officeRulesUi.due.remove': { vi: 'Bỏ', en: 'Remove' },
  'officeRulesUi.due.days': { vi: 'Số ngày làm việc cho {name}', en: 'Working days for {name}' },
  'officeRulesUi.due.badDays': { vi: 'Số ngày là số nguyên từ 0 đến 365.', en: 'Days are a whole number from 0 to 365.' },

  'officeRulesUi.days.title': { vi: 'Ngày nghỉ năm {year}', en: 'Days off in {year}' },
  'officeRulesUi.days.intro': {
    vi: 'Ngày nghỉ lễ, Tết tính theo Bộ luật Lao động và âm lịch; ghi thêm những gì Thủ tướng, Bộ Nội vụ công bố cho năm này.',
    en: 'Holidays follow the Labour Code and the lunar calendar; add what the government announces for the year.',
  },
  'officeRulesUi.days.tet': { vi: 'Các ngày nghỉ Tết (để trống: theo thông lệ)', en: 'Tết days (empty: the usual ones)' },
  'officeRulesUi.days.nationalDay': { vi: 'Ngày nghỉ liền Quốc khánh (để trống: theo thông lệ)', en: 'Day joined to National Day (empty: the usual one)' },
  'officeRulesUi.days.extra': { vi: 'Ngày nghỉ thêm, hoán đổi', en: 'Extra and swapped days off' },
  'officeRulesUi.days.makeUp': { vi: 'Ngày làm bù', en: 'Days worked instead' },
  'officeRulesUi.days.listHint': { vi: 'Các ngày cách nhau bởi dấu phẩy, ví dụ 16/02/2026, 17/02/2026', en: 'Dates separated by commas, e.g. 16/02/2026, 17/02/2026' },
  'officeRulesUi.days.badDate': { vi: '“{text}” không phải ngày hợp lệ của năm {year} (dd/mm/yyyy).', en: '“{text}” is not a valid date of {year} (dd/mm/yyyy).' },
  'officeRulesUi.days.list': { vi: 'Các ngày nghỉ trong năm (ngoài thứ Bảy, Chủ nhật)', en: 'The year’s days off (besides weekends)' },
} satisfies Catalogue;

import type { Catalogue } from './catalogue';

/** Issuing signature: where the number and the date are written on page 1, proposed, picked and remembered. */
export const ISSUE_PLACES_MESSAGES = {
  'issuePlaces.title': { vi: 'Ghi số và ngày lên văn bản', en: 'Number and date on the document' },
  'issuePlaces.placing': { vi: 'Đang đặt trên trang', en: 'Placing on the page' },
  'issuePlaces.target.box': { vi: 'Chữ ký và dấu', en: 'Signature and seal' },
  'issuePlaces.target.number': { vi: 'Số, ký hiệu', en: 'Number' },
  'issuePlaces.target.date': { vi: 'Ngày tháng', en: 'Date' },
  'issuePlaces.finding': { vi: 'Đang tìm chỗ ghi số và ngày trên trang 1…', en: 'Looking for the number and date blanks on page 1…' },
  'issuePlaces.source.remembered': {
    vi: 'Vị trí đã nhớ từ lần ký trước với mẫu văn bản này. Kiểm tra rồi ký.',
    en: 'Places remembered from the last signing with this template. Check them, then sign.',
  },
  'issuePlaces.source.found': {
    vi: 'Đã tìm thấy chỗ trống sau “Số:” và trong “ngày … tháng … năm …” trên trang 1: chỉ ghi phần còn thiếu vào đó.',
    en: 'Found the blanks after “Số:” and in “ngày … tháng … năm …” on page 1: only the missing parts are written there.',
  },
  'issuePlaces.source.default': {
    vi: 'Không tìm thấy chỗ trống “Số:” và “ngày … tháng … năm …” trên trang 1: số và ngày được ghi cả dòng, ngay dưới phần đầu văn bản. Hãy kiểm tra và chỉnh lại.',
    en: 'No number and date blanks on page 1: the whole lines are written just under the header. Check and adjust them.',
  },
  'issuePlaces.unreadable': {
    vi: 'Không đọc được chữ trên trang 1 để tìm chỗ ghi số và ngày; hãy bấm lên trang để đặt.',
    en: 'Page 1 has no readable text to find the places; click on the page to place them.',
  },
  'issuePlaces.hint': {
    vi: 'Bấm lên trang để đặt {what}. Bàn phím: chọn vùng trang, Enter đặt vào giữa trang, phím mũi tên dịch 1 điểm (Shift: 5 điểm).',
    en: 'Click on the page to place the {what}. Keyboard: focus the page, Enter puts it in the middle, arrows move it 1 point (Shift: 5).',
  },
  'issuePlaces.what.number': { vi: 'số văn bản', en: 'number' },
  'issuePlaces.what.date': { vi: 'ngày tháng', en: 'date' },
  'issuePlaces.keys': {
    vi: 'Đặt vị trí ghi {what}: Enter đặt vào giữa trang, phím mũi tên dịch chuyển.',
    en: 'Place the {what}: Enter puts it in the middle of the page, arrows move it.',
  },
  'issuePlaces.at': { vi: '{what}: trang {page}, x {x}, y {y} — ghi “{text}”', en: '{what}: page {page}, x {x}, y {y} — writes “{text}”' },
  'issuePlaces.remembers': {
    vi: 'Vị trí được nhớ cho các văn bản sau cùng mẫu (cùng cơ quan, loại văn bản, khổ giấy và bố cục phần đầu).',
    en: 'The places are remembered for later documents of the same template (organisation, type, page size, header layout).',
  },
  'issuePlaces.required': { vi: 'Chưa có vị trí ghi số và ngày.', en: 'The number and date places are not set.' },
} as const satisfies Catalogue;

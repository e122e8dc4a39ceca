import type { Catalogue } from './catalogue';

/** Messages shared by every part of the product: errors, refusals, reading files. */
export const COMMON_MESSAGES = {
  // Errors and refusals
  'error.badInput': { vi: 'Dữ liệu chưa hợp lệ.', en: 'The input is not valid.' },
  'error.notSetUp': { vi: 'Chưa thiết lập thông tin cơ quan. Hãy khai báo cơ quan trước.', en: 'The organisation is not set up yet.' },
  'error.notFound': { vi: 'Không tìm thấy văn bản.', en: 'Document not found.' },
  'error.internal': { vi: 'Có lỗi ngoài dự kiến; dữ liệu chưa bị thay đổi. Hãy thử lại.', en: 'Unexpected error; nothing was changed.' },
  'error.unauthorized': { vi: 'Phiên làm việc không hợp lệ. Hãy mở lại địa chỉ được in ra khi khởi động.', en: 'Invalid session token.' },
  'error.secretRefused': {
    vi: 'Văn bản có độ mật "{level}" không được đăng ký vào sổ văn bản đến thông thường: văn bản mật phải vào sổ riêng theo quy định bảo vệ bí mật nhà nước và không được xử lý trên hệ thống điện tử. Không có gì được lưu.',
    en: 'A "{level}" document cannot enter the normal register: it belongs in the state-secret register. Nothing was stored.',
  },
  'error.duplicateReasonRequired': { vi: 'Đăng ký văn bản trùng cần ghi lý do.', en: 'Registering a duplicate needs a reason.' },
  'error.organIdInvalid': { vi: 'Mã định danh cơ quan phải gồm 13 ký tự dạng 000.00.00.H41.', en: 'OrganId must be 13 characters like 000.00.00.H41.' },
  'error.required': { vi: 'Trường này là bắt buộc.', en: 'This field is required.' },
  'error.dateInvalid': { vi: 'Ngày không hợp lệ (cần dạng năm-tháng-ngày có thật).', en: 'Not a real date (YYYY-MM-DD).' },
  'error.dateRange': { vi: 'Ngày bắt đầu phải không sau ngày kết thúc.', en: 'The start date must not be after the end date.' },
  'error.typeUnknown': { vi: 'Tên loại văn bản không có trong danh mục của Nghị định 30.', en: 'Unknown document type.' },
  'error.tooLong': { vi: 'Quá dài (tối đa {max} ký tự).', en: 'Too long (at most {max} characters).' },
  'error.attachmentMissing': { vi: 'Tệp đính kèm chưa được tải lên hoặc đã bị xóa.', en: 'The attachment is not in the store.' },
  'error.issuedAfterArrival': { vi: 'Ngày tháng văn bản không thể sau ngày đến.', en: 'The document date cannot be after its arrival date.' },
  'error.arrivalInFuture': { vi: 'Ngày đến không thể sau hôm nay ({today}).', en: 'The arrival date cannot be after today ({today}).' },
  'error.staffUnknown': { vi: 'Không có cán bộ hoặc đơn vị này trong danh sách của cơ quan.', en: 'Unknown staff member or unit.' },
  'error.handOverBeforeArrival': {
    vi: 'Ngày chuyển không thể trước ngày đến của văn bản ({arrival}).',
    en: 'The hand-over date cannot be before the arrival date ({arrival}).',
  },
  'error.handOverInFuture': { vi: 'Ngày chuyển không thể sau hôm nay ({today}).', en: 'The hand-over date cannot be after today ({today}).' },
  'error.presentToLeader': {
    vi: 'Chỉ trình văn bản cho cán bộ có vai trò lãnh đạo; để gửi cho đơn vị hoặc cán bộ khác, hãy chọn "Chuyển đơn vị / cá nhân".',
    en: 'Only a staff member whose role is leader can be presented with a document; forward it to others.',
  },

  // Reading attached files
  'file.empty': { vi: 'Tệp rỗng (0 byte), không có nội dung để đọc; vẫn có thể đăng ký bằng cách nhập tay.', en: 'The file is empty; you can still register by typing.' },
  'file.notPdf': { vi: 'Tệp không phải PDF; vẫn có thể đăng ký bằng cách nhập tay.', en: 'Not a PDF; you can still register by typing.' },
  'file.damaged': { vi: 'Tệp PDF bị hỏng hoặc không đầy đủ; vẫn có thể đăng ký bằng cách nhập tay.', en: 'The PDF is damaged or truncated.' },
  'file.encrypted': { vi: 'Tệp PDF có mật khẩu nên không đọc được nội dung; vẫn có thể đăng ký bằng cách nhập tay.', en: 'The PDF is password-protected.' },
  'file.noText': { vi: 'Tệp PDF không có lớp chữ (bản quét); hãy nhập các trường bằng tay.', en: 'The PDF has no text layer (a scan).' },
  'file.ocrUnavailable': {
    vi: 'Bản quét chưa được nhận dạng chữ: máy này chưa cài Tesseract (phần mềm nhận dạng chữ). Vẫn có thể đăng ký bằng cách nhập tay.',
    en: 'The scan was not recognised: Tesseract (OCR) is not installed on this computer.',
  },
  'file.ocrNoVietnamese': {
    vi: 'Bản quét chưa được nhận dạng chữ: Tesseract trên máy này chưa có dữ liệu tiếng Việt (vie.traineddata). Vẫn có thể đăng ký bằng cách nhập tay.',
    en: 'The scan was not recognised: Tesseract has no Vietnamese model (vie.traineddata) here.',
  },
  'file.ocrTimedOut': {
    vi: 'Nhận dạng chữ trên bản quét quá {seconds} giây nên đã dừng; hãy kiểm tra hoặc nhập các trường bằng tay, văn bản vẫn đăng ký được.',
    en: 'Recognising the scan took over {seconds} s and was stopped; check or type the fields.',
  },
  'file.ocrCancelled': {
    vi: 'Đã dừng nhận dạng chữ trên bản quét; hãy nhập các trường bằng tay.',
    en: 'Recognition of the scan was stopped; type the fields.',
  },
  'file.ocrNoText': { vi: 'Không nhận dạng được chữ nào trên bản quét; hãy nhập các trường bằng tay.', en: 'No text was recognised on the scan.' },
  'file.ocrFailed': {
    vi: 'Không nhận dạng được chữ trên bản quét (ảnh hỏng hoặc định dạng không đọc được); vẫn có thể đăng ký bằng cách nhập tay.',
    en: 'The scan could not be recognised; you can still register by typing.',
  },
  'file.tooLargeToRead': { vi: 'Tệp lớn ({size} MB): đã lưu, nhưng không đọc nội dung để đề xuất.', en: 'Large file ({size} MB): stored, not read for proposals.' },

  'actor.unknown': { vi: 'Văn thư', en: 'Clerk' },

  // Duplicates
  'duplicate.found': {
    vi: 'Văn bản này có thể đã được đăng ký: trùng số, ký hiệu và cơ quan ban hành, hoặc trùng mã văn bản điện tử.',
    en: 'This document may already be registered.',
  },
} as const satisfies Catalogue;

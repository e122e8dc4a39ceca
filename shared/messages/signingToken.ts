import type { Catalogue } from './catalogue';

/** USB tokens (PKCS#11), timestamps, revocation data (OCSP, CRL, DSS) and signatures of work files (.p7s). */
export const SIGNING_TOKEN_MESSAGES = {
  // USB tokens (PKCS#11)
  'token.moduleUnloadable': {
    vi: 'Không nạp được thư viện PKCS#11 của USB token ({path}). Hãy kiểm tra đường dẫn và cài đặt trình điều khiển của token.',
    en: 'The PKCS#11 library {path} cannot be loaded.',
  },
  'token.noToken': { vi: 'Không tìm thấy USB token nào đang cắm. Hãy cắm token rồi thử lại.', en: 'No token is present.' },
  'token.tokenNotFound': { vi: 'Không tìm thấy USB token có nhãn "{label}". Các token đang cắm: {labels}.', en: 'No token labelled "{label}". Present: {labels}.' },
  'token.manyTokens': { vi: 'Có nhiều USB token đang cắm ({labels}); hãy chọn token theo nhãn.', en: 'Several tokens are present ({labels}); choose one by label.' },
  'token.noKey': { vi: 'Trên USB token "{token}" không có khóa bí mật kèm chứng thư số dùng để ký.', en: 'Token "{token}" holds no private key with a certificate.' },
  'token.keyNotFound': { vi: 'Trên USB token "{token}" không có khóa "{label}". Các khóa có chứng thư: {labels}.', en: 'Token "{token}" has no key "{label}". Keys: {labels}.' },
  'token.manyKeys': { vi: 'USB token "{token}" có nhiều khóa ký ({labels}); hãy chọn khóa theo nhãn.', en: 'Token "{token}" holds several keys ({labels}); choose one by label.' },
  'token.keyTypeUnsupported': { vi: 'Khóa trên USB token không phải RSA hoặc ECDSA nên không dùng để ký được.', en: 'The token key is neither RSA nor ECDSA.' },
  'token.pinIncorrect': { vi: 'Mã PIN của USB token không đúng. Không có gì được ký.', en: 'Wrong token PIN. Nothing was signed.' },
  'token.pinIncorrectFinalTry': {
    vi: 'Mã PIN của USB token không đúng. Chỉ còn MỘT lần thử: nhập sai thêm lần nữa token sẽ bị khóa. Không có gì được ký.',
    en: 'Wrong token PIN. One try left before the token locks. Nothing was signed.',
  },
  'token.pinLocked': {
    vi: 'Mã PIN của USB token đã bị khóa do nhập sai quá số lần cho phép. Hãy liên hệ đơn vị cấp chứng thư số để mở khóa. Không có gì được ký.',
    en: 'The token PIN is locked. Contact the certificate issuer. Nothing was signed.',
  },
  'token.pinExpired': { vi: 'Mã PIN của USB token đã hết hạn; hãy đổi PIN bằng công cụ của token rồi thử lại.', en: 'The token PIN has expired; change it first.' },
  'token.pinInvalid': { vi: 'Mã PIN không hợp lệ (độ dài hoặc ký tự không được token chấp nhận).', en: 'The PIN has an invalid length or characters.' },
  'token.removed': {
    vi: 'USB token đã bị rút ra hoặc mất kết nối trong khi ký. Không có gì được ký; hãy cắm lại token và ký lại.',
    en: 'The token was removed or disconnected while signing. Nothing was signed.',
  },
  'token.failed': { vi: 'USB token báo lỗi ({code}). Không có gì được ký.', en: 'The token reported an error ({code}). Nothing was signed.' },

  // Timestamps (RFC 3161)
  'tsa.unreachable': {
    vi: 'Không kết nối được máy chủ cấp dấu thời gian {url}. Hãy kiểm tra mạng hoặc địa chỉ máy chủ. Không có gì được ghi.',
    en: 'The timestamp server {url} cannot be reached. Nothing was written.',
  },
  'tsa.timeout': {
    vi: 'Máy chủ cấp dấu thời gian {url} không trả lời sau {seconds} giây. Không có gì được ghi; hãy thử lại sau hoặc tăng thời gian chờ.',
    en: 'The timestamp server {url} did not answer within {seconds} s. Nothing was written.',
  },
  'tsa.httpError': { vi: 'Máy chủ cấp dấu thời gian {url} trả lỗi HTTP {status}. Không có gì được ghi.', en: 'The timestamp server {url} answered HTTP {status}.' },
  'tsa.rejected': { vi: 'Máy chủ cấp dấu thời gian từ chối yêu cầu (trạng thái {status}{detail}). Không có gì được ghi.', en: 'The timestamp server refused (status {status}{detail}).' },
  'tsa.badResponse': { vi: 'Phản hồi của máy chủ cấp dấu thời gian không hợp lệ ({detail}). Không có gì được ghi.', en: 'Invalid timestamp response ({detail}).' },
  'tsa.mismatch': {
    vi: 'Dấu thời gian nhận được không khớp với chữ ký vừa tạo (sai dữ liệu băm hoặc số nonce). Không có gì được ghi.',
    en: 'The timestamp does not match the signature (imprint or nonce). Nothing was written.',
  },
} as const satisfies Catalogue;

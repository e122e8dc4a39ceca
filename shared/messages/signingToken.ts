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
  'token.unknownCode': { vi: 'không rõ', en: 'unknown' },

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
  'tsa.detail.noToken': { vi: 'thiếu token', en: 'no token' },
  'tsa.detail.unreadable': { vi: 'không đọc được cấu trúc ASN.1', en: 'unreadable ASN.1' },
  'tsa.detail.noTstInfo': { vi: 'token không chứa TSTInfo', en: 'the token holds no TSTInfo' },
  'tsa.mismatch': {
    vi: 'Dấu thời gian nhận được không khớp với chữ ký vừa tạo (sai dữ liệu băm hoặc số nonce). Không có gì được ghi.',
    en: 'The timestamp does not match the signature (imprint or nonce). Nothing was written.',
  },

  // Revocation (OCSP, CRL) and long-term validation (DSS)
  'revocation.noSource': {
    vi: 'Chứng thư số "{subject}" không ghi địa chỉ OCSP hay danh sách thu hồi (CRL) nào, nên không kiểm tra được tình trạng thu hồi.',
    en: 'The certificate "{subject}" names no OCSP responder or CRL.',
  },
  'revocation.unreachable': { vi: 'Không kết nối được máy chủ kiểm tra thu hồi chứng thư {url}.', en: 'The revocation server {url} cannot be reached.' },
  'revocation.timeout': { vi: 'Máy chủ kiểm tra thu hồi chứng thư {url} không trả lời sau {seconds} giây.', en: 'The revocation server {url} did not answer within {seconds} s.' },
  'revocation.httpError': { vi: 'Máy chủ kiểm tra thu hồi chứng thư {url} trả lỗi HTTP {status}.', en: 'The revocation server {url} answered HTTP {status}.' },
  'revocation.badResponse': { vi: 'Phản hồi về tình trạng thu hồi từ {url} không dùng được ({detail}).', en: 'Unusable revocation answer from {url} ({detail}).' },
  'revocation.detail.ocspSignature': { vi: 'chữ ký của máy chủ OCSP không hợp lệ', en: 'the OCSP responder signature is invalid' },
  'revocation.detail.crlSignature': { vi: 'chữ ký của danh sách thu hồi không hợp lệ', en: 'the CRL signature is invalid' },
  'revocation.detail.ocspUnreadable': { vi: 'không đọc được phản hồi OCSP', en: 'unreadable OCSP response' },
  'revocation.detail.ocspOtherCertificate': { vi: 'phản hồi nói về chứng thư khác', en: 'the response is about another certificate' },
  'revocation.detail.ocspStatus': { vi: 'máy chủ OCSP trả trạng thái {status}', en: 'responder status {status}' },
  'revocation.detail.ocspNotBasic': { vi: 'không phải phản hồi OCSP cơ bản', en: 'not a basic OCSP response' },
  'revocation.detail.ocspNonce': { vi: 'số nonce không khớp', en: 'nonce mismatch' },
  'revocation.detail.crlUnreadable': { vi: 'không đọc được danh sách thu hồi', en: 'unreadable CRL' },
  'revocation.detail.crlOtherIssuer': { vi: 'danh sách thu hồi do nơi khác cấp', en: 'the CRL is from another issuer' },
  'revocation.revoked': {
    vi: 'Chứng thư số "{subject}" đã bị thu hồi từ {date}. Không thể ký hoặc bổ sung dữ liệu kiểm tra dài hạn.',
    en: 'The certificate "{subject}" was revoked on {date}.',
  },
  'revocation.unknownStatus': { vi: 'Máy chủ OCSP không biết chứng thư số "{subject}".', en: 'The OCSP responder does not know "{subject}".' },
  'ltv.added': {
    vi: 'Đã bổ sung dữ liệu kiểm tra dài hạn (LTV): {certs} chứng thư số, {ocsps} phản hồi OCSP, {crls} danh sách thu hồi.',
    en: 'Long-term validation data added: {certs} certificates, {ocsps} OCSP responses, {crls} CRLs.',
  },
  'ltv.noSignature': { vi: 'Tệp PDF chưa có chữ ký số nào để bổ sung dữ liệu kiểm tra dài hạn.', en: 'The PDF has no signature to add long-term validation data for.' },
  'ltv.untrusted': {
    vi: 'Không dựng được chuỗi chứng thư của "{subject}" tới gốc tin cậy, nên không bổ sung được dữ liệu kiểm tra dài hạn.',
    en: 'No chain from "{subject}" to a trusted root; long-term validation data cannot be added.',
  },

  // Choosing the key (command line and settings)
  'signerOptions.oneSource': { vi: 'Cần chọn đúng một nguồn khóa ký: --p12 <tệp .p12/.pfx> hoặc --pkcs11 <thư viện PKCS#11 của token>.', en: 'Choose exactly one key source: --p12 or --pkcs11.' },
  'signerOptions.secretEnvRequired': {
    vi: 'Cần {flag} <TÊN_BIẾN>: mật khẩu và mã PIN chỉ được đọc từ biến môi trường, không nhận trên dòng lệnh.',
    en: '{flag} <VAR> is required: passwords and PINs are read from environment variables only.',
  },
  'signerOptions.envMissing': { vi: 'Biến môi trường {name} chưa được đặt hoặc rỗng.', en: 'Environment variable {name} is not set or empty.' },

  // Signatures of work files (.p7s)
  'fileSig.fileUnreadable': { vi: 'Không đọc được tệp {file}.', en: 'Cannot read {file}.' },
  'fileSig.p7sUnreadable': { vi: 'Tệp chữ ký không phải chữ ký CMS/PKCS#7 (.p7s) đọc được.', en: 'The signature file is not a readable CMS/PKCS#7 signature.' },
  'fileSig.digestUnsupported': { vi: 'Chữ ký dùng thuật toán băm không được hỗ trợ ({oid}).', en: 'Unsupported digest algorithm ({oid}).' },
  'fileSig.signSummary': { vi: 'Ký số một tệp bất kỳ (docx, xlsx, zip…) thành chữ ký rời .p7s', en: 'Sign any file into a detached .p7s' },
  'fileSig.verifySummary': { vi: 'Kiểm tra chữ ký rời .p7s của một tệp', en: 'Verify a detached .p7s signature of a file' },
  'fileSig.signed': { vi: 'Đã ký tệp {file}; chữ ký lưu tại {p7s}.', en: 'Signed {file}; signature saved to {p7s}.' },
  'fileSig.outputIsInput': { vi: 'Tệp chữ ký không được trùng với tệp được ký; hãy chọn tên khác.', en: 'The signature file must not be the signed file.' },
  'fileSig.valid': { vi: 'Chữ ký HỢP LỆ.', en: 'The signature is VALID.' },
  'fileSig.invalid': { vi: 'Chữ ký KHÔNG HỢP LỆ.', en: 'The signature is NOT VALID.' },
  'fileSig.signer': { vi: 'Người ký: {name} — chứng thư do "{issuer}" cấp, hiệu lực {from} đến {to}.', en: 'Signer: {name}, issued by "{issuer}", valid {from} to {to}.' },
  'fileSig.signerUnknown': { vi: 'Không tìm thấy chứng thư số của người ký trong tệp chữ ký.', en: 'The signer certificate is not in the signature file.' },
  'fileSig.signingTime': { vi: 'Thời điểm ký (theo đồng hồ máy người ký): {time}', en: 'Signing time (signer clock): {time}' },
  'fileSig.intact': { vi: 'Nội dung tệp còn nguyên vẹn kể từ khi ký.', en: 'The file is unchanged since signing.' },
  'fileSig.modified': { vi: 'TỆP ĐÃ BỊ THAY ĐỔI sau khi ký (hoặc đây không phải tệp đã được ký).', en: 'The file was MODIFIED after signing (or is not the signed file).' },
  'fileSig.signatureOk': { vi: 'Chữ ký số khớp với chứng thư số của người ký.', en: 'The signature matches the signer certificate.' },
  'fileSig.signatureBad': { vi: 'Chữ ký số KHÔNG khớp với chứng thư số của người ký.', en: 'The signature does NOT match the signer certificate.' },
  'fileSig.trusted': { vi: 'Chứng thư số chuỗi tới gốc tin cậy: {chain}.', en: 'The certificate chains to a trusted root: {chain}.' },
  'fileSig.untrusted': { vi: 'Chứng thư số KHÔNG chuỗi tới gốc tin cậy nào ({problem}).', en: 'The certificate does NOT chain to a trusted root ({problem}).' },
  'fileSig.noTrust': { vi: 'Chưa chỉ định gốc tin cậy nào (--trust <chứng-thư-gốc.pem>), nên không thể xác nhận người ký.', en: 'No trusted root given (--trust), so the signer cannot be confirmed.' },
  'fileSig.chain.noIssuer': { vi: 'thiếu chứng thư của tổ chức cấp', en: 'issuer certificate missing' },
  'fileSig.chain.expired': { vi: 'có chứng thư không còn hiệu lực tại thời điểm ký', en: 'a certificate was not valid at signing time' },
  'fileSig.chain.notCa': { vi: 'chứng thư cấp trên không phải của tổ chức cấp chứng thư', en: 'an issuer is not a CA' },
  'fileSig.chain.tooLong': { vi: 'chuỗi chứng thư quá dài', en: 'chain too long' },
  'fileSig.timestampOk': { vi: 'Dấu thời gian hợp lệ: {time}, do "{tsa}" cấp.', en: 'Valid timestamp: {time}, from "{tsa}".' },
  'fileSig.timestampBad': { vi: 'Dấu thời gian KHÔNG hợp lệ ({detail}).', en: 'The timestamp is NOT valid ({detail}).' },
  'fileSig.noTimestamp': { vi: 'Không có dấu thời gian (thời điểm ký chỉ theo đồng hồ máy người ký).', en: 'No timestamp.' },
  'fileSig.timestampedAt': { vi: 'Đã gắn dấu thời gian từ {url}.', en: 'Timestamp added from {url}.' },
} as const satisfies Catalogue;

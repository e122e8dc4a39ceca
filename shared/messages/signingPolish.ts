import type { Catalogue } from './catalogue';

/** Signing from the command line: token library paths, long-term validation outcomes. */
export const SIGNING_POLISH_MESSAGES = {
  'signingPolish.moduleMissing': {
    vi: 'Không tìm thấy thư viện PKCS#11 "{path}". Hãy kiểm tra đường dẫn --pkcs11 tới tệp .so/.dll/.dylib của trình điều khiển USB token.',
    en: 'The PKCS#11 library "{path}" does not exist. Check the --pkcs11 path to the token driver.',
  },
  'signingPolish.ltvNotWritten': {
    vi: 'Chữ ký chưa đạt PAdES B-LT (chuỗi chứng thư kèm dữ liệu thu hồi OCSP/CRL), nên tệp {file} chưa được ghi. Hãy kiểm tra kết nối tới máy chủ của CA rồi ký lại, hoặc ký không dùng --ltv.',
    en: 'The signature is not PAdES B-LT (chain plus OCSP/CRL revocation data), so {file} was not written. Check the connection to the CA and sign again, or sign without --ltv.',
  },
  'signingPolish.ltvNoSource': {
    vi: 'Cảnh báo: chứng thư số {subjects} không ghi địa chỉ kiểm tra thu hồi nào (OCSP/CRL), nên không có dữ liệu thu hồi để lưu; DSS chỉ chứa chuỗi chứng thư.',
    en: 'Warning: the certificates {subjects} name no revocation source (OCSP/CRL); the DSS holds the certificate chain only.',
  },
} as const satisfies Catalogue;

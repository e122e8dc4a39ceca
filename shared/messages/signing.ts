import type { Catalogue } from './catalogue';

/** Digital signatures: signing PDFs, certificates, verification, and the sign/verify commands. */
export const SIGNING_MESSAGES = {
  // Keys and certificates
  'signing.p12Unreadable': { vi: 'Không đọc được tệp chứng thư số .p12/.pfx: tệp hỏng hoặc không đúng định dạng PKCS#12.', en: 'The .p12/.pfx file cannot be read.' },
  'signing.p12WrongPassword': { vi: 'Mật khẩu của tệp chứng thư số .p12/.pfx không đúng. Không có gì được ký.', en: 'Wrong .p12/.pfx password. Nothing was signed.' },
  'signing.p12NoKey': { vi: 'Tệp .p12/.pfx không chứa khóa bí mật RSA kèm chứng thư số tương ứng.', en: 'The .p12/.pfx holds no RSA private key with its certificate.' },
  'signing.certExpired': { vi: 'Chứng thư số của "{subject}" đã hết hạn ngày {date}. Không thể ký.', en: 'The certificate of "{subject}" expired on {date}.' },
  'signing.certNotYetValid': { vi: 'Chứng thư số của "{subject}" chưa có hiệu lực (từ ngày {date}). Không thể ký.', en: 'The certificate of "{subject}" is not valid before {date}.' },
  'signing.certKeyUsage': {
    vi: 'Chứng thư số của "{subject}" không được phép dùng để ký số (thiếu mục đích digitalSignature hoặc nonRepudiation). Không thể ký.',
    en: 'The certificate of "{subject}" lacks the digitalSignature/nonRepudiation key usage.',
  },
  'signing.certUnreadable': { vi: 'Không đọc được chứng thư số (không phải X.509 DER/PEM hợp lệ).', en: 'The certificate cannot be read.' },

  // Input PDFs
  'signing.notPdf': { vi: 'Tệp không phải PDF (không có phần đầu %PDF-).', en: 'Not a PDF file.' },
  'signing.truncated': { vi: 'Tệp PDF bị cắt cụt (không kết thúc bằng %%EOF và bảng tham chiếu).', en: 'The PDF is truncated.' },
  'signing.brokenXref': {
    vi: 'Bảng tham chiếu chéo (xref) của tệp PDF bị hỏng. Vanthu không tự sửa tệp trước khi ký vì việc sửa sẽ ghi lại toàn bộ tệp và làm mất hiệu lực các chữ ký trước; hãy sửa tệp (ví dụ: qpdf tệp-vào tệp-ra) rồi ký lại.',
    en: 'The PDF cross-reference table is broken. Vanthu refuses rather than repairs (a repair rewrites the file and would void earlier signatures).',
  },
  'signing.encrypted': {
    vi: 'Tệp PDF cần mật khẩu mới mở được (mật khẩu người dùng); Vanthu không ký hay kiểm tra tệp như vậy. Hãy đề nghị bên gửi cung cấp bản mở được không cần mật khẩu.',
    en: 'The PDF needs a password to open; ask the sender for a copy that opens without one.',
  },
  'signing.unsupportedPdf': { vi: 'Cấu trúc tệp PDF không được hỗ trợ: {detail}.', en: 'Unsupported PDF structure: {detail}.' },
  'signing.inputChanged': { vi: 'Tệp PDF đã bị chương trình khác thay đổi trong lúc ký.', en: 'The PDF was changed by another program while signing.' },
  'signing.certified': {
    vi: 'Văn bản đã được chứng thực (DocMDP, P={p}) và không cho phép thay đổi này; ký thêm sẽ làm mất hiệu lực chữ ký chứng thực. Không có gì được ký.',
    en: 'The document is certified (DocMDP P={p}) and does not permit this change. Nothing was signed.',
  },
  'signing.outputUnwritable': { vi: 'Không ghi được tệp kết quả {file} ({code}).', en: 'Cannot write the output {file} ({code}).' },
  'signing.nothingSigned': { vi: 'Không có gì được ký.', en: 'Nothing was signed.' },
  'signing.pageOutOfRange': { vi: 'Trang {page} không có trong văn bản (văn bản có {count} trang).', en: 'Page {page} does not exist (the document has {count} pages).' },
  'signing.imageRequired': { vi: 'Cần ảnh chữ ký (PNG nền trong suốt) cho loại ký này.', en: 'This kind of signature needs a signature image (PNG).' },
  'signing.sealRequired': { vi: 'Cần ảnh con dấu (PNG nền trong suốt) cho chữ ký ban hành.', en: 'Issuing needs the seal image (PNG).' },
  'signing.imageUnreadable': { vi: 'Ảnh không đọc được: cần tệp PNG 8 bit (RGB, RGBA, xám hoặc bảng màu).', en: 'Unreadable image: an 8-bit PNG is needed.' },
  'signing.numberRequired': { vi: 'Cần số và ký hiệu văn bản cho loại ký này.', en: 'This kind of signature needs the number and notation.' },
  'signing.signatureTooLarge': { vi: 'Chữ ký số lớn hơn chỗ dành sẵn trong tệp ({size} byte).', en: 'The signature is larger than the reserved space ({size} bytes).' },
  'signing.outputExists': { vi: 'Tệp kết quả trùng với tệp gốc; hãy chọn tên khác.', en: 'The output is the input file; choose another name.' },

  // Appearance texts (Decree 30, Appendix I)
  'signing.numberLine': { vi: 'Số: {number}', en: 'No.: {number}' },
  'signing.receiptTitle': { vi: 'ĐẾN', en: 'RECEIVED' },
  'signing.receiptNumber': { vi: 'Số: {number}', en: 'No.: {number}' },
  'signing.receiptDate': { vi: 'Ngày: {date}', en: 'Date: {date}' },
  'signing.receiptForward': { vi: 'Chuyển: {to}', en: 'Forwarded to: {to}' },
  'signing.approvalSigner': { vi: 'Ký bởi: {name}', en: 'Signed by: {name}' },
  'signing.approvalOrganisation': { vi: 'Cơ quan: {organisation}', en: 'Organisation: {organisation}' },
  'signing.approvalTime': { vi: 'Thời gian ký: {time}', en: 'Signing time: {time}' },
  'signing.reasonApproval': { vi: 'Ký duyệt văn bản', en: 'Approval signature' },
  'signing.reasonIssue': { vi: 'Ký ban hành văn bản (chữ ký số của cơ quan)', en: 'Issuing signature of the organisation' },
  'signing.reasonAttachment': { vi: 'Ký số tệp đính kèm, phụ lục', en: 'Signature of an attachment' },
  'signing.reasonReceipt': { vi: 'Tiếp nhận văn bản đến', en: 'Incoming receipt' },

  // Verification
  'verify.noSignatures': { vi: 'Tệp PDF không có chữ ký số nào.', en: 'The PDF has no digital signatures.' },
  'verify.valid': { vi: 'Tất cả {count} chữ ký số đều hợp lệ.', en: 'All {count} signatures are valid.' },
  'verify.invalid': { vi: 'Có chữ ký số không hợp lệ.', en: 'At least one signature is not valid.' },
  'verify.line': { vi: 'Chữ ký {index}: {signer}, ký lúc {time} — {status}', en: 'Signature {index}: {signer}, signed at {time} — {status}' },
  'verify.intact': { vi: 'nội dung được ký còn nguyên vẹn', en: 'signed content intact' },
  'verify.notIntact': { vi: 'NỘI DUNG ĐÃ BỊ THAY ĐỔI sau khi ký', en: 'signed content MODIFIED' },
  'verify.trusted': { vi: 'chứng thư tin cậy', en: 'trusted certificate' },
  'verify.untrusted': { vi: 'chứng thư KHÔNG chuỗi tới gốc tin cậy', en: 'certificate does NOT chain to a trusted root' },
  'verify.changesNone': { vi: 'không có thay đổi sau khi ký', en: 'no changes after signing' },
  'verify.changesAllowed': { vi: 'có thay đổi được phép sau khi ký (chữ ký khác, điền biểu mẫu, chú thích)', en: 'allowed changes after signing' },
  'verify.changesDisallowed': { vi: 'NỘI DUNG TRANG bị thay đổi sau khi ký', en: 'page content changed after signing' },
  'verify.rangeNotRevision': { vi: 'vùng được ký không trọn một phiên bản của tệp', en: 'the signed ranges do not cover a whole revision' },
  'verify.revoked': { vi: 'chứng thư đã bị thu hồi', en: 'certificate revoked' },
  'verify.notRevoked': { vi: 'chứng thư chưa bị thu hồi tại thời điểm ký', en: 'certificate not revoked at signing time' },
  'verify.timestampInvalid': { vi: 'dấu thời gian không hợp lệ', en: 'invalid timestamp' },
  'verify.expiredAtSigning': { vi: 'chứng thư không còn hiệu lực tại thời điểm ký', en: 'certificate not valid at signing time' },

  // Command line
  'signing.signSummary': { vi: 'Ký số văn bản PDF (ký duyệt, ban hành, đính kèm, tiếp nhận)', en: 'Sign a PDF (approval, issue, attachment, receipt)' },
  'signing.verifySummary': { vi: 'Kiểm tra các chữ ký số trong văn bản PDF', en: 'Verify the signatures of a PDF' },
  'signing.signed': { vi: 'Đã ký số: {file}', en: 'Signed: {file}' },
} as const satisfies Catalogue;

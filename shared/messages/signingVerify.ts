import type { Catalogue } from './catalogue';

/** Verifying PDF signatures: what the checks across revisions find besides the per-signature basics. */
export const SIGNING_VERIFY_MESSAGES = {
  'signingVerify.signatureRemoved': {
    vi: 'chữ ký này đã bị XÓA khỏi văn bản ở một phiên bản sau (vẫn còn trong tệp nhưng không còn hiện trong biểu mẫu)',
    en: 'this signature was REMOVED from the document in a later revision (still in the file, no longer in the form)',
  },
  'signingVerify.byteRangeBad': {
    vi: 'vùng được ký (/ByteRange) không hợp lệ hoặc vượt quá cuối tệp, nên không kiểm tra được nội dung được ký',
    en: 'the signed ranges (/ByteRange) are malformed or run past the end of the file, so the signed content cannot be checked',
  },
  'signingVerify.annotationsChanged': {
    vi: 'chú thích hoặc chữ ký đã có lúc ký (số, ngày ban hành, hình chữ ký) bị sửa hoặc xóa sau khi ký',
    en: 'an annotation or signature present at signing time (number, issue date, signature image) was modified or removed after signing',
  },
  'signingVerify.catalogChanged': {
    vi: 'phần thiết lập chung của văn bản (lớp nội dung ẩn/hiện, hành động hoặc mã JavaScript tự chạy khi mở, tệp đính kèm, mục lục…) bị thay đổi sau khi ký',
    en: 'document-level settings (optional-content layers shown or hidden, actions or JavaScript run on opening, embedded files, bookmarks…) were changed after signing',
  },
} as const satisfies Catalogue;

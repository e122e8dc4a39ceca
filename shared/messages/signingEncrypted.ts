import type { Catalogue } from './catalogue';

/** Signing and verifying PDFs that are encrypted with an owner password only (they open without asking). */
export const SIGNING_ENCRYPTED_MESSAGES = {
  'signingEncrypted.forbidden': {
    vi: 'Tác giả tệp PDF đã đặt chế độ bảo vệ (mật khẩu chủ sở hữu) không cho phép thêm chú thích, điền biểu mẫu hay ký vào văn bản, nên không thể thêm chữ ký số. Vanthu không gỡ bảo vệ của tác giả; hãy đề nghị bên gửi cung cấp bản cho phép ký.',
    en: "The author's protection (owner password) forbids adding annotations, form fields or signatures to this PDF. Ask the sender for a copy that allows signing.",
  },
  'signingEncrypted.unsupported': {
    vi: 'Tệp PDF được mã hóa theo cách Vanthu chưa hỗ trợ ({detail}); không ký hay kiểm tra được tệp này.',
    en: 'The PDF is encrypted in a way Vanthu does not support ({detail}).',
  },
} as const satisfies Catalogue;

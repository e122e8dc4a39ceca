import type { Catalogue } from './catalogue';

/** Signing and verification inside the app: the badge, the signature panel, the signing dialog, trusted certificates. */
export const SIGNING_UI_MESSAGES = {
  // Core refusals
  'signingUi.noModule': {
    vi: 'Chưa khai báo thư viện PKCS#11 của USB ký số (ví dụ /usr/lib/…/libsofthsm2.so). Hãy khai báo trong phần Chứng thư tin cậy và thiết bị ký.',
    en: 'No PKCS#11 library is configured for the signing token.',
  },
  'signingUi.notLatest': {
    vi: 'Tệp này không phải phiên bản mới nhất của một tệp đính kèm của văn bản. Hãy mở lại văn bản rồi ký. Không có gì được ký.',
    en: 'This file is not the newest version of an attachment of the document. Nothing was signed.',
  },
  'signingUi.notPdf': { vi: 'Chỉ ký số được tệp PDF.', en: 'Only PDF files can be signed.' },
  'signingUi.changedMeanwhile': {
    vi: 'Tệp đính kèm vừa được ký bởi người khác trong lúc bạn ký; bản ký của bạn không được lưu. Hãy mở lại văn bản và ký lại.',
    en: 'The attachment was signed by someone else meanwhile; your signature was not saved.',
  },
  'signingUi.signedBroken': { vi: 'Bản vừa ký không kiểm tra được là toàn vẹn nên không được lưu.', en: 'The signed file did not verify and was not saved.' },
  'signingUi.placementRequired': {
    vi: 'Hãy kéo chuột trên trang văn bản để chọn vị trí đặt chữ ký.',
    en: 'Drag on the page to choose where the signature goes.',
  },
  'signingUi.notCa': {
    vi: 'Chứng thư "{subject}" không phải chứng thư của tổ chức cung cấp dịch vụ chứng thực (CA) nên không thể làm chứng thư tin cậy.',
    en: 'The certificate "{subject}" is not a CA certificate and cannot be trusted as one.',
  },
  'signingUi.problemLine': { vi: '{signer}: {problems}', en: '{signer}: {problems}' },
} as const satisfies Catalogue;

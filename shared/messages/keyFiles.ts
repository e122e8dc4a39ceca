import type { Catalogue } from './catalogue';

/** Key files (.p12/.pfx) held in memory for a short while, never written to the data folder. */
export const KEY_FILE_MESSAGES = {
  'keyFiles.expired': {
    vi: 'Tệp chứng thư số .p12/.pfx không còn trong bộ nhớ (đã quá thời gian giữ hoặc đã dùng xong). Xin chọn lại tệp chứng thư.',
    en: 'The .p12/.pfx file is no longer held in memory (expired or used up). Please choose the certificate file again.',
  },
  'keyFiles.tooLarge': {
    vi: 'Tệp chứng thư số .p12/.pfx quá lớn (tối đa {max}). Hãy kiểm tra lại có chọn đúng tệp chứng thư không.',
    en: 'The .p12/.pfx file is too large (at most {max}). Check that the right file was chosen.',
  },
  'keyFiles.empty': { vi: 'Tệp chứng thư số .p12/.pfx rỗng. Xin chọn lại tệp chứng thư.', en: 'The .p12/.pfx file is empty. Please choose it again.' },
} as const satisfies Catalogue;

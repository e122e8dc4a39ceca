import type { Catalogue } from './catalogue';

/** Moving files to and from the central server. */
export const BLOB_TRANSFER_MESSAGES = {
  'sync.blob.offline': {
    vi: 'Không kết nối được máy chủ để truyền tệp. Phần đã truyền được giữ lại; việc truyền sẽ tiếp tục khi có mạng.',
    en: 'Cannot reach the server to transfer the file; what was sent is kept and the transfer resumes when the connection returns.',
  },
  'sync.blob.unauthorized': { vi: 'Phiên đăng nhập máy chủ đã hết hạn. Hãy đăng nhập lại để truyền tệp.', en: 'The server session has expired; sign in again.' },
  'sync.blob.notFound': { vi: 'Máy chủ không có tệp này, hoặc bạn không có quyền xem văn bản chứa tệp.', en: 'The server has no such file, or you may not read its document.' },
  'sync.blob.localMissing': { vi: 'Tệp cần gửi không còn trong kho trên máy này.', en: 'The file to send is no longer in the local store.' },
  'sync.blob.corrupt': {
    vi: 'Tệp bị hỏng trên đường truyền (mã băm SHA-256 không khớp) nên đã bị bỏ. Hãy thử lại.',
    en: 'The file was damaged in transfer (SHA-256 mismatch) and was discarded; try again.',
  },
  'sync.blob.refused': { vi: 'Máy chủ từ chối tệp (mã {status}).', en: 'The server refused the file (status {status}).' },
} as const satisfies Catalogue;

import type { Catalogue } from './catalogue';

/** Sync with the central server: why a change was refused, and what the client says about its state. */
export const SYNC_MESSAGES = {
  'sync.rejected.forbidden': { vi: 'Thay đổi này không được ghi dưới tên người đang đăng nhập nên máy chủ không nhận.', en: 'The change is not recorded as the logged-in user.' },
  'sync.rejected.blobMissing': { vi: 'Máy chủ chưa nhận đủ {count} tệp mà thay đổi này dùng đến.', en: '{count} files of this change are not on the server yet.' },
  'sync.rejected.exists': { vi: 'Văn bản này đã có trên máy chủ.', en: 'The document already exists on the server.' },
  'sync.rejected.notFound': { vi: 'Văn bản này không có trên máy chủ.', en: 'The document is not on the server.' },
  'sync.rejected.conflict': { vi: 'Văn bản đã được người khác xử lý trước khi thay đổi này đến máy chủ, nên thay đổi này không được áp dụng.', en: 'Someone acted on the document first; this change was not applied.' },
  'sync.rejected.numberTaken': { vi: 'Số {number} đã được cấp cho văn bản khác trên máy chủ.', en: 'Number {number} is already taken on the server.' },

  'sync.offline': { vi: 'Không kết nối được máy chủ {url}. Mọi việc vẫn làm được trên máy này và sẽ được đồng bộ khi có kết nối.', en: 'Cannot reach the server {url}; work continues offline.' },
  'sync.serverError': { vi: 'Máy chủ đang gặp lỗi (mã {status}). Vanthu sẽ thử lại sau.', en: 'The server failed ({status}); retrying later.' },
  'sync.badAnswer': { vi: 'Máy chủ trả lời không đúng định dạng: có thể phiên bản máy chủ và phần mềm không khớp.', en: 'The server answered in an unexpected format.' },
  'sync.loginRefused': { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong user name or password.' },
  'sync.sessionExpired': { vi: 'Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại vào máy chủ.', en: 'The session has expired; log in again.' },
  'sync.forbidden': { vi: 'Tài khoản này không có quyền làm việc này trên máy chủ.', en: 'This account may not do this on the server.' },
  'sync.serverBehind': { vi: 'Máy chủ đang thiếu những thay đổi đã được nhận trước đây (có thể máy chủ vừa được khôi phục từ bản sao lưu cũ). Hãy báo quản trị hệ thống.', en: 'The server lacks changes it had accepted before; tell the administrator.' },
  'sync.notLoggedIn': { vi: 'Máy này chưa đăng nhập vào máy chủ văn bản. Hãy đăng nhập trước (vanthu login).', en: 'Not logged in to a document server.' },
  'sync.noSuchRefusal': { vi: 'Không còn thay đổi bị từ chối này (có thể đã được gửi lại hoặc bỏ).', en: 'No such refused change (already reapplied or withdrawn).' },
  'cli.login.summary': { vi: 'Đăng nhập máy này vào máy chủ văn bản của cơ quan', en: 'Log in to the document server' },
  'cli.login.noPassword': { vi: 'Biến môi trường {name} không có mật khẩu.', en: 'Environment variable {name} holds no password.' },
  'cli.login.done': { vi: 'Đã đăng nhập {user} vào {server}. Thay đổi chờ đồng bộ: {pending}.', en: 'Logged in {user} to {server}; {pending} changes waiting.' },
  'cli.sync.summary': { vi: 'Đồng bộ với máy chủ văn bản (sync status: xem trạng thái)', en: 'Sync with the document server' },
  'cli.sync.server': { vi: 'Máy chủ: {server} — người dùng: {user}', en: 'Server: {server} — user: {user}' },
  'cli.sync.pending': { vi: 'Thay đổi chờ gửi: {count} (cũ nhất: {oldest})', en: 'Changes waiting: {count} (oldest: {oldest})' },
  'cli.sync.last': { vi: 'Lần đồng bộ thành công gần nhất: {at}', en: 'Last successful sync: {at}' },
  'cli.sync.lastError': { vi: 'Lỗi lần trước: {message}', en: 'Last error: {message}' },
  'cli.sync.rejectedLine': { vi: 'Bị từ chối {at}: {message}', en: 'Refused {at}: {message}' },
  'cli.sync.done': { vi: 'Đã gửi {pushed} thay đổi, nhận {pulled} văn bản; tệp: gửi {up}, nhận {down}.', en: 'Pushed {pushed}, pulled {pulled}; files up {up}, down {down}.' },
  'server.clientOfAnotherUser': { vi: 'Mã máy trạm này đã được đăng ký cho người dùng khác.', en: 'This client id belongs to another user.' },
} satisfies Catalogue;

import type { Catalogue } from './catalogue';

/** What `npm run web` prints when it starts, or why it could not. */
export const WEB_HOST_MESSAGES = {
  'webHost.running': { vi: 'Vanthu đang chạy trong trình duyệt (dữ liệu: {dataDir}).', en: 'Vanthu is running in the browser (data: {dataDir}).' },
  'webHost.usage': { vi: 'Cách dùng: npm run web -- [--data THƯ_MỤC] [--port CỔNG] [--sync-every GIÂY]', en: 'Usage: npm run web -- [--data DIR] [--port PORT] [--sync-every SECONDS]' },
  'webHost.badSyncEvery': { vi: 'Chu kỳ đồng bộ không hợp lệ: --sync-every cần một số giây từ 1 đến 86400.', en: 'Invalid --sync-every: 1–86400 seconds.' },
  'webHost.badOption': { vi: 'Tùy chọn chưa đúng: {detail}', en: 'Wrong option: {detail}' },
  'webHost.badPort': { vi: 'Cổng không hợp lệ: --port cần một số từ 0 đến 65535 (0: tự chọn cổng trống).', en: 'Invalid port: --port takes 0–65535 (0 picks a free one).' },
  'webHost.portInUse': { vi: 'Cổng {port} đang được chương trình khác dùng; hãy chọn cổng khác hoặc bỏ --port.', en: 'Port {port} is in use; choose another or leave out --port.' },
  'webHost.portDenied': { vi: 'Không được phép dùng cổng {port} (cổng dưới 1024 cần quyền quản trị); hãy chọn cổng khác hoặc bỏ --port.', en: 'Port {port} is not allowed; choose another or leave out --port.' },
  'webHost.startFailed': {
    vi: 'Không khởi động được (thư mục dữ liệu: {dataDir}). Đặt biến môi trường VANTHU_DEBUG=1 để xem chi tiết.',
    en: 'Could not start (data folder: {dataDir}). Set VANTHU_DEBUG=1 for details.',
  },
} as const satisfies Catalogue;

import type { Catalogue } from './catalogue';

/** The thread that signs and verifies in the background: when it cannot start, stops, or stops answering. */
export const SIGNING_WORKER_MESSAGES = {
  'signingWorker.startFailed': {
    vi: 'Không khởi động được bộ phận ký số và kiểm tra chữ ký của Vanthu. Hãy khởi động lại Vanthu; nếu vẫn lỗi, hãy cài đặt lại phần mềm.',
    en: 'The signing and verification component could not start. Restart Vanthu; reinstall it if this persists.',
  },
  'signingWorker.crashed': {
    vi: 'Bộ phận ký số và kiểm tra chữ ký dừng đột ngột nên thao tác chưa hoàn thành; không có gì được ký hay thay đổi. Hãy thử lại.',
    en: 'The signing and verification component stopped unexpectedly; nothing was signed or changed. Try again.',
  },
  'signingWorker.timedOut': {
    vi: 'Bộ phận ký số và kiểm tra chữ ký không phản hồi sau {seconds} giây nên đã bị dừng; không có gì được ký hay thay đổi. Nếu dùng USB token, hãy rút ra, cắm lại rồi thử lại.',
    en: 'The signing and verification component did not respond for {seconds} seconds and was stopped; nothing was signed or changed. With a USB token, unplug it, plug it back in and try again.',
  },
  'signingWorker.stopped': {
    vi: 'Thao tác ký số hoặc kiểm tra chữ ký đã bị dừng vì Vanthu đang đóng hoặc khởi động lại bộ phận ký số; không có gì được ký hay thay đổi.',
    en: 'Signing or verification was stopped because Vanthu is closing or restarting its signing component; nothing was signed or changed.',
  },
} as const satisfies Catalogue;

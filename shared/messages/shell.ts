import type { Catalogue } from './catalogue';

/** The desktop shell: application menu, dialogs of the Electron window, and what `npm start` says while starting. */
export const SHELL_MESSAGES = {
  // Application menu
  'shell.menu.file': { vi: 'Tệp', en: 'File' },
  'shell.menu.quit': { vi: 'Thoát', en: 'Quit' },
  'shell.menu.close': { vi: 'Đóng cửa sổ', en: 'Close window' },
  'shell.menu.edit': { vi: 'Sửa', en: 'Edit' },
  'shell.menu.undo': { vi: 'Hoàn tác', en: 'Undo' },
  'shell.menu.redo': { vi: 'Làm lại', en: 'Redo' },
  'shell.menu.cut': { vi: 'Cắt', en: 'Cut' },
  'shell.menu.copy': { vi: 'Sao chép', en: 'Copy' },
  'shell.menu.paste': { vi: 'Dán', en: 'Paste' },
  'shell.menu.selectAll': { vi: 'Chọn tất cả', en: 'Select all' },
  'shell.menu.view': { vi: 'Xem', en: 'View' },
  'shell.menu.reload': { vi: 'Tải lại', en: 'Reload' },
  'shell.menu.resetZoom': { vi: 'Cỡ hiển thị mặc định', en: 'Actual size' },
  'shell.menu.zoomIn': { vi: 'Phóng to', en: 'Zoom in' },
  'shell.menu.zoomOut': { vi: 'Thu nhỏ', en: 'Zoom out' },
  'shell.menu.fullScreen': { vi: 'Toàn màn hình', en: 'Full screen' },
  'shell.menu.devTools': { vi: 'Công cụ dành cho nhà phát triển', en: 'Developer tools' },
  'shell.menu.help': { vi: 'Trợ giúp', en: 'Help' },
  'shell.menu.about': { vi: 'Giới thiệu Vanthu', en: 'About Vanthu' },
  'shell.menu.hide': { vi: 'Ẩn Vanthu', en: 'Hide Vanthu' },
  'shell.menu.hideOthers': { vi: 'Ẩn các ứng dụng khác', en: 'Hide others' },
  'shell.menu.showAll': { vi: 'Hiện tất cả', en: 'Show all' },

  // Dialogs of the desktop window
  'shell.about.title': { vi: 'Giới thiệu Vanthu', en: 'About Vanthu' },
  'shell.about.message': { vi: 'Vanthu — phần mềm văn thư điện tử, phiên bản {version}', en: 'Vanthu — e-office client, version {version}' },
  'shell.about.detail': { vi: 'Thư mục dữ liệu: {dataDir}', en: 'Data folder: {dataDir}' },
  'shell.about.ok': { vi: 'Đóng', en: 'Close' },
  'shell.startFailed.title': { vi: 'Không khởi động được Vanthu', en: 'Vanthu could not start' },
  'shell.startFailed.detail': {
    vi: 'Không mở được dữ liệu tại {dataDir}: {reason}. Dữ liệu chưa bị thay đổi.',
    en: 'Could not open the data in {dataDir}: {reason}. Nothing was changed.',
  },

  // Refusals of the IPC transport
  'shell.senderRefused': { vi: 'Yêu cầu bị từ chối: không đến từ cửa sổ chính của Vanthu.', en: 'Refused: not from the Vanthu window.' },
  'shell.uploadInvalid': { vi: 'Tệp tải lên không hợp lệ (cần nội dung tệp và tên tệp).', en: 'Invalid upload (bytes and a file name are needed).' },
  'shell.unknownEvent': { vi: 'Vanthu không có sự kiện "{event}".', en: 'Event "{event}" is not in the contract.' },
  'shell.unknownMethod': { vi: 'Vanthu không có chức năng "{method}".', en: 'Method "{method}" is not in the contract.' },

  // A package opened from the file manager (the .edxml file association)
  'shell.openedFile.title': { vi: 'Gói tin edXML {name}', en: 'edXML package {name}' },
  'shell.openedFile.notEdxml': { vi: 'Vanthu chỉ mở được gói tin edXML (tệp .edxml); {name} không phải gói tin.', en: 'Vanthu opens edXML packages (.edxml files) only; {name} is not one.' },
  'shell.openedFile.unreadable': { vi: 'Không đọc được tệp {name}: tệp không còn, không phải tệp thường hoặc không có quyền đọc.', en: 'Cannot read {name}: it is gone, not a regular file, or not readable.' },

  // `npm start`
  'shell.start.building': { vi: 'Đang dựng {what}…', en: 'Building {what}…' },
  'shell.start.what.renderer': { vi: 'giao diện (vite)', en: 'the interface (vite)' },
  'shell.start.what.electron': { vi: 'tiến trình Electron (main, preload)', en: 'the Electron processes (main, preload)' },
  'shell.start.buildFailed': { vi: 'Dựng {what} không thành công; xem lỗi ở trên.', en: 'Building {what} failed; see above.' },
  'shell.start.launchingElectron': { vi: 'Đang mở Vanthu bằng Electron {version}…', en: 'Starting Vanthu in Electron {version}…' },
  'shell.start.noElectron': {
    vi: 'Không có tệp chạy Electron trên máy này ({reason}). Điều này bình thường ở mạng nội bộ không nối Internet và trên máy dựng: gói electron là phụ thuộc tùy chọn và không tải được tệp chạy. Vanthu sẽ chạy trong trình duyệt với cùng dữ liệu và cùng chức năng.',
    en: 'No Electron binary on this machine ({reason}); normal on air-gapped networks and build machines. Vanthu runs in the browser instead.',
  },
  'shell.start.noElectron.notInstalled': { vi: 'gói electron chưa được cài', en: 'the electron package is not installed' },
  'shell.start.noElectron.missingBinary': { vi: 'gói electron có nhưng thiếu tệp chạy', en: 'the electron package has no binary' },
  'shell.start.nativeMismatch': {
    vi: 'Mô-đun gốc {module} đang được biên dịch cho Node, chưa cho Electron. Chạy "npx electron-builder install-app-deps" để biên dịch lại cho Electron (sau đó "npm rebuild {module}" để dùng lại với Node cho kiểm thử). Tạm thời Vanthu chạy trong trình duyệt.',
    en: 'Native module {module} is built for Node, not Electron. Run "npx electron-builder install-app-deps" (then "npm rebuild {module}" for Node tests). Running in the browser meanwhile.',
  },
} as const satisfies Catalogue;

import type { Catalogue } from './catalogue';

/** What the central document server says: to the apps over HTTP, and to the person who starts and sets it up. */
export const SERVER_MESSAGES = {
  // HTTP answers
  'server.unauthorized': { vi: 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Hãy đăng nhập lại.', en: 'The session is invalid or has expired. Log in again.' },
  'server.badCredentials': { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
  'server.accountDisabled': { vi: 'Tài khoản này đã bị khóa. Hãy liên hệ người quản trị của cơ quan.', en: 'This account is disabled. Contact your administrator.' },
  'server.badJson': { vi: 'Nội dung gửi lên không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' },
  'server.settingsForbidden': { vi: 'Chỉ văn thư hoặc lãnh đạo được thay đổi quy chế của cơ quan.', en: 'Only a clerk or a leader may change the organisation’s rules.' },
  'server.badInput': { vi: 'Dữ liệu gửi lên chưa hợp lệ (trường: {fields}).', en: 'The request is not valid (fields: {fields}).' },
  'server.tooLarge': { vi: 'Nội dung gửi lên quá lớn (tối đa {max} MB).', en: 'The request body is too large (at most {max} MB).' },
  'server.notFound': { vi: 'Máy chủ không có địa chỉ này.', en: 'No such address on this server.' },
  'server.wrongHost': { vi: 'Máy chủ không mang tên này (tiêu đề Host); yêu cầu bị từ chối.', en: 'This server does not go by that name (Host header); refused.' },
  'server.foreignOrigin': { vi: 'Yêu cầu đến từ trang của nơi khác; máy chủ chỉ nhận yêu cầu từ trang của chính nó.', en: 'The request comes from another site’s page; refused.' },
  'server.internal': { vi: 'Máy chủ gặp lỗi ngoài dự kiến. Hãy thử lại sau.', en: 'Unexpected server error. Try again later.' },
  // Starting the server
  'server.usage': {
    vi: 'Cách dùng: npm run server -- [--data THƯ_MỤC] [--port CỔNG] [--host ĐỊA_CHỈ] [--host-name TÊN_MIỀN]... [--database-url URL] [--tls-cert TỆP --tls-key TỆP]',
    en: 'Usage: npm run server -- [--data DIR] [--port PORT] [--host HOST] [--host-name NAME]... [--database-url URL] [--tls-cert FILE --tls-key FILE]',
  },
  'server.badOption': { vi: 'Tùy chọn chưa đúng: {detail}', en: 'Wrong option: {detail}' },
  'server.badPort': { vi: 'Cổng không hợp lệ: --port cần một số từ 0 đến 65535 (0: tự chọn cổng trống).', en: 'Invalid port: --port takes 0–65535 (0 picks a free one).' },
  'server.portInUse': { vi: 'Cổng {port} đang được chương trình khác dùng; hãy chọn cổng khác.', en: 'Port {port} is in use; choose another.' },
  'server.tlsPair': { vi: '--tls-cert và --tls-key phải được cho cùng nhau.', en: '--tls-cert and --tls-key go together.' },
  'server.tlsUnreadable': { vi: 'Không đọc được tệp chứng thư hoặc khóa TLS: {file}', en: 'Cannot read the TLS certificate or key: {file}' },
  'server.databaseFailed': {
    vi: 'Không mở được cơ sở dữ liệu (thư mục dữ liệu: {dataDir}). Đặt biến môi trường VANTHU_DEBUG=1 để xem chi tiết.',
    en: 'Could not open the database (data folder: {dataDir}). Set VANTHU_DEBUG=1 for details.',
  },
  'server.startFailed': { vi: 'Máy chủ không khởi động được. Đặt biến môi trường VANTHU_DEBUG=1 để xem chi tiết.', en: 'The server could not start. Set VANTHU_DEBUG=1 for details.' },
  // vanthu-server: setting up organisations and accounts
  'serverCli.usage': {
    vi: [
      'Cách dùng:',
      '  vanthu-server [--data THƯ_MỤC] [--database-url URL] init --org-name TÊN --organ-id MÃ [--org-abbrev VIẾT_TẮT] [--unit "Tên:VIẾT_TẮT"]... --admin TÊN_ĐĂNG_NHẬP [--admin-name HỌ_TÊN] --password-env BIẾN',
      '  vanthu-server [--data THƯ_MỤC] [--database-url URL] user add TÊN_ĐĂNG_NHẬP --name HỌ_TÊN --role van_thu|lanh_dao|chuyen_vien [--position CHỨC_VỤ] --unit VIẾT_TẮT [--org MÃ] --password-env BIẾN',
      '  vanthu-server [--data THƯ_MỤC] [--database-url URL] axis token --name TÊN_BỘ_KẾT_NỐI',
      'Mật khẩu chỉ được đọc từ biến môi trường có tên cho ở --password-env.',
    ].join('\n'),
    en: [
      'Usage:',
      '  vanthu-server [--data DIR] [--database-url URL] init --org-name NAME --organ-id ID [--org-abbrev ABBR] [--unit "Name:ABBR"]... --admin USER [--admin-name FULL_NAME] --password-env VAR',
      '  vanthu-server [--data DIR] [--database-url URL] user add USER --name FULL_NAME --role van_thu|lanh_dao|chuyen_vien [--position TITLE] --unit ABBR [--org ID] --password-env VAR',
      '  vanthu-server [--data DIR] [--database-url URL] axis token --name ADAPTER_NAME',
      'Passwords are read only from the environment variable named by --password-env.',
    ].join('\n'),
  },
  'serverCli.unknownCommand': { vi: 'Không có lệnh "{command}".', en: 'There is no command "{command}".' },
  'serverCli.missingOption': { vi: 'Thiếu tùy chọn {option}.', en: 'Option {option} is missing.' },
  'serverCli.passwordEnvMissing': {
    vi: 'Biến môi trường {name} chưa được đặt hoặc rỗng: mật khẩu chỉ được đọc từ biến môi trường.',
    en: 'The environment variable {name} is not set or empty: passwords are read only from the environment.',
  },
  'serverCli.passwordTooShort': { vi: 'Mật khẩu cần ít nhất {min} ký tự.', en: 'The password needs at least {min} characters.' },
  'serverCli.badUnitSpec': { vi: '--unit "{value}" chưa đúng dạng "Tên đơn vị:VIẾT_TẮT".', en: '--unit "{value}" is not of the form "Unit name:ABBR".' },
  'serverCli.duplicateUnit': { vi: 'Viết tắt đơn vị "{abbrev}" được cho hai lần.', en: 'The unit abbreviation "{abbrev}" is given twice.' },
  'serverCli.badRole': { vi: 'Vai trò "{role}" không có; hãy chọn van_thu, lanh_dao hoặc chuyen_vien.', en: 'No role "{role}"; choose van_thu, lanh_dao or chuyen_vien.' },
  'serverCli.orgExists': { vi: 'Đã có cơ quan với mã định danh {organId} trên máy chủ này.', en: 'An organisation with OrganId {organId} already exists here.' },
  'serverCli.noOrg': { vi: 'Máy chủ chưa có cơ quan nào; hãy chạy "vanthu-server init" trước.', en: 'No organisation yet; run "vanthu-server init" first.' },
  'serverCli.orgAmbiguous': { vi: 'Máy chủ có nhiều cơ quan; hãy chỉ rõ cơ quan bằng --org MÃ_ĐỊNH_DANH.', en: 'Several organisations here; name one with --org ORGAN_ID.' },
  'serverCli.orgUnknown': { vi: 'Không có cơ quan với mã định danh {organId} trên máy chủ này.', en: 'No organisation with OrganId {organId} here.' },
  'serverCli.unitUnknown': { vi: 'Cơ quan không có đơn vị viết tắt "{abbrev}".', en: 'The organisation has no unit "{abbrev}".' },
  'serverCli.userExists': { vi: 'Tên đăng nhập "{username}" đã có người dùng.', en: 'The username "{username}" is taken.' },
  'serverCli.axisToken': {
    vi: 'Mã truy cập của bộ kết nối trục liên thông "{name}" (chỉ hiện một lần, hãy lưu lại):\n{token}',
    en: 'Access token of the axis adapter "{name}" (shown once, keep it):\n{token}',
  },
  'serverCli.initDone': {
    vi: 'Đã tạo cơ quan {name} ({organId}) với {units} đơn vị và tài khoản quản trị {admin}.',
    en: 'Created {name} ({organId}) with {units} units and the administrator {admin}.',
  },
  'serverCli.userAdded': { vi: 'Đã thêm tài khoản {username} ({fullName}) vào đơn vị {unit}.', en: 'Added {username} ({fullName}) to unit {unit}.' },
  'serverCli.failed': { vi: 'Lệnh không thực hiện được. Đặt biến môi trường VANTHU_DEBUG=1 để xem chi tiết.', en: 'The command failed. Set VANTHU_DEBUG=1 for details.' },
} as const satisfies Catalogue;

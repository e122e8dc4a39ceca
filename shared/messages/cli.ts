import type { Catalogue } from './catalogue';

/** The `vanthu` command line's own words. */
export const CLI_MESSAGES = {
  'cli.usageError': { vi: 'Cách dùng chưa đúng: {detail}', en: 'Usage error: {detail}' },
  'cli.unknownCommand': { vi: 'Không có lệnh "{name}". Xem: vanthu --help', en: 'Unknown command "{name}".' },
  'cli.help': {
    vi: 'vanthu — phần mềm văn thư (quản lý văn bản đến, đi và ký số)\n\nCách dùng: vanthu [--data THƯ_MỤC] <lệnh> [tùy chọn]\n\nCác lệnh:',
    en: 'vanthu — e-office client\n\nUsage: vanthu [--data DIR] <command> [options]\n\nCommands:',
  },
  'cli.init.summary': { vi: 'Khai báo cơ quan (tên, mã định danh, chữ viết tắt), đơn vị và cán bộ', en: 'Set up the organisation' },
  'cli.init.done': { vi: 'Đã lưu thông tin cơ quan: {name} ({organId}).', en: 'Organisation saved: {name} ({organId}).' },
  'cli.init.badUnit': { vi: 'Đơn vị phải có dạng "Tên đơn vị:VIẾT_TẮT": {value}', en: 'A unit is "Name:ABBREV": {value}' },
  'cli.init.badStaff': {
    vi: 'Cán bộ phải có dạng "Họ tên:Chức vụ:ĐƠN_VỊ:vai_trò" (vai trò: van_thu, lanh_dao, chuyen_vien): {value}',
    en: 'A staff member is "Name:Position:UNIT:role": {value}',
  },
  'cli.register.summary': { vi: 'Đăng ký văn bản đến (số đến được cấp tự động)', en: 'Register an incoming document' },
  'cli.register.provisional': {
    vi: 'Đã đăng ký văn bản đến ngày {date}, chờ cấp số (máy giữ sổ cấp khi đồng bộ): {notation} — {subject}',
    en: 'Registered on {date}, awaiting its number from the register holder: {notation} — {subject}',
  },
  'cli.register.done': { vi: 'Đã đăng ký văn bản đến số {number} ngày {date}: {notation} — {subject}', en: 'Registered as incoming number {number} of {date}: {notation} — {subject}' },
  'cli.register.badSet': { vi: 'Tùy chọn --set cần dạng Trường=giá trị với trường hợp lệ ({fields}): {value}', en: '--set needs Field=value with a known field ({fields}): {value}' },
  'cli.register.duplicate': {
    vi: 'Văn bản có thể đã được đăng ký (trùng số, ký hiệu và cơ quan ban hành, hoặc trùng mã văn bản). Dùng --force --reason "<lý do>" để vẫn đăng ký.',
    en: 'Possible duplicate; use --force --reason to register anyway.',
  },
  'cli.register.match': { vi: '  – Số đến {number}/{year}, {notation}, {organ}: {subject}', en: '  – number {number}/{year}, {notation}, {organ}: {subject}' },
  'cli.register.problem': { vi: 'Lưu ý về tệp {file}: {message}', en: 'Note about {file}: {message}' },
  'cli.register.missing': { vi: 'Thiếu hoặc sai trường: {fields}', en: 'Missing or invalid fields: {fields}' },
  'cli.search.summary': { vi: 'Tìm văn bản đến (không cần gõ dấu)', en: 'Search incoming documents' },
  'cli.search.none': { vi: 'Không tìm thấy văn bản nào.', en: 'Nothing found.' },
  'cli.book.summary': { vi: 'In sổ đăng ký văn bản đến (mặc định), văn bản đi (--kind outgoing) hoặc sổ theo dõi giải quyết (--kind tracking) ra PDF hoặc XLSX theo khoảng ngày', en: 'Export the incoming, outgoing or handling register book' },
  /** {register} is the register's name in lower case: "sổ đăng ký văn bản đi". */
  'cli.book.done': { vi: 'Đã ghi {register} vào {file}.', en: '{register} written to {file}.' },
  'cli.book.badFormat': { vi: 'Tệp ra phải có đuôi .pdf hoặc .xlsx.', en: 'The output must end in .pdf or .xlsx.' },
  'cli.outgoing.summary': { vi: 'Văn bản đi: tạo dự thảo, ký duyệt, cấp số và phát hành, gửi, thu hồi, liệt kê, xuất bản PDF', en: 'Outgoing documents' },
  'cli.outgoing.line': { vi: '{id}  {code}  [{status}]  {subject}', en: '{id}  {code}  [{status}]  {subject}' },
  'cli.outgoing.exported': { vi: 'Đã ghi văn bản {code} vào {file}.', en: 'Document {code} written to {file}.' },
  'cli.outgoing.secretMissing': { vi: 'Biến môi trường {variable} chưa có mật khẩu hoặc mã PIN.', en: 'The environment variable {variable} holds no password or PIN.' },
  'cli.outgoing.noTokenKey': { vi: 'Không thấy chứng thư dùng được trên USB ký số (kiểm tra --token, --key-label và hạn của chứng thư).', en: 'No usable certificate on the token.' },
  'cli.outgoing.badRecipient': { vi: 'Nơi nhận "{value}" không phải mã định danh cơ quan, chữ viết tắt đơn vị hay họ tên cán bộ.', en: 'Recipient "{value}" is no OrganId, unit or staff member.' },
  'cli.outgoing.staffUnknown': { vi: 'Không có cán bộ "{name}" trong danh sách của cơ quan.', en: 'No staff member "{name}".' },
  'cli.outgoing.badCompetence': { vi: 'Thẩm quyền ký phải là TM., KT., Q., TL. hoặc TUQ.: {value}', en: 'The signing authority must be TM., KT., Q., TL. or TUQ.: {value}' },
  'cli.outgoing.badSet': {
    vi: 'Tùy chọn --set của văn bản đi nhận TypeName, Subject, SignerInfo.FullName, SignerInfo.Position, SignerInfo.Competence, To, Priority, IssuedAmount, DueDate, Description: {value}',
    en: 'Outgoing --set takes TypeName, Subject, SignerInfo.*, To, Priority, IssuedAmount, DueDate, Description: {value}',
  },
  'cli.outgoing.signerNeeded': { vi: 'Cần người ký: --set SignerInfo.FullName=<họ tên> (cơ quan chưa có lãnh đạo nào).', en: 'A signer is needed.' },
  'cli.fileMissing': { vi: 'Không đọc được tệp {file}: tệp không tồn tại hoặc không có quyền đọc.', en: 'Cannot read {file}.' },
  'cli.writeFailed': { vi: 'Không ghi được tệp {file}.', en: 'Cannot write {file}.' },
} as const satisfies Catalogue;

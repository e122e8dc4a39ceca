/**
 * Realistic incoming documents for scale runs: the issuing bodies, types and subjects a provincial department or a
 * commune office receives, spread over several years, generated from a seed so that runs compare.
 */
import type { IncomingFields } from '../../shared/contract';
import { DOCUMENT_TYPES } from '../../shared/domain/documentTypes';
import { mulberry32 } from '../support/prng';

const PROVINCES = ['Hà Tĩnh', 'Nghệ An', 'Quảng Bình', 'Thanh Hóa', 'Đắk Lắk', 'Lâm Đồng', 'Cần Thơ', 'Bắc Giang', 'Thái Bình', 'Phú Thọ'];
const BODIES = [
  'Ủy ban nhân dân tỉnh {p}',
  'Văn phòng Ủy ban nhân dân tỉnh {p}',
  'Sở Tài nguyên và Môi trường tỉnh {p}',
  'Sở Tài chính tỉnh {p}',
  'Sở Nội vụ tỉnh {p}',
  'Sở Giáo dục và Đào tạo tỉnh {p}',
  'Sở Y tế tỉnh {p}',
  'Sở Kế hoạch và Đầu tư tỉnh {p}',
  'Sở Nông nghiệp và Phát triển nông thôn tỉnh {p}',
  'Sở Xây dựng tỉnh {p}',
  'Sở Tư pháp tỉnh {p}',
  'Công an tỉnh {p}',
  'Bảo hiểm xã hội tỉnh {p}',
  'Ủy ban nhân dân huyện Kỳ Anh',
  'Ủy ban nhân dân thành phố Vinh',
  'Bộ Nội vụ',
  'Bộ Tài chính',
  'Văn phòng Chính phủ',
];
const ACTIONS = ['triển khai', 'hướng dẫn', 'đề nghị báo cáo', 'tăng cường', 'rà soát', 'góp ý dự thảo', 'phê duyệt', 'kiểm tra', 'tổng kết', 'điều chỉnh'];
const TOPICS = [
  'công tác cải cách hành chính',
  'quản lý đất đai và cấp giấy chứng nhận quyền sử dụng đất',
  'phòng, chống thiên tai và tìm kiếm cứu nạn',
  'dự toán ngân sách nhà nước',
  'chuyển đổi số trong cơ quan nhà nước',
  'công tác văn thư, lưu trữ',
  'tuyển dụng công chức cấp xã',
  'bảo vệ môi trường khu dân cư',
  'xây dựng nông thôn mới',
  'tiêm chủng mở rộng',
  'giải quyết khiếu nại, tố cáo của công dân',
  'quy hoạch sử dụng đất',
  'an toàn giao thông dịp cuối năm',
  'thu bảo hiểm xã hội, bảo hiểm y tế',
  'kế hoạch đầu tư công trung hạn',
];
const PERIODS = ['năm {y}', 'quý I năm {y}', '6 tháng đầu năm {y}', 'tháng {m} năm {y}', 'giai đoạn 2026-2030'];
/** Words that appear in about one document in ten thousand: what a "rare word" search looks for. */
export const RARE_WORDS = ['khinh khí cầu', 'san hô', 'voọc chà vá', 'hải đăng', 'đàn đá'];
const SIGNERS = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Quang Cường', 'Phạm Thị Dung', 'Hoàng Văn Em', 'Võ Minh Giang', 'Đặng Thu Hà'];
const POSITIONS = ['Giám đốc', 'Phó Giám đốc', 'Chủ tịch', 'Phó Chủ tịch', 'Chánh Văn phòng'];

const YEARS = [2020, 2021, 2022, 2023, 2024, 2025, 2026];
const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * `inArrivalOrder`: the number of documents the register will hold, written day by day from the first year's January
 * to the last year's October 28, as a register is: each number arrives on or after the one before it. Without it
 * every document draws its own date in any year, so numbers and dates run against each other.
 */
export function makeIncomingGenerator(seed = 2026, years = YEARS, inArrivalOrder?: number) {
  const rnd = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const firstDay = Date.UTC(years[0]!, 0, 1);
  const days = (Date.UTC(years.at(-1)!, 9, 28) - firstDay) / DAY_MS + 1;
  let serial = 0;
  return (): IncomingFields => {
    serial++;
    // The same draws in both orders, so that every other field is what earlier runs generated.
    const drawnYear = pick(years);
    const drawnMonth = 1 + Math.floor(rnd() * (drawnYear === 2026 ? 10 : 12));
    const drawnDay = 1 + Math.floor(rnd() * 28);
    const issuedEarlier = Math.floor(rnd() * 3);
    const pad = (n: number) => String(n).padStart(2, '0');
    const arrivalMs = inArrivalOrder ? firstDay + Math.floor(((serial - 1) * days) / inArrivalOrder) * DAY_MS : null;
    const arrival = arrivalMs === null ? `${drawnYear}-${pad(drawnMonth)}-${pad(drawnDay)}` : isoDay(arrivalMs);
    const issued = arrivalMs === null ? `${drawnYear}-${pad(drawnMonth)}-${pad(Math.max(1, drawnDay - issuedEarlier))}` : isoDay(arrivalMs - issuedEarlier * DAY_MS);
    const year = Number(arrival.slice(0, 4));
    const month = Number(arrival.slice(5, 7));
    const type = rnd() < 0.45 ? DOCUMENT_TYPES.find((t) => t.name === 'Công văn')! : pick(DOCUMENT_TYPES);
    const body = pick(BODIES).replace('{p}', pick(PROVINCES));
    const period = pick(PERIODS).replace('{y}', String(year)).replace('{m}', String(month));
    let subject = `${type.abbrev ? '' : 'V/v '}${pick(ACTIONS)} ${pick(TOPICS)} ${period}`;
    if (rnd() < 0.0001) subject += ` tại khu vực ${pick(RARE_WORDS)}`;
    const abbrev = body.startsWith('Ủy ban') ? 'UBND' : body.startsWith('Sở') ? 'S' + body.split(' ')[1]!.slice(0, 2).toUpperCase() : 'VP';
    return {
      arrivalDate: arrival,
      organName: body,
      codeNumber: String(serial % 9000 + 1),
      codeNotation: type.abbrev ? `${type.abbrev}-${abbrev}` : `${abbrev}-VP`,
      issuedDate: issued,
      typeName: type.name,
      subject: subject.charAt(0).toUpperCase() + subject.slice(1),
      signerName: pick(SIGNERS),
      signerPosition: pick(POSITIONS),
      place: pick(PROVINCES),
      priority: rnd() < 0.9 ? 0 : 1 + Math.floor(rnd() * 3),
      secrecy: 'none',
      pageAmount: 1 + Math.floor(rnd() * 8),
      dueDate: dueDateOf(issued, serial),
      toPlaces: '',
      note: '',
      documentId: '',
      channel: rnd() < 0.7 ? 'electronic' : 'paper',
      restricted: false,
    };
  };
}

/**
 * Two documents in five carry a handling deadline 7 to 29 days after issue. Derived from the serial, not drawn from
 * the random stream, so every other field stays what earlier runs generated.
 */
function dueDateOf(issued: string, serial: number): string | null {
  if (serial % 5 >= 2) return null;
  const d = new Date(`${issued}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 7 + (serial % 23));
  return d.toISOString().slice(0, 10);
}

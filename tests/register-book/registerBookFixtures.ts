import type { OutgoingRegisterBook, OutgoingRegisterEntry, RegisterBook, RegisterBookEntry } from '../../electron/core/register-book/registerBookEntry';
import { msg } from '../../shared/messages';

/** Issuing bodies with abbreviations, as they appear on real incoming mail. */
const ISSUERS = [
  ['Ủy ban nhân dân tỉnh Đắk Lắk', 'UBND'],
  ['Bộ Nội vụ', 'BNV'],
  ['Sở Tài nguyên và Môi trường tỉnh Quảng Ngãi', 'STNMT'],
  ['Văn phòng Chính phủ', 'VPCP'],
  ['Sở Giáo dục và Đào tạo thành phố Hồ Chí Minh', 'SGDĐT'],
  ['Ban Chỉ đạo phòng, chống thiên tai và tìm kiếm cứu nạn huyện Điện Biên Đông', 'BCĐ'],
  ['Kho bạc Nhà nước khu vực XVII', 'KBNN'],
  ['Bảo hiểm xã hội Việt Nam', 'BHXH'],
] as const;

const TYPES = [
  ['Quyết định', 'QĐ'],
  ['Công văn', null],
  ['Kế hoạch', 'KH'],
  ['Thông báo', 'TB'],
  ['Báo cáo', 'BC'],
  ['Giấy mời', 'GM'],
  ['Tờ trình', 'TTr'],
  ['Hướng dẫn', 'HD'],
] as const;

const SUBJECTS = [
  'Về việc phê duyệt kế hoạch sử dụng đất năm 2026 của huyện Krông Bông',
  'V/v đôn đốc triển khai thực hiện Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư, bảo đảm chất lượng và tiến độ số hóa tài liệu lưu trữ, kết nối liên thông văn bản điện tử giữa các cơ quan, đơn vị trên địa bàn tỉnh, đồng thời rà soát, cập nhật danh mục hồ sơ và thời hạn bảo quản hồ sơ, tài liệu theo quy định hiện hành',
  'Hướng dẫn quyết toán kinh phí hỗ trợ khắc phục hậu quả bão số 3 (Yagi) và mưa lũ sau bão',
  'Mời dự hội nghị trực tuyến tổng kết công tác cải cách hành chính năm 2025, triển khai nhiệm vụ năm 2026',
  'Báo cáo kết quả thực hiện Đề án 06 về phát triển ứng dụng dữ liệu dân cư, định danh và xác thực điện tử quý IV',
  'Thông báo ý kiến kết luận của đồng chí Phó Chủ tịch Thường trực về việc giải quyết kiến nghị của cử tri xã Ea Trang',
  'Về việc tăng cường phòng, chống dịch sốt xuất huyết; đẩy mạnh diệt lăng quăng, bọ gậy trong mùa mưa',
  'Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Văn phòng Sở',
] as const;

const RECIPIENTS = [
  'Phòng Tổng hợp',
  'Đ/c Nguyễn Thị Hương Giang, Phó Giám đốc',
  'Phòng Kế hoạch – Tài chính',
  'Văn phòng; Phòng Quản lý đất đai; Trung tâm Phát triển quỹ đất',
  'Lãnh đạo Sở',
] as const;

const NOTES = ['', '', 'Bản điện tử', 'Hỏa tốc', 'Khẩn', 'Đã trả lời bằng Công văn số 125/SNV-VP', ''] as const;

/** A small deterministic generator, so a failing book can be rebuilt exactly. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function pick<T>(items: readonly T[], next: () => number): T {
  return items[Math.floor(next() * items.length)] as T;
}

function isoDay(year: number, dayOfYear: number): string {
  return new Date(Date.UTC(year, 0, 1 + dayOfYear)).toISOString().slice(0, 10);
}

/**
 * count entries spread over the year in arrival order. Every third entry's texts are NFD (decomposed), as text
 * pasted from some systems arrives; the book must print them the same as NFC.
 */
export function makeEntries(count: number, year = 2026, seed = 7): RegisterBookEntry[] {
  const next = random(seed);
  const entries: RegisterBookEntry[] = [];
  for (let i = 0; i < count; i++) {
    const day = Math.min(364, Math.floor((i * 365) / Math.max(count, 1)));
    const arrivalDate = isoDay(year, day);
    const [issuer, issuerAbbrev] = pick(ISSUERS, next);
    const [typeName, typeAbbrev] = pick(TYPES, next);
    const codeNumber = String(1 + Math.floor(next() * 4000)).padStart(2, '0');
    const form = i % 3 === 1 ? (s: string) => s.normalize('NFD') : (s: string) => s;
    entries.push({
      arrivalDate,
      arrivalNumber: i + 1,
      organName: form(issuer),
      codeNumber,
      codeNotation: form(typeAbbrev ? `${typeAbbrev}-${issuerAbbrev}` : `${issuerAbbrev}-VP`),
      issuedDate: isoDay(year, Math.max(0, day - Math.floor(next() * 5))),
      typeName: form(typeName),
      subject: form(pick(SUBJECTS, next)),
      recipients: form(pick(RECIPIENTS, next)),
      handedOverDate: next() < 0.8 ? arrivalDate : null,
      note: form(pick(NOTES, next)),
    });
  }
  return entries;
}

export function makeBook(entries: RegisterBookEntry[], from = '2026-01-01', to = '2026-12-31'): RegisterBook {
  return {
    parentOrganName: 'Ủy ban nhân dân tỉnh Đắk Lắk',
    organName: 'Sở Nội vụ',
    registerName: msg('registerBook.incomingName'),
    from,
    to,
    entries,
  };
}

/** Signature blocks of an Ủy ban nhân dân: the chairman on behalf of the committee, a deputy, a head of office by order. */
const SIGNERS = ['TM. UBND\nCHỦ TỊCH\nTrần Văn Hùng', 'KT. UBND\nPHÓ CHỦ TỊCH\nNguyễn Thị Hương Giang', 'TL. UBND\nCHÁNH VĂN PHÒNG\nĐỗ Minh Tuấn'] as const;

const PLACES = [
  'Sở Tài nguyên và Môi trường tỉnh Đắk Lắk; Ủy ban nhân dân các xã, thị trấn; Lưu: VT, VP',
  'Văn phòng; Phòng Tổng hợp',
  'Ông Nguyễn Văn Bình, thôn 3, xã Tân Lập',
  'Thường trực Huyện ủy; Thường trực HĐND huyện; Các phòng, ban, ngành thuộc huyện',
] as const;

const UNITS = ['Văn phòng', 'Phòng Tài nguyên và Môi trường', 'Phòng Nội vụ', 'Phòng Tài chính – Kế hoạch'] as const;

/**
 * count issued documents of a people's committee in one shared sequence, numbered from 1 ("01/QĐ-UBND" first), spread
 * over the year; every third entry's texts are NFD, as in makeEntries.
 */
export function makeOutgoingEntries(count: number, year = 2026, seed = 11): OutgoingRegisterEntry[] {
  const next = random(seed);
  const entries: OutgoingRegisterEntry[] = [];
  for (let i = 0; i < count; i++) {
    const issuedDate = isoDay(year, Math.min(364, Math.floor((i * 365) / Math.max(count, 1))));
    const [typeName, typeAbbrev] = i === 0 ? TYPES[0] : pick(TYPES, next);
    const form = i % 3 === 1 ? (s: string) => s.normalize('NFD') : (s: string) => s;
    const recalled = next() < 0.1;
    entries.push({
      sequence: 'outgoing',
      number: i + 1,
      codeNumber: String(i + 1).padStart(2, '0'),
      codeNotation: form(typeAbbrev ? `${typeAbbrev}-UBND` : 'UBND-VP'),
      issuedDate,
      typeName: form(typeName),
      subject: form(pick(SUBJECTS, next)),
      signer: form(pick(SIGNERS, next)),
      recipients: form(pick(PLACES, next)),
      fileCopyHolder: form(pick(UNITS, next)),
      copies: 1 + Math.floor(next() * 30),
      dispatchedDate: next() < 0.8 ? issuedDate : null,
      note: recalled ? form('Đã thu hồi: Sai tên hộ gia đình được giao đất') : '',
    });
  }
  return entries;
}

export function makeOutgoingBook(entries: OutgoingRegisterEntry[], from = '2026-01-01', to = '2026-12-31'): OutgoingRegisterBook {
  return {
    kind: 'outgoing',
    parentOrganName: 'Ủy ban nhân dân tỉnh Đắk Lắk',
    organName: 'Ủy ban nhân dân huyện Krông Bông',
    registerName: msg('registerBook.outgoingName'),
    from,
    to,
    entries,
  };
}

/**
 * Realistic incoming documents for tests: HTML in the Decree 30/2020/NĐ-CP layout (Appendix I), printed to PDF by
 * Debian's headless Chromium, plus the damaged and hostile files a clerk may drop. Files live in one temp dir per test
 * process, are made once and reused; call `cleanupFixtures()` in afterAll.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { open, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';
import type { FileProblem, Proposal } from '../../shared/contract/types';
import { longVietnameseDate } from '../../shared/domain/dates';

const run = promisify(execFile);

export type DocumentKind = 'congVan' | 'quyetDinh' | 'giayMoi' | 'thongBao' | 'congVanKhan' | 'baoCaoTwoPages';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['congVan', 'quyetDinh', 'giayMoi', 'thongBao', 'congVanKhan', 'baoCaoTwoPages'];

export type BadFileKind = 'empty' | 'notPdfText' | 'notPdfZip' | 'truncated' | 'encrypted' | 'scan' | 'blankScan' | 'huge';
/** The problem each bad file must be reported as. */
export const BAD_FILE_PROBLEMS: Record<BadFileKind, FileProblem> = {
  empty: 'empty',
  notPdfText: 'notPdf',
  notPdfZip: 'notPdf',
  truncated: 'damaged',
  encrypted: 'encrypted',
  scan: 'noText',
  blankScan: 'noText',
  huge: 'tooLargeToRead',
};
/** Size of the `huge` file: a 200 MB scan, far above any reading cap. */
export const HUGE_FILE_BYTES = 200 * 1024 * 1024;

/** Everything printed on a document; the expected proposal is derived from the same values. */
export interface DocumentSpec {
  parentBody?: string;
  /** The issuing body as printed, one entry per line (upper case). */
  issuingBody: string[];
  /**
   * The issuing body as a register writes it: qualified by its parent body, a people's committee in sentence case.
   * Override it with the bodies.
   */
  organName: string;
  codeNumber: string;
  codeNotation: string;
  place: string;
  issuedDate: string;
  /**
   * How the date line is written. Decree 30 puts a zero before days below 10 and months 1 and 2 only ("ngày 02 tháng 4
   * năm 2026"); documents that pad every month, or no day at all, are common too, so the fixtures mix the forms.
   */
  dateText?: string;
  /** Centred title (e.g. "QUYẾT ĐỊNH"); absent for a công văn. */
  title?: string;
  typeName: string;
  /** Subject lines as printed: under the title, or the "V/v" lines of a công văn. */
  subjectLines: string[];
  /** Red stamps printed under the number: "KHẨN", "MẬT", … */
  stamps?: string[];
  priority: number;
  secrecy: NonNullable<Proposal['secrecy']>;
  /** The authority line of a decision under its subject ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"). */
  competence?: string;
  /** Body as HTML paragraphs (already escaped). */
  body: string[];
  recipients: string[];
  /** Authority prefix line such as "KT. CHỦ TỊCH"; absent when the head signs in their own name. */
  signerAuthority?: string;
  signerPosition: string;
  signerName: string;
  /** Print the last paragraph and the signature block on a second page (numbered, as Decree 30 asks). */
  signatureOnNextPage?: boolean;
  /**
   * Set the body straight under the subject, with no rule and little space between them, as issuers pressed for room
   * do: the subject must still stop where the body starts.
   */
  tightTitle?: boolean;
  /**
   * Print the title, each subject line and the authority line as paragraphs of their own with this much space (pt)
   * after each, as a clerk typing in Word, Writer or a web editor makes them (Enter at the end of every line); 0 is
   * separate paragraphs with no space. Unset: one block with line breaks, the lines at the font's line spacing.
   */
  paragraphSpacing?: number;
  /** Which lines of the issuing body are bold (all when unset): some issuers bold only the place under "ỦY BAN NHÂN DÂN". */
  issuingBodyBold?: boolean[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function specs(): Record<DocumentKind, DocumentSpec> {
  return {
    congVan: {
      parentBody: 'UBND TỈNH BẮC NINH',
      issuingBody: ['SỞ GIÁO DỤC VÀ ĐÀO TẠO'],
      organName: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH BẮC NINH',
      codeNumber: '1482',
      codeNotation: 'SGDĐT-KHTC',
      place: 'Bắc Ninh',
      issuedDate: '2026-03-17',
      dateText: 'ngày 17 tháng 3 năm 2026',
      typeName: 'Công văn',
      subjectLines: ['V/v đề nghị báo cáo số liệu', 'cơ sở vật chất trường học năm 2026'],
      priority: 0,
      secrecy: 'none',
      body: [
        '<p class="kg">Kính gửi: Phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố.</p>',
        '<p>Thực hiện Kế hoạch số 215/KH-UBND ngày 20 tháng 02 năm 2026 của Ủy ban nhân dân tỉnh về rà soát cơ sở vật chất trường học, Sở Giáo dục và Đào tạo đề nghị các đơn vị báo cáo số liệu phòng học, phòng chức năng và thiết bị dạy học theo biểu mẫu gửi kèm.</p>',
        '<p>Báo cáo gửi về Sở (qua Phòng Kế hoạch - Tài chính) trước ngày 31 tháng 3 năm 2026, đồng thời gửi bản điện tử qua hệ thống quản lý văn bản và điều hành.</p>',
        '<p>Trong quá trình thực hiện, nếu có vướng mắc, đề nghị liên hệ đồng chí Trần Thị Hoa, chuyên viên Phòng Kế hoạch - Tài chính, số điện thoại 0222.3822.456 để được hướng dẫn./.</p>',
      ],
      recipients: ['- Như trên;', '- Giám đốc Sở (để b/c);', '- Lưu: VT, KHTC.'],
      signerAuthority: 'KT. GIÁM ĐỐC',
      signerPosition: 'PHÓ GIÁM ĐỐC',
      signerName: 'Nguyễn Văn Thành',
    },
    quyetDinh: {
      issuingBody: ['ỦY BAN NHÂN DÂN', 'TỈNH QUẢNG NINH'],
      organName: 'Ủy ban nhân dân tỉnh Quảng Ninh',
      codeNumber: '05',
      codeNotation: 'QĐ-UBND',
      place: 'Quảng Ninh',
      issuedDate: '2026-01-05',
      title: 'QUYẾT ĐỊNH',
      typeName: 'Quyết định',
      subjectLines: ['Về việc phê duyệt Kế hoạch chuyển đổi số', 'của tỉnh Quảng Ninh năm 2026'],
      priority: 0,
      secrecy: 'none',
      competence: 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH',
      body: [
        '<p class="cc">Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;</p>',
        '<p class="cc">Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;</p>',
        '<p class="cc">Theo đề nghị của Giám đốc Sở Khoa học và Công nghệ tại Tờ trình số 12/TTr-SKHCN ngày 28 tháng 12 năm 2025.</p>',
        '<p class="qd">QUYẾT ĐỊNH:</p>',
        '<p><b>Điều 1.</b> Phê duyệt Kế hoạch chuyển đổi số của tỉnh Quảng Ninh năm 2026 kèm theo Quyết định này.</p>',
        '<p><b>Điều 2.</b> Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ban, ngành và Ủy ban nhân dân các huyện, thị xã, thành phố tổ chức triển khai thực hiện Kế hoạch.</p>',
        '<p><b>Điều 3.</b> Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở, Thủ trưởng các ban, ngành và Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố chịu trách nhiệm thi hành Quyết định này./.</p>',
      ],
      recipients: ['- Như Điều 3;', '- Bộ Khoa học và Công nghệ (b/c);', '- TT Tỉnh ủy, TT HĐND tỉnh (b/c);', '- CT, các PCT UBND tỉnh;', '- Lưu: VT, KGVX.'],
      signerAuthority: 'KT. CHỦ TỊCH',
      signerPosition: 'PHÓ CHỦ TỊCH',
      signerName: 'Vũ Thị Thu Thủy',
    },
    giayMoi: {
      parentBody: 'BỘ NỘI VỤ',
      issuingBody: ['VỤ CÔNG TÁC VĂN THƯ, LƯU TRỮ'],
      organName: 'VỤ CÔNG TÁC VĂN THƯ, LƯU TRỮ - BỘ NỘI VỤ',
      codeNumber: '27',
      codeNotation: 'GM-VTLT',
      place: 'Hà Nội',
      issuedDate: '2026-04-02',
      dateText: 'ngày 02 tháng 4 năm 2026',
      title: 'GIẤY MỜI',
      typeName: 'Giấy mời',
      subjectLines: ['Dự Hội nghị tập huấn nghiệp vụ văn thư, lưu trữ năm 2026'],
      priority: 0,
      secrecy: 'none',
      body: [
        '<p>Vụ Công tác văn thư, lưu trữ trân trọng kính mời đại diện lãnh đạo Văn phòng và công chức làm công tác văn thư của các đơn vị dự Hội nghị tập huấn nghiệp vụ văn thư, lưu trữ năm 2026.</p>',
        '<p><b>Thời gian:</b> 08 giờ 00, thứ Năm, ngày 16 tháng 4 năm 2026 (nửa ngày).</p>',
        '<p><b>Địa điểm:</b> Hội trường tầng 3, trụ sở Bộ Nội vụ, số 8 Tôn Thất Thuyết, phường Cầu Giấy, Hà Nội.</p>',
        '<p>Đề nghị các đơn vị gửi danh sách người dự trước ngày 10 tháng 4 năm 2026. Thông tin chi tiết xin liên hệ đồng chí Lê Minh Đức, điện thoại 024.3824.1234./.</p>',
      ],
      recipients: ['- Như thành phần mời;', '- Lãnh đạo Bộ (để b/c);', '- Lưu: VT, VTLT.'],
      signerAuthority: 'TL. BỘ TRƯỞNG',
      signerPosition: 'VỤ TRƯỞNG VỤ CÔNG TÁC VĂN THƯ, LƯU TRỮ',
      signerName: 'Phạm Quang Huy',
    },
    thongBao: {
      parentBody: 'UBND THÀNH PHỐ ĐÀ NẴNG',
      issuingBody: ['BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP'],
      organName: 'BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP THÀNH PHỐ ĐÀ NẴNG',
      codeNumber: '318',
      codeNotation: 'TB-BQL',
      place: 'Đà Nẵng',
      issuedDate: '2026-03-09',
      dateText: 'ngày 9 tháng 3 năm 2026',
      title: 'THÔNG BÁO',
      typeName: 'Thông báo',
      subjectLines: ['Kết luận của Trưởng ban tại cuộc họp giao ban tháng 02 năm 2026'],
      priority: 0,
      secrecy: 'none',
      body: [
        '<p>Ngày 05 tháng 3 năm 2026, Trưởng ban Ban Quản lý các khu công nghiệp chủ trì cuộc họp giao ban tháng 02 năm 2026. Sau khi nghe báo cáo của các phòng và ý kiến của các đại biểu, Trưởng ban kết luận như sau:</p>',
        '<p>1. Các phòng chuyên môn tập trung giải quyết dứt điểm hồ sơ tồn đọng, bảo đảm đúng thời hạn theo quy định.</p>',
        '<p>2. Văn phòng Ban đôn đốc việc cập nhật văn bản đến trên hệ thống quản lý văn bản và điều hành, báo cáo kết quả trong cuộc họp giao ban tháng 3.</p>',
        '<p>Ban Quản lý các khu công nghiệp thông báo để các đơn vị biết, thực hiện./.</p>',
      ],
      recipients: ['- Trưởng ban, các Phó Trưởng ban;', '- Các phòng, đơn vị trực thuộc;', '- Lưu: VT, VP.'],
      signerAuthority: 'TL. TRƯỞNG BAN',
      signerPosition: 'CHÁNH VĂN PHÒNG',
      signerName: 'Đặng Thị Mai Anh',
    },
    congVanKhan: {
      issuingBody: ['ỦY BAN NHÂN DÂN', 'HUYỆN ĐỨC THỌ'],
      organName: 'Ủy ban nhân dân huyện Đức Thọ',
      codeNumber: '09',
      codeNotation: 'UBND-NN',
      place: 'Đức Thọ',
      issuedDate: '2026-10-21',
      typeName: 'Công văn',
      subjectLines: ['V/v triển khai các biện pháp cấp bách', 'ứng phó với mưa lũ'],
      stamps: ['KHẨN'],
      priority: 1,
      secrecy: 'none',
      body: [
        '<p class="kg">Kính gửi: Ủy ban nhân dân các xã, thị trấn.</p>',
        '<p>Theo bản tin dự báo của Đài Khí tượng Thủy văn tỉnh, từ đêm nay đến hết ngày 24 tháng 10 năm 2026 trên địa bàn huyện có mưa to đến rất to, nguy cơ cao xảy ra lũ quét, sạt lở đất và ngập úng tại vùng trũng thấp.</p>',
        '<p>Ủy ban nhân dân huyện yêu cầu Chủ tịch Ủy ban nhân dân các xã, thị trấn khẩn trương rà soát, di dời người dân ra khỏi khu vực nguy hiểm; bố trí lực lượng trực 24/24 giờ và báo cáo tình hình về Văn phòng Ban Chỉ huy phòng, chống thiên tai huyện trước 16 giờ hằng ngày./.</p>',
      ],
      recipients: ['- Như trên;', '- TT Huyện ủy, TT HĐND huyện;', '- Lưu: VT, NN.'],
      signerAuthority: 'TM. ỦY BAN NHÂN DÂN',
      signerPosition: 'CHỦ TỊCH',
      signerName: 'Hoàng Văn Lâm',
    },
    baoCaoTwoPages: {
      parentBody: 'BỘ TÀI CHÍNH',
      issuingBody: ['CỤC THUẾ TỈNH LÀO CAI'],
      organName: 'CỤC THUẾ TỈNH LÀO CAI - BỘ TÀI CHÍNH',
      codeNumber: '1207',
      codeNotation: 'BC-CTLCA',
      place: 'Lào Cai',
      issuedDate: '2026-06-30',
      dateText: 'ngày 30 tháng 6 năm 2026',
      title: 'BÁO CÁO',
      typeName: 'Báo cáo',
      subjectLines: ['Kết quả thu ngân sách nhà nước sáu tháng đầu năm', 'và nhiệm vụ trọng tâm sáu tháng cuối năm 2026'],
      priority: 0,
      secrecy: 'none',
      body: [
        '<p class="h">I. KẾT QUẢ THỰC HIỆN SÁU THÁNG ĐẦU NĂM 2026</p>',
        ...Array.from(
          { length: 5 },
          (_, i) =>
            `<p>${i + 1}. Tổng thu ngân sách nhà nước trên địa bàn tháng ${i + 1} đạt ${(412 + i * 37).toLocaleString('vi-VN')} tỷ đồng, bằng ${96 + i}% so với cùng kỳ năm trước. Các khoản thu từ doanh nghiệp nhà nước, doanh nghiệp có vốn đầu tư nước ngoài và khu vực kinh tế ngoài quốc doanh cơ bản đạt tiến độ; công tác quản lý nợ và cưỡng chế nợ thuế được triển khai quyết liệt, số nợ có khả năng thu giảm so với thời điểm cuối năm trước.</p>`,
        ),
        '<p class="h">II. NHIỆM VỤ TRỌNG TÂM SÁU THÁNG CUỐI NĂM 2026</p>',
        '<p>1. Tập trung các giải pháp thu, chống thất thu ngân sách; đẩy mạnh thanh tra, kiểm tra sau hoàn thuế; tiếp tục triển khai hóa đơn điện tử khởi tạo từ máy tính tiền.</p>',
        '<p>2. Đẩy mạnh cải cách thủ tục hành chính, hiện đại hóa công tác quản lý thuế, nâng cao chất lượng phục vụ người nộp thuế./.</p>',
      ],
      recipients: ['- Tổng cục Thuế (để b/c);', '- UBND tỉnh Lào Cai (để b/c);', '- Lưu: VT, NVDTPC.'],
      signerPosition: 'CỤC TRƯỞNG',
      signerName: 'Lương Đình Khải',
      signatureOnNextPage: true,
    },
  };
}

/** The spec of a generated document, with optional overrides (the expected proposal follows them). */
export function documentSpec(kind: DocumentKind, overrides: Partial<DocumentSpec> = {}): DocumentSpec {
  return { ...specs()[kind], ...overrides };
}

/** The fields a perfect reader proposes for the document: exactly what is printed, dates as ISO. */
export function expectedProposal(kind: DocumentKind, overrides: Partial<DocumentSpec> = {}): Required<Proposal> {
  const s = documentSpec(kind, overrides);
  return {
    organName: s.organName,
    codeNumber: s.codeNumber,
    codeNotation: s.codeNotation,
    typeName: s.typeName,
    issuedDate: s.issuedDate,
    place: s.place,
    subject: s.subjectLines.join(' '),
    signerName: s.signerName,
    signerPosition: s.signerPosition,
    priority: s.priority,
    secrecy: s.secrecy,
  };
}

/** Decree 30, Appendix I: A4, margins 20–25 mm top/bottom, 30–35 mm left, 15–20 mm right, Times New Roman 13–14 pt. */
const STYLE = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Times New Roman", "Liberation Serif", serif; font-size: 14pt; line-height: 1.2; color: #000; }
table.head, table.foot { width: 100%; border-collapse: collapse; }
table.head td, table.foot td { vertical-align: top; padding: 0; text-align: center; }
td.left { width: 40%; } td.right { width: 60%; }
.org { font-size: 13pt; text-transform: none; }
.org b { font-weight: bold; }
.rule { margin: 2pt auto 6pt; border-top: 1px solid #000; height: 0; }
.rule.short { width: 30%; } .rule.motto { width: 60%; } .rule.title { width: 22%; margin-top: 7pt; }
.motto1 { font-size: 13pt; font-weight: bold; }
.motto2 { font-size: 14pt; font-weight: bold; }
.number { font-size: 13pt; margin-top: 4pt; }
.vv { font-size: 12pt; margin-top: 3pt; }
.date { font-size: 14pt; font-style: italic; margin-top: 4pt; }
.stamp { display: inline-block; margin-top: 6pt; padding: 1pt 6pt; border: 1.5pt solid #d00; color: #d00; font-weight: bold; font-size: 13pt; }
.title { text-align: center; font-weight: bold; font-size: 14pt; margin-top: 18pt; }
.subject { text-align: center; font-weight: bold; font-size: 14pt; }
.competence { text-align: center; font-weight: bold; font-size: 14pt; margin: 10pt 0 8pt; }
.content { margin-top: 12pt; }
.content.tight { margin-top: 2pt; }
.content p { margin: 0 0 6pt; text-indent: 1.27cm; text-align: justify; }
.content p.cc { font-style: italic; }
.content p.qd { text-align: center; font-weight: bold; text-indent: 0; margin: 8pt 0; }
.content p.h { font-weight: bold; text-indent: 0; }
.content p.kg { text-align: center; text-indent: 0; margin: 0 0 10pt; }
table.foot { margin-top: 12pt; page-break-inside: avoid; }
td.recv { text-align: left !important; font-size: 11pt; width: 45%; }
td.recv .label { font-size: 12pt; font-weight: bold; font-style: italic; }
td.sign { width: 55%; font-size: 14pt; font-weight: bold; }
.signspace { height: 26mm; }
.nextpage { break-before: page; }
.pageno { text-align: center; font-size: 13pt; margin-bottom: 12pt; }
`;

export function documentHtml(s: DocumentSpec): string {
  const left = [
    s.parentBody ? `<div class="org">${esc(s.parentBody)}</div>` : '',
    `<div class="org">${s.issuingBody.map((l, i) => (s.issuingBodyBold?.[i] ?? true ? `<b>${esc(l)}</b>` : esc(l))).join('<br>')}</div>`,
    '<div class="rule short"></div>',
    `<div class="number">Số: ${esc(s.codeNumber)}/${esc(s.codeNotation)}</div>`,
    s.title
      ? ''
      : s.paragraphSpacing === undefined
        ? `<div class="vv">${s.subjectLines.map(esc).join('<br>')}</div>`
        : s.subjectLines.map((l) => `<p class="vv" style="margin: 3pt 0 ${s.paragraphSpacing}pt">${esc(l)}</p>`).join(''),
    ...(s.stamps ?? []).map((st) => `<div class="stamp">${esc(st)}</div>`),
  ].join('');
  const right = [
    '<div class="motto1">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>',
    '<div class="motto2">Độc lập - Tự do - Hạnh phúc</div>',
    '<div class="rule motto"></div>',
    `<div class="date">${esc(s.place)}, ${esc(s.dateText ?? longVietnameseDate(s.issuedDate))}</div>`,
  ].join('');
  const para = (cls: string, text: string) =>
    `<p class="${cls}" style="margin: ${cls === 'title' ? 18 : 0}pt 0 ${s.paragraphSpacing}pt">${esc(text)}</p>`;
  const title = s.title && s.paragraphSpacing !== undefined
    ? [
        para('title', s.title),
        ...s.subjectLines.map((l) => para('subject', l)),
        s.competence ? para('competence', s.competence) : '',
      ].join('')
    : s.title
    ? [
        `<div class="title">${esc(s.title)}</div>`,
        `<div class="subject">${s.subjectLines.map(esc).join('<br>')}</div>`,
        s.tightTitle ? '' : '<div class="rule title"></div>',
        s.competence ? `<div class="competence">${esc(s.competence)}</div>` : '',
      ].join('')
    : '';
  const signer = [
    s.signerAuthority ? `${esc(s.signerAuthority)}<br>` : '',
    esc(s.signerPosition),
    '<div class="signspace"></div>',
    esc(s.signerName),
  ].join('');
  const content = s.tightTitle ? 'content tight' : 'content';
  const foot = `<table class="foot"><tr>
    <td class="recv"><div class="label">Nơi nhận:</div>${s.recipients.map(esc).join('<br>')}</td>
    <td class="sign">${signer}</td></tr></table>`;
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>${STYLE}</style></head><body>
<table class="head"><tr><td class="left">${left}</td><td class="right">${right}</td></tr></table>
${title}
${
    s.signatureOnNextPage
      ? `<div class="${content}">${s.body.slice(0, -1).join('\n')}</div>
<div class="nextpage"><div class="pageno">2</div><div class="content">${s.body.at(-1) ?? ''}</div>${foot}</div>`
      : `<div class="${content}">${s.body.join('\n')}</div>${foot}`
  }
</body></html>`;
}

let workDir: string | null = null;
const made = new Map<string, Promise<string>>();

function dir(): string {
  workDir ??= mkdtempSync(join(tmpdir(), 'vanthu-docs-'));
  return workDir;
}

/** Removes every file this process generated (the 200 MB one included). */
export function cleanupFixtures(): void {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  workDir = null;
  made.clear();
}

function once(key: string, make: (out: string) => Promise<void>, ext = 'pdf'): Promise<string> {
  let p = made.get(key);
  if (!p) {
    const out = join(dir(), `${key}.${ext}`);
    p = make(out).then(() => out);
    made.set(key, p);
  }
  return p;
}

/** Prints HTML to PDF with Debian's Chromium, each run in its own profile so parallel runs do not collide. */
export async function printHtmlToPdf(html: string, out: string): Promise<void> {
  const htmlFile = `${out}.html`;
  const profile = `${out}.profile`;
  await writeFile(htmlFile, html, 'utf8');
  try {
    await run(
      '/usr/bin/chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${out}`,
        pathToFileURL(htmlFile).href,
      ],
      { timeout: 60_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  if (!existsSync(out) || (await stat(out)).size === 0) throw new Error(`Chromium printed nothing for ${htmlFile}`);
}

/** The PDF of a generated document (made once per process for each distinct spec). */
export function makeDocumentPdf(kind: DocumentKind, overrides: Partial<DocumentSpec> = {}): Promise<string> {
  const html = documentHtml(documentSpec(kind, overrides));
  const key = `${kind}-${createHash('sha256').update(html).digest('hex').slice(0, 12)}`;
  return once(key, (out) => printHtmlToPdf(html, out));
}

/**
 * A công văn of `pages` pages: its first page as usual, then a short appendix page each, `phrase` printed on page
 * `phrasePage` alone (a long scan's word the search must find).
 */
export function makeLongDocumentPdf(pages: number, phrasePage: number, phrase: string): Promise<string> {
  const appendix = (page: number) => {
    const topic = page === phrasePage ? phrase : `trường học số ${page} của huyện`;
    return `<div class="nextpage"><div class="pageno">${page}</div><p>Phụ lục ${page}: số liệu về ${esc(topic)}, tổng hợp theo biểu mẫu của Sở.</p></div>`;
  };
  return makeDocumentPdf('congVan', {
    body: ['<p class="kg">Kính gửi: Phòng Giáo dục và Đào tạo các huyện.</p>', ...Array.from({ length: pages - 1 }, (_, i) => appendix(i + 2))],
  });
}

/** A readable PDF encrypted with an owner password only (empty user password): what many issuers send. */
export function makeOwnerPasswordPdf(kind: DocumentKind): Promise<string> {
  return once(`${kind}-owner-only`, async (out) => {
    await run('qpdf', ['--encrypt', '', 'chu-so-huu', '256', '--', await makeDocumentPdf(kind), out]);
  });
}

export function makeBadFile(kind: BadFileKind): Promise<string> {
  switch (kind) {
    case 'empty':
      return once(kind, (out) => writeFile(out, ''));
    case 'notPdfText':
      return once(kind, (out) => writeFile(out, 'Kính gửi: Văn phòng\nĐây là thư điện tử được lưu nhầm đuôi .pdf\n', 'utf8'));
    case 'notPdfZip':
      return once(kind, (out) => writeFile(out, storedZip('[Content_Types].xml', '<?xml version="1.0"?><Types/>')));
    case 'truncated':
      return once(kind, async (out) => {
        const whole = await readFile(await makeDocumentPdf('quyetDinh'));
        await writeFile(out, whole.subarray(0, Math.floor(whole.length / 2)));
      });
    case 'encrypted':
      return once(kind, async (out) => {
        await run('qpdf', ['--encrypt', 'nguoi-dung', 'chu-so-huu', '256', '--', await makeDocumentPdf('congVan'), out]);
      });
    case 'scan':
      // Ghostscript renders the page to pixels: the result carries the look of the document but no text layer.
      return once(kind, async (out) => {
        await run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=pdfimage24', '-r100', `-sOutputFile=${out}`, await makeDocumentPdf('giayMoi')]);
      });
    case 'blankScan':
      // The back of a sheet fed through the scanner: a picture with nothing on it, which OCR cannot read either.
      return once(kind, async (out) => {
        await run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=pdfimage24', '-r100', '-sPAPERSIZE=a4', `-sOutputFile=${out}`, '-c', 'showpage']);
      });
    case 'huge':
      return once(kind, writeHugeScan);
  }
}

/**
 * A 70 KB PDF whose page, once inflated, draws the same words 300,000 times: small enough to pass every size check,
 * slow enough to keep a reader busy for tens of seconds. Tests the time limit on parsing.
 */
export function makeHostilePdf(): Promise<string> {
  return once('text-bomb', async (out) => {
    const content = deflateSync(Buffer.from('BT /F1 12 Tf 72 720 Td (Van thu) Tj ET\n'.repeat(300_000), 'latin1'), { level: 1 });
    await writeFile(
      out,
      pdfFile([
          '<< /Type /Catalog /Pages 2 0 R >>',
          '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
          '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
          Buffer.concat([Buffer.from(`<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), content, Buffer.from('\nendstream', 'latin1')]),
          '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      ]),
    );
  });
}

/** A classic PDF file (header, numbered objects, cross-reference table, trailer) around the given object bodies. */
function pdfFile(objects: (string | Buffer)[]): Buffer {
  const header = Buffer.from('%PDF-1.7\n', 'latin1');
  const parts: Buffer[] = [header];
  let pos = header.length;
  const offsets: number[] = [];
  for (const [i, body] of objects.entries()) {
    offsets.push(pos);
    const bytes = typeof body === 'string' ? Buffer.from(body, 'latin1') : body;
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), bytes, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(chunk);
    pos += chunk.length;
  }
  const xref = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${pos}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** A valid one-page PDF whose page is a ~200 MB image of random (incompressible) pixels. */
async function writeHugeScan(out: string): Promise<void> {
  const side = Math.ceil(Math.sqrt(HUGE_FILE_BYTES / 3));
  const imageBytes = side * side * 3;
  const content = 'q 595 0 0 842 0 0 cm /Im0 Do Q';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  const file = await open(out, 'w');
  try {
    const offsets: number[] = [];
    let pos = 0;
    const put = async (chunk: string | Buffer) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
      await file.write(buf);
      pos += buf.length;
    };
    await put('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
    for (const [i, body] of objects.entries()) {
      offsets.push(pos);
      await put(`${i + 1} 0 obj\n${body}\nendobj\n`);
    }
    offsets.push(pos);
    await put(`5 0 obj\n<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${imageBytes} >>\nstream\n`);
    // One random megabyte repeated: incompressible for deflate's 32 KB window, and cheap to make.
    const block = randomBytes(1024 * 1024);
    for (let left = imageBytes; left > 0; left -= block.length) await put(left >= block.length ? block : block.subarray(0, left));
    await put('\nendstream\nendobj\n');
    const xref = pos;
    await put(`xref\n0 6\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
    await put(`trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  } finally {
    await file.close();
  }
}

/** A minimal ZIP (one stored entry), like the start of a .docx saved with the wrong extension. */
function storedZip(name: string, text: string): Buffer {
  const data = Buffer.from(text, 'utf8');
  const fileName = Buffer.from(name, 'utf8');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(local.length + fileName.length + data.length, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

/**
 * The same document as a LibreOffice flat ODT (the layout of tests/fixtures/libreoffice/quyet-dinh.fodt: a two-column
 * header table, title and subject centred, a signature table), for Writer's own PDF export. Lines break with
 * text:line-break inside one paragraph unless `paragraphSpacing` asks for paragraphs of their own.
 */
export function documentFodt(s: DocumentSpec): string {
  const spaced = s.paragraphSpacing !== undefined;
  const p = (style: string, content: string) => `<text:p text:style-name="${style}">${content}</text:p>`;
  const lines = (style: string, texts: string[]) => (spaced ? texts.map((t) => p(style, esc(t))).join('') : p(style, texts.map(esc).join('<text:line-break/>')));
  const issuing = s.issuingBody.map((l, i) => (s.issuingBodyBold?.[i] ?? true ? `<text:span text:style-name="B">${esc(l)}</text:span>` : esc(l)));
  const left = [
    s.parentBody ? p('C13', esc(s.parentBody)) : '',
    spaced ? issuing.map((l) => p('C13', l)).join('') : p('C13', issuing.join('<text:line-break/>')),
    p('Rule', ' '.repeat(30)),
    p('Number', `Số: ${esc(s.codeNumber)}/${esc(s.codeNotation)}`),
    s.title ? '' : lines('Vv', s.subjectLines),
    ...(s.stamps ?? []).map((st) => p('Stamp', esc(st))),
  ].join('');
  const right = [
    p('C13B', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'),
    p('C14B', 'Độc lập - Tự do - Hạnh phúc'),
    p('Rule', ' '.repeat(56)),
    p('Date', `${esc(s.place)}, ${esc(s.dateText ?? longVietnameseDate(s.issuedDate))}`),
  ].join('');
  const title = s.title
    ? [p('Title', esc(s.title)), lines('Subject', s.subjectLines), s.competence ? p('Competence', esc(s.competence)) : ''].join('')
    : '';
  const bodyStyle = (html: string) => (/class="(kg|qd)"/.test(html) ? 'Centre' : /class="(cc)"/.test(html) ? 'Grounds' : 'Body');
  const body = s.body.map((html) => p(bodyStyle(html), esc(html.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'))));
  const signer = [
    s.signerAuthority ? p('Sign', esc(s.signerAuthority)) : '',
    p('Sign', esc(s.signerPosition)),
    p('Space', ''),
    p('Sign', esc(s.signerName)),
  ].join('');
  const foot = `<table:table table:name="Foot" table:style-name="Wide"><table:table-column table:style-name="FootLeft"/><table:table-column table:style-name="FootRight"/>
<table:table-row><table:table-cell>${p('Recipients', 'Nơi nhận:')}${s.recipients.map((r) => p('Recipient', esc(r))).join('')}</table:table-cell>
<table:table-cell>${signer}</table:table-cell></table:table-row></table:table>`;
  const tail = s.signatureOnNextPage
    ? `${body.slice(0, -1).join('')}${p('PageNo', '2')}${body.at(-1) ?? ''}${foot}`
    : `${body.join('')}${foot}`;
  const spacing = s.paragraphSpacing ?? 0;
  const para = (name: string, paragraph: string, text: string) =>
    `<style:style style:name="${name}" style:family="paragraph"><style:paragraph-properties ${paragraph}/><style:text-properties ${text}/></style:style>`;
  const centre = 'fo:text-align="center"';
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Times New Roman" svg:font-family="'Times New Roman'" style:font-family-generic="roman"/></office:font-face-decls>
<office:styles><style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm"/><style:text-properties style:font-name="Times New Roman" fo:font-size="14pt" fo:language="vi" fo:country="VN"/></style:default-style></office:styles>
<office:automatic-styles>
<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="1.5cm"/></style:page-layout>
<style:style style:name="Wide" style:family="table"><style:table-properties style:width="16.5cm" table:align="left"/></style:style>
<style:style style:name="HeadLeft" style:family="table-column"><style:table-column-properties style:column-width="6.5cm"/></style:style>
<style:style style:name="HeadRight" style:family="table-column"><style:table-column-properties style:column-width="10cm"/></style:style>
<style:style style:name="FootLeft" style:family="table-column"><style:table-column-properties style:column-width="8cm"/></style:style>
<style:style style:name="FootRight" style:family="table-column"><style:table-column-properties style:column-width="8.5cm"/></style:style>
<style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
${para('C13', centre, 'fo:font-size="13pt"')}
${para('C13B', centre, 'fo:font-size="13pt" fo:font-weight="bold"')}
${para('C14B', centre, 'fo:font-size="14pt" fo:font-weight="bold"')}
${para('Rule', centre, 'fo:font-size="6pt" style:text-underline-style="solid" style:text-underline-width="auto"')}
${para('Number', `${centre} fo:margin-top="0.2cm"`, 'fo:font-size="13pt"')}
${para('Vv', `${centre} fo:margin-top="0.1cm" fo:margin-bottom="${spacing}pt"`, 'fo:font-size="12pt"')}
${para('Stamp', `${centre} fo:margin-top="0.2cm"`, 'fo:font-size="13pt" fo:font-weight="bold" fo:color="#dd0000"')}
${para('Date', `${centre} fo:margin-top="0.2cm"`, 'fo:font-size="14pt" fo:font-style="italic"')}
${para('Title', `${centre} fo:margin-top="0.6cm" fo:margin-bottom="${spacing}pt"`, 'fo:font-size="14pt" fo:font-weight="bold"')}
${para('Subject', `${centre} fo:margin-bottom="${spacing}pt"`, 'fo:font-size="14pt" fo:font-weight="bold"')}
${para('Competence', `${centre} fo:margin-top="${spaced ? 0 : 0.3}cm" fo:margin-bottom="${spacing}pt"`, 'fo:font-size="14pt" fo:font-weight="bold"')}
${para('Body', 'fo:text-align="justify" fo:text-indent="1.27cm" fo:margin-top="0.2cm" fo:line-height="115%"', 'fo:font-size="14pt"')}
${para('Grounds', 'fo:text-align="justify" fo:text-indent="1.27cm" fo:margin-top="0.2cm"', 'fo:font-size="14pt" fo:font-style="italic"')}
${para('Centre', `${centre} fo:margin-top="0.2cm" fo:margin-bottom="0.2cm"`, 'fo:font-size="14pt"')}
${para('PageNo', `${centre} fo:break-before="page"`, 'fo:font-size="13pt"')}
${para('Recipients', 'fo:margin-top="0.4cm"', 'fo:font-size="12pt" fo:font-weight="bold" fo:font-style="italic"')}
${para('Recipient', '', 'fo:font-size="11pt"')}
${para('Sign', `${centre} fo:margin-top="0cm"`, 'fo:font-size="14pt" fo:font-weight="bold"')}
${para('Space', 'fo:margin-top="2.6cm"', '')}
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/></office:master-styles>
<office:body><office:text>
<table:table table:name="Header" table:style-name="Wide"><table:table-column table:style-name="HeadLeft"/><table:table-column table:style-name="HeadRight"/>
<table:table-row><table:table-cell>${left}</table:table-cell><table:table-cell>${right}</table:table-cell></table:table-row></table:table>
${title}${tail}
</office:text></office:body>
</office:document>
`;
}

/** What prints a generated document: Chromium from the HTML, or LibreOffice Writer from the flat ODT. */
export type Producer = 'chromium' | 'libreoffice';

/**
 * Prints many documents with one Chromium (Playwright over Debian's binary, the flags of playwright.config.ts) and
 * one LibreOffice run over all the flat ODTs at once: starting either costs seconds, printing a page a fraction.
 * Returns the PDFs in the order asked; files are made once per process like every fixture here.
 */
export async function makeDocumentPdfs(items: readonly { producer: Producer; spec: DocumentSpec }[]): Promise<string[]> {
  const keyed = items.map(({ producer, spec }) => {
    const source = producer === 'chromium' ? documentHtml(spec) : documentFodt(spec);
    return { producer, source, key: `${producer}-${createHash('sha256').update(source).digest('hex').slice(0, 16)}` };
  });
  const fresh = new Map(keyed.filter(({ key }) => !made.has(key)).map((k) => [k.key, k]));
  const todo = [...fresh.values()];
  const chromium = todo.filter((k) => k.producer === 'chromium');
  const writer = todo.filter((k) => k.producer === 'libreoffice');
  const batch = Promise.all([printHtmlMany(chromium.map((k) => ({ html: k.source, out: join(dir(), `${k.key}.pdf`) }))), convertFodtMany(writer.map((k) => ({ fodt: k.source, key: k.key })))]);
  for (const k of todo) made.set(k.key, batch.then(() => join(dir(), `${k.key}.pdf`)));
  return Promise.all(keyed.map(({ key }) => made.get(key) as Promise<string>));
}

async function printHtmlMany(jobs: { html: string; out: string }[]): Promise<void> {
  if (jobs.length === 0) return;
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    for (const { html, out } of jobs) {
      await page.setContent(html, { waitUntil: 'load' });
      await page.pdf({ path: out, preferCSSPageSize: true, printBackground: true });
    }
  } finally {
    await browser.close();
  }
}

async function convertFodtMany(jobs: { fodt: string; key: string }[]): Promise<void> {
  if (jobs.length === 0) return;
  const sources = jobs.map(({ key }) => join(dir(), `${key}.fodt`));
  await Promise.all(jobs.map(({ fodt }, i) => writeFile(sources[i] as string, fodt, 'utf8')));
  await libreOfficePdfs(sources, 'pdf:writer_pdf_Export');
}

/**
 * Each file printed to PDF by LibreOffice (Writer for documents, Calc for workbooks: `filter` says which export), into
 * the fixtures folder under the file's name; returns the PDFs' paths.
 */
export async function libreOfficePdfs(sources: string[], filter = 'pdf'): Promise<string[]> {
  const profile = join(dir(), 'lo-profile');
  // A profile of its own and a writable HOME keep the run independent of the machine's user and of other runs.
  const { stdout, stderr } = await run(
    'soffice',
    ['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(profile).href}`, '--convert-to', filter, '--outdir', dir(), ...sources],
    { timeout: 110_000, env: { ...process.env, HOME: join(dir(), 'home') }, maxBuffer: 16 * 1024 * 1024 },
  );
  // soffice exits 0 even when it could not load a file: a missing PDF is the only sign.
  const pdfs = sources.map((s) => join(dir(), `${basename(s).replace(/\.[^.]+$/, '')}.pdf`));
  for (const [i, pdf] of pdfs.entries()) {
    if (!existsSync(pdf) || (await stat(pdf)).size === 0) throw new Error(`LibreOffice made no PDF of ${sources[i]}: ${stdout}${stderr}`);
  }
  return pdfs;
}

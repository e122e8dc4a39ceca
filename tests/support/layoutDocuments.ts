/**
 * Decree 30 documents as offices print them, each with what sets it apart from the generated defaults: a commune's
 * committee on two lines, a department under a province, subjects over one to three lines, công văn and their V/v.
 */
import type { DocumentKind, DocumentSpec } from './documentFixtures';

/** A commune's people's committee, its name on two lines with only the place in bold, as many communes print it. */
const TAN_LAP: Partial<DocumentSpec> = {
  parentBody: undefined,
  issuingBody: ['ỦY BAN NHÂN DÂN', 'XÃ TÂN LẬP'],
  issuingBodyBold: [false, true],
  organName: 'Ủy ban nhân dân xã Tân Lập',
  place: 'Tân Lập',
  codeNotation: 'QĐ-UBND',
  signerAuthority: 'TM. ỦY BAN NHÂN DÂN',
  signerPosition: 'CHỦ TỊCH',
  signerName: 'Lê Văn Bình',
};

/** A department under a province: two bodies, the unit qualified by the committee's place. */
const SO_Y_TE: Partial<DocumentSpec> = {
  parentBody: 'UBND TỈNH HÀ TĨNH',
  issuingBody: ['SỞ Y TẾ'],
  organName: 'SỞ Y TẾ TỈNH HÀ TĨNH',
  place: 'Hà Tĩnh',
  signerAuthority: 'KT. GIÁM ĐỐC',
  signerPosition: 'PHÓ GIÁM ĐỐC',
  signerName: 'Nguyễn Thị Hồng Nhung',
};

export const LAYOUT_DOCUMENTS: [string, DocumentKind, Partial<DocumentSpec>][] = [
  ['quyết định of a province', 'quyetDinh', {}],
  [
    'quyết định of a commune, subject over three lines',
    'quyetDinh',
    {
      ...TAN_LAP,
      subjectLines: ['Về việc thành lập Tổ công tác rà soát, cập nhật', 'hồ sơ địa chính và cơ sở dữ liệu đất đai', 'trên địa bàn xã Tân Lập năm 2026'],
      competence: 'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN LẬP',
    },
  ],
  [
    'quyết định whose subject is not a "Về việc", body on one line',
    'quyetDinh',
    {
      ...TAN_LAP,
      issuingBody: ['UBND XÃ TÂN LẬP'],
      subjectLines: ['Ban hành Quy chế làm việc của Ủy ban nhân dân', 'xã Tân Lập nhiệm kỳ 2026 - 2031'],
      competence: 'ỦY BAN NHÂN DÂN XÃ TÂN LẬP',
    },
  ],
  ['giấy mời of a department of a ministry', 'giayMoi', {}],
  [
    'giấy mời of a district, subject over two lines',
    'giayMoi',
    {
      parentBody: undefined,
      issuingBody: ['ỦY BAN NHÂN DÂN', 'HUYỆN ĐỨC THỌ'],
      issuingBodyBold: undefined,
      organName: 'Ủy ban nhân dân huyện Đức Thọ',
      place: 'Đức Thọ',
      codeNotation: 'GM-UBND',
      subjectLines: ['Dự hội nghị sơ kết công tác phòng, chống thiên tai', 'sáu tháng đầu năm 2026'],
      signerAuthority: 'TL. CHỦ TỊCH',
      signerPosition: 'CHÁNH VĂN PHÒNG',
      signerName: 'Trần Đình Phú',
    },
  ],
  ['công văn of a department, V/v over two lines', 'congVan', {}],
  ['công văn khẩn of a district', 'congVanKhan', {}],
  [
    'công văn of a department under a province, V/v over three lines',
    'congVan',
    {
      ...SO_Y_TE,
      codeNotation: 'SYT-NVY',
      subjectLines: ['V/v tăng cường công tác phòng, chống', 'dịch bệnh mùa mưa lũ tại các cơ sở', 'khám bệnh, chữa bệnh'],
    },
  ],
  [
    'tờ trình of a department under a province',
    'congVan',
    {
      ...SO_Y_TE,
      title: 'TỜ TRÌNH',
      typeName: 'Tờ trình',
      codeNotation: 'TTr-SYT',
      subjectLines: ['Về việc đề nghị phê duyệt danh mục mua sắm', 'trang thiết bị y tế năm 2026'],
      body: [
        '<p class="kg">Kính gửi: Ủy ban nhân dân tỉnh Hà Tĩnh.</p>',
        '<p>Căn cứ Luật Đấu thầu ngày 23 tháng 6 năm 2023, Sở Y tế kính trình Ủy ban nhân dân tỉnh xem xét, phê duyệt danh mục mua sắm trang thiết bị y tế năm 2026 cho các bệnh viện tuyến tỉnh và trung tâm y tế tuyến huyện như sau.</p>',
        '<p>Sở Y tế kính trình Ủy ban nhân dân tỉnh xem xét, quyết định./.</p>',
      ],
    },
  ],
  [
    'báo cáo of a commune, one-line subject',
    'thongBao',
    { ...TAN_LAP, title: 'BÁO CÁO', typeName: 'Báo cáo', codeNotation: 'BC-UBND', subjectLines: ['Kết quả thực hiện nhiệm vụ sáu tháng đầu năm 2026'] },
  ],
  ['thông báo of a board under a city', 'thongBao', {}],
];

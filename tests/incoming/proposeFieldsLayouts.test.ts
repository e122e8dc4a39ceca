/**
 * Field proposals over documents as offices really make them: the same Decree 30 documents printed by Chromium from
 * HTML and by LibreOffice Writer from a flat ODT, with the title, subject and authority lines in one block or as
 * paragraphs of their own with and without space after them, subjects of one to three lines, and issuing bodies on one
 * or two lines with or without a parent body. Prints the share of fields proposed right, per field and overall.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Proposal } from '../../shared/contract/types';
import { proposeFields } from '../../electron/core/incoming/proposeFields';
import { readPdf } from '../../electron/core/pdf/pdfText';
import {
  cleanupFixtures,
  type DocumentKind,
  type DocumentSpec,
  documentSpec,
  expectedProposal,
  makeDocumentPdfs,
  type Producer,
} from '../support/documentFixtures';

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

const DOCUMENTS: [string, DocumentKind, Partial<DocumentSpec>][] = [
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

/** Unset: lines broken in one block; numbers: paragraphs of their own with that much space (pt) after each. */
const SPACINGS: (number | undefined)[] = [undefined, 0, 6, 12];
const PRODUCERS: Producer[] = ['chromium', 'libreoffice'];

interface Case {
  name: string;
  producer: Producer;
  spec: DocumentSpec;
  expected: Required<Proposal>;
}

const CASES: Case[] = PRODUCERS.flatMap((producer) =>
  SPACINGS.flatMap((paragraphSpacing) =>
    DOCUMENTS.map(([name, kind, overrides]): Case => {
      const all = { ...overrides, paragraphSpacing };
      const spacing = paragraphSpacing === undefined ? 'one block' : `paragraphs + ${paragraphSpacing}pt`;
      return { name: `${name} (${producer}, ${spacing})`, producer, spec: documentSpec(kind, all), expected: expectedProposal(kind, all) };
    }),
  ),
);

type Field = keyof Required<Proposal>;
const squash = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : v);

const proposals = new Map<string, Proposal>();

beforeAll(async () => {
  const files = await makeDocumentPdfs(CASES);
  for (const [i, c] of CASES.entries()) {
    const reading = await readPdf(files[i] as string);
    expect(reading.problem, c.name).toBeNull();
    proposals.set(c.name, proposeFields(reading.firstPage, { pageWidth: reading.firstPageSize?.width, lastPage: reading.lastPage }));
  }
}, 150_000);
afterAll(cleanupFixtures);

describe('proposeFields over documents from several producers and spacings', () => {
  it('proposes most fields right over the whole set', () => {
    const fields = Object.keys(CASES[0]!.expected) as Field[];
    const right = new Map<Field, number>(fields.map((f) => [f, 0]));
    for (const c of CASES) {
      const proposal = proposals.get(c.name) ?? {};
      for (const f of fields) if (squash(proposal[f]) === squash(c.expected[f])) right.set(f, (right.get(f) ?? 0) + 1);
    }
    const total = [...right.values()].reduce((a, b) => a + b, 0);
    const share = total / (fields.length * CASES.length);
    const pct = (n: number) => `${Math.round(n * 1000) / 10}%`;
    console.log(
      `proposeFields over ${CASES.length} documents: ${pct(share)} of fields right; ${fields.map((f) => `${f} ${pct((right.get(f) ?? 0) / CASES.length)}`).join(', ')}`,
    );
    expect(share).toBeGreaterThanOrEqual(0.99);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: every field as printed', (_, c) => {
    const proposal = proposals.get(c.name) ?? {};
    const { subject, ...exact } = proposal;
    const { subject: expectedSubject, ...expectedExact } = c.expected;
    expect(exact).toEqual(expectedExact);
    expect(squash(subject)).toBe(squash(expectedSubject));
  });
});

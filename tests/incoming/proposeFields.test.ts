import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeFields } from '../../electron/core/incoming/proposeFields';
import { readPdf, type TextLine } from '../../electron/core/pdf/pdfText';
import { buildLines, type PositionedRun } from '../../electron/core/pdf/textLines';
import { cleanupFixtures, DOCUMENT_KINDS, type DocumentKind, type DocumentSpec, expectedProposal, makeDocumentPdf } from '../support/documentFixtures';

/** Documents printed another way than their kind's default: the expected proposal follows the overrides. */
const VARIANTS: [string, DocumentKind, Partial<DocumentSpec>][] = [
  ['giấy mời whose body starts right under the subject', 'giayMoi', { tightTitle: true }],
  ['thông báo whose body starts right under the subject', 'thongBao', { tightTitle: true }],
  ['quyết định whose grounds start right under the subject', 'quyetDinh', { tightTitle: true, competence: undefined }],
  ['công văn of a body without a parent', 'congVan', { parentBody: undefined, organName: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO' }],
  [
    'quyết định of a department under a province written out in full',
    'quyetDinh',
    { parentBody: 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH', issuingBody: ['SỞ Y TẾ'], organName: 'SỞ Y TẾ TỈNH QUẢNG NINH', codeNotation: 'QĐ-SYT' },
  ],
  [
    'thông báo of a department under an abbreviated city',
    'thongBao',
    { parentBody: 'UBND TP. HỒ CHÍ MINH', issuingBody: ['SỞ Y TẾ'], organName: 'SỞ Y TẾ THÀNH PHỐ HỒ CHÍ MINH', place: 'TP. Hồ Chí Minh' },
  ],
  [
    'giấy mời of a department of a ministry',
    'giayMoi',
    { parentBody: 'BỘ Y TẾ', issuingBody: ['CỤC QUẢN LÝ DƯỢC'], organName: 'CỤC QUẢN LÝ DƯỢC - BỘ Y TẾ', codeNotation: 'GM-QLD', tightTitle: true },
  ],
];

// Chromium prints the documents side by side; each test then finds its file made.
beforeAll(() =>
  Promise.all([...DOCUMENT_KINDS.map((kind) => makeDocumentPdf(kind)), ...VARIANTS.map(([, kind, overrides]) => makeDocumentPdf(kind, overrides))]),
);
afterAll(cleanupFixtures);

const squash = (s: string | undefined) => s?.replace(/\s+/g, ' ').trim();

async function expectEveryField(kind: DocumentKind, overrides: Partial<DocumentSpec> = {}) {
  const reading = await readPdf(await makeDocumentPdf(kind, overrides));
  expect(reading.problem).toBeNull();
  const proposal = proposeFields(reading.firstPage, { pageWidth: reading.firstPageSize?.width, lastPage: reading.lastPage });
  const { subject, ...exact } = proposal;
  const { subject: expectedSubject, ...expectedExact } = expectedProposal(kind, overrides);
  expect(exact).toEqual(expectedExact);
  expect(squash(subject)).toBe(squash(expectedSubject));
}

describe('proposeFields on generated Decree 30 documents', () => {
  it.each(DOCUMENT_KINDS)('%s: every field as printed', (kind) => expectEveryField(kind));

  it.each(VARIANTS)('%s: every field as printed', (_, kind, overrides) => expectEveryField(kind, overrides));

  it('reads the signer from page 1 only when told nothing about the last page', async () => {
    const reading = await readPdf(await makeDocumentPdf('baoCaoTwoPages'));
    expect(reading.pageCount).toBe(2);
    const proposal = proposeFields(reading.firstPage, { pageWidth: reading.firstPageSize?.width });
    expect(proposal.signerName).toBeUndefined();
    expect(proposal.signerPosition).toBeUndefined();
    expect(proposal.codeNotation).toBe('BC-CTLCA');
  });

  it('reads what another issuer prints differently: other dates, bodies, stamps', async () => {
    const overrides = {
      issuingBody: ['SỞ Y TẾ'],
      parentBody: 'UBND TỈNH NGHỆ AN',
      dateText: 'ngày 2/2/2026',
      issuedDate: '2026-02-02',
      place: 'Nghệ An',
      codeNumber: '07',
      stamps: ['THƯỢNG KHẨN', 'MẬT'],
      priority: 2,
      secrecy: 'Mật' as const,
    };
    const reading = await readPdf(await makeDocumentPdf('thongBao', overrides));
    const proposal = proposeFields(reading.firstPage, { pageWidth: reading.firstPageSize?.width });
    expect(proposal).toMatchObject({
      organName: 'SỞ Y TẾ TỈNH NGHỆ AN',
      issuedDate: '2026-02-02',
      place: 'Nghệ An',
      codeNumber: '07',
      codeNotation: 'TB-BQL',
      typeName: 'Thông báo',
      priority: 2,
      secrecy: 'Mật',
    });
  });
});

/** A line as pdfText would give it; x, y in points on an A4 page. */
const line = (text: string, x: number, y: number, width: number, extra: Partial<TextLine> = {}): TextLine => ({
  text,
  x,
  y,
  width,
  fontSize: 13,
  bold: false,
  ...extra,
});

/** The header of a công văn as a word processor without bold fonts in its PDF would lay it out. */
function plainHeader(dateLine: string): TextLine[] {
  return [
    line('UBND HUYỆN GIA LÂM', 100, 60, 130),
    line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 280, 60, 260),
    line('PHÒNG TÀI CHÍNH - KẾ HOẠCH', 85, 76, 180),
    line('Độc lập - Tự do - Hạnh phúc', 330, 76, 170),
    line('Số: 5/TCKH', 110, 100, 80),
    line(dateLine, 300, 102, 220),
    line('V/v thẩm định dự toán', 100, 118, 130),
    line('Kính gửi: Ủy ban nhân dân huyện Gia Lâm.', 150, 150, 300),
    line('Phòng Tài chính - Kế hoạch nhận được hồ sơ đề nghị thẩm định dự toán của các xã trên địa bàn huyện,', 85, 175, 468),
  ];
}

describe('proposeFields layout rules', () => {
  it('returns nothing for a page without text', () => {
    expect(proposeFields([])).toEqual({});
  });

  it.each([
    ['Gia Lâm, ngày 5/1/2026', '2026-01-05'],
    ['Gia Lâm, ngày 05-01-2026', '2026-01-05'],
    ['Gia Lâm, ngày 15 tháng 12 năm 2025', '2025-12-15'],
  ])('reads the date in "%s"', (dateLine, iso) => {
    const p = proposeFields(plainHeader(dateLine));
    expect(p.issuedDate).toBe(iso);
    expect(p.place).toBe('Gia Lâm');
  });

  it('leaves the date out when the day was left blank for a hand-written one, or the date does not exist', () => {
    expect(proposeFields(plainHeader('Gia Lâm, ngày    tháng 01 năm 2026')).issuedDate).toBeUndefined();
    expect(proposeFields(plainHeader('Gia Lâm, ngày 30 tháng 02 năm 2026')).issuedDate).toBeUndefined();
    expect(proposeFields(plainHeader('Gia Lâm, ngày 30 tháng 02 năm 2026')).place).toBe('Gia Lâm');
  });

  it('reads the subject of a legal normative document and leaves its type to the clerk', () => {
    const lines = [
      line('CHÍNH PHỦ', 130, 60, 80, { bold: true }),
      line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 280, 60, 260, { bold: true }),
      line('Độc lập - Tự do - Hạnh phúc', 330, 76, 170, { bold: true }),
      line('Số: 30/2020/NĐ-CP', 110, 100, 110),
      line('Hà Nội, ngày 05 tháng 3 năm 2020', 300, 102, 220),
      line('NGHỊ ĐỊNH', 285, 140, 70, { bold: true, fontSize: 14 }),
      line('Về công tác văn thư', 255, 157, 130, { bold: true, fontSize: 14 }),
      line('Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;', 121, 190, 432, { fontSize: 14 }),
    ];
    const p = proposeFields(lines);
    expect(p).toMatchObject({ organName: 'CHÍNH PHỦ', codeNumber: '30', codeNotation: '2020/NĐ-CP', subject: 'Về công tác văn thư', issuedDate: '2020-03-05' });
    expect(p.typeName).toBeUndefined();
  });

  describe('the subject under a title stops where the body starts', () => {
    /** An invitation's header, title and one-line bold subject; `after` is the line printed right under the subject. */
    const invitation = (after: TextLine) => [
      line('BỘ NỘI VỤ', 145, 68, 66),
      line('VỤ PHÁP CHẾ', 140, 84, 90, { bold: true }),
      line('Số: 12/GM-PC', 131, 124, 95),
      line('Hà Nội, ngày 02 tháng 4 năm 2026', 313, 111, 197),
      line('GIẤY MỜI', 284, 159, 69, { bold: true, fontSize: 14 }),
      line('Dự họp góp ý dự thảo Thông tư', 220, 176, 197, { bold: true, fontSize: 14 }),
      after,
      line('phòng và công chức làm công tác pháp chế của các đơn vị dự họp.', 85, 211, 468, { fontSize: 14 }),
    ];

    it.each([
      ['a justified line running to the right margin', line('Vụ Pháp chế trân trọng đề nghị lãnh đạo Văn', 121, 194, 432, { fontSize: 14, bold: true })],
      ['a regular line after the bold subject', line('Thời gian: 08 giờ 00, ngày 16/4/2026.', 200, 194, 237, { fontSize: 14 })],
      ['a line with the invitation formula', line('Vụ Pháp chế trân trọng kính mời lãnh đạo', 190, 194, 258, { fontSize: 14, bold: true })],
      ['a line with the greeting', line('Kính gửi: các đơn vị thuộc Bộ.', 230, 194, 178, { fontSize: 14, bold: true })],
    ])('%s', (_, after) => {
      expect(proposeFields(invitation(after))).toMatchObject({ typeName: 'Giấy mời', subject: 'Dự họp góp ý dự thảo Thông tư' });
    });

    it('takes subject lines set as paragraphs of their own with space between them, and stops at the authority', () => {
      const p = proposeFields([
        ...invitation(line('và Kế hoạch năm 2026', 255, 212, 130, { fontSize: 14, bold: true })).slice(0, 4),
        line('QUYẾT ĐỊNH', 284, 159, 69, { bold: true, fontSize: 14 }),
        line('Về việc ban hành Quy chế làm việc', 220, 188, 197, { bold: true, fontSize: 14 }),
        line('của Vụ Pháp chế', 255, 217, 130, { bold: true, fontSize: 14 }),
        line('VỤ TRƯỞNG VỤ PHÁP CHẾ', 240, 246, 160, { bold: true, fontSize: 14 }),
        line('Căn cứ Nghị định số 25/2025/NĐ-CP ngày 21 tháng 02 năm 2025;', 121, 275, 432, { fontSize: 14 }),
      ]);
      expect(p).toMatchObject({ typeName: 'Quyết định', subject: 'Về việc ban hành Quy chế làm việc của Vụ Pháp chế' });
    });

    it('keeps a centred bold second line of the subject', () => {
      const p = proposeFields(invitation(line('và Kế hoạch năm 2026', 255, 194, 130, { fontSize: 14, bold: true })));
      expect(p.subject).toBe('Dự họp góp ý dự thảo Thông tư và Kế hoạch năm 2026');
    });
  });

  it.each([
    ['ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH', 'SỞ Y TẾ', 'SỞ Y TẾ TỈNH QUẢNG NINH'],
    ['UBND TX. ĐÔNG TRIỀU', 'PHÒNG TƯ PHÁP', 'PHÒNG TƯ PHÁP THỊ XÃ ĐÔNG TRIỀU'],
    ['UBND TỈNH LÀO CAI', 'CỤC THUẾ TỈNH LÀO CAI', 'CỤC THUẾ TỈNH LÀO CAI'],
    ['BỘ Y TẾ', 'CỤC QUẢN LÝ DƯỢC', 'CỤC QUẢN LÝ DƯỢC - BỘ Y TẾ'],
    ['TỔNG CỤC THUẾ', 'CỤC THUẾ TỈNH LÀO CAI', 'CỤC THUẾ TỈNH LÀO CAI - TỔNG CỤC THUẾ'],
  ])('names the issuing body under "%s" as a register writes it', (parent, body, expected) => {
    const lines = [
      line(parent, 100, 60, 170),
      line(body, 110, 76, 150, { bold: true }),
      line('Số: 5/QĐ-X', 120, 100, 80),
      line('Quảng Ninh, ngày 05 tháng 01 năm 2026', 300, 102, 220),
    ];
    expect(proposeFields(lines).organName).toBe(expected);
  });

  it('does not take a date quoted in the body for the date of the document', () => {
    const lines = plainHeader('').filter((l) => l.text !== '');
    lines.push(line('Căn cứ Quyết định số 12/QĐ-UBND ngày 05 tháng 01 năm 2026 của Ủy ban', 300, 190, 250));
    lines.push(line('Thực hiện Công văn số 1/UBND ngày 05 tháng 01 năm 2026 của Ủy ban nhân dân huyện Gia Lâm về', 85, 210, 468));
    const p = proposeFields(lines);
    expect(p.issuedDate).toBeUndefined();
    expect(p.place).toBeUndefined();
  });

  it('tells the parent body from the issuing body by the opening word when the PDF has no bold', () => {
    const p = proposeFields(plainHeader('Gia Lâm, ngày 5/1/2026'));
    expect(p.organName).toBe('PHÒNG TÀI CHÍNH - KẾ HOẠCH HUYỆN GIA LÂM');
    expect(p).toMatchObject({ codeNumber: '5', codeNotation: 'TCKH', typeName: 'Công văn', subject: 'V/v thẩm định dự toán' });
  });

  it('sets the issuing body apart from a motto read as one line with it, as OCR gives it, misread letters and all', () => {
    const header = plainHeader('Gia Lâm, ngày 5/1/2026');
    const joined = [line('UBND HUYỆN GIA LÂM GỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 100, 60, 440), ...header.slice(2)];
    expect(proposeFields(joined)).toMatchObject({ organName: 'PHÒNG TÀI CHÍNH - KẾ HOẠCH HUYỆN GIA LÂM', issuedDate: '2026-01-05', place: 'Gia Lâm' });
    // A line that only mentions the motto's words later in a sentence is a sentence, not a header.
    const sentence = line('Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013;', 85, 190, 400);
    expect(proposeFields([...header, sentence])).toEqual(proposeFields(header));
  });

  it('keeps a number left blank for hand-writing out, and takes the type from the notation without a title', () => {
    const lines = [
      line('ỦY BAN NHÂN DÂN', 110, 60, 120, { bold: true }),
      line('XÃ PHÚ THỊ', 130, 76, 80, { bold: true }),
      line('Số: /QĐ-UBND', 120, 100, 90),
      line('Phú Thị, ngày 03 tháng 3 năm 2026', 300, 102, 220),
    ];
    const p = proposeFields(lines);
    expect(p.codeNumber).toBeUndefined();
    expect(p).toMatchObject({ codeNotation: 'QĐ-UBND', typeName: 'Quyết định', organName: 'Ủy ban nhân dân xã Phú Thị' });
  });

  it.each([
    ['its place alone in bold', [['ỦY BAN NHÂN DÂN', false], ['XÃ TÂN LẬP', true]], 'Ủy ban nhân dân xã Tân Lập'],
    ['no bold at all', [['ỦY BAN NHÂN DÂN', false], ['HUYỆN ĐAN PHƯỢNG', false]], 'Ủy ban nhân dân huyện Đan Phượng'],
    ['one line, abbreviated', [['UBND TP. HỒ CHÍ MINH', true]], 'Ủy ban nhân dân thành phố Hồ Chí Minh'],
    ['a council', [['HỘI ĐỒNG NHÂN DÂN', true], ['TỈNH PHAN RANG-THÁP CHÀM', true]], 'Hội đồng nhân dân tỉnh Phan Rang-Tháp Chàm'],
    ['its committee over two lines above a department', [['ỦY BAN NHÂN DÂN', false], ['TỈNH HÀ TĨNH', false], ['SỞ NỘI VỤ', true]], 'SỞ NỘI VỤ TỈNH HÀ TĨNH'],
  ] as const)('names a people\'s committee printed with %s as a register writes it', (_, header, expected) => {
    const lines = [
      ...header.map(([text, bold], i) => line(text, 110, 60 + 16 * i, 8 * text.length, { bold })),
      line('Số: 12/UBND-VP', 120, 120, 90),
      line('Tân Lập, ngày 03 tháng 3 năm 2026', 300, 122, 220),
    ];
    expect(proposeFields(lines).organName).toBe(expected);
  });

  it('joins "Số:" and a number set apart by a tab', () => {
    const lines = plainHeader('Gia Lâm, ngày 5/1/2026').map((l) =>
      l.text.startsWith('Số:') ? [line('Số:', 100, 100, 20), line('125/TCKH-NS', 170, 100, 80)] : [l],
    );
    expect(proposeFields(lines.flat())).toMatchObject({ codeNumber: '125', codeNotation: 'TCKH-NS', subject: 'V/v thẩm định dự toán' });
  });

  it.each([
    ['HỎA TỐC HẸN GIỜ', 4, 'none'],
    ['HOẢ TỐC', 3, 'none'],
    ['THƯỢNG KHẨN', 2, 'none'],
    ['TỐI MẬT', 0, 'Tối mật'],
    ['TUYỆT MẬT', 0, 'Tuyệt mật'],
    ['KHẨN  MẬT', 1, 'Mật'],
  ])('reads the stamp %s', (stamp, priority, secrecy) => {
    const p = proposeFields([...plainHeader('Gia Lâm, ngày 5/1/2026'), line(stamp, 120, 132, 90, { bold: true })]);
    expect(p.priority).toBe(priority);
    expect(p.secrecy).toBe(secrecy);
    expect(p.subject).toBe('V/v thẩm định dự toán');
  });

  it('does not take "khẩn" inside a sentence for a stamp', () => {
    const p = proposeFields([...plainHeader('Gia Lâm, ngày 5/1/2026'), line('Đề nghị khẩn trương thực hiện.', 121, 200, 200)]);
    expect(p.priority).toBe(0);
  });

  it('reads the signature block with two authority lines and skips the signing stamp text', () => {
    const lines = [
      ...plainHeader('Gia Lâm, ngày 5/1/2026'),
      line('Nơi nhận:', 85, 400, 50, { bold: true, fontSize: 12 }),
      line('TM. ỦY BAN NHÂN DÂN', 350, 401, 150, { bold: true }),
      line('- Như trên;', 85, 412, 50, { fontSize: 11 }),
      line('KT. CHỦ TỊCH', 375, 417, 100, { bold: true }),
      line('PHÓ CHỦ TỊCH', 372, 433, 104, { bold: true }),
      line('(Đã ký)', 400, 470, 40),
      line('Ngô Thị Lan', 380, 510, 90, { bold: true }),
    ];
    expect(proposeFields(lines)).toMatchObject({ signerPosition: 'PHÓ CHỦ TỊCH', signerName: 'Ngô Thị Lan' });
  });

  it('reads the signer from the last page when page 1 has none', () => {
    const lastPage = [
      line('2', 295, 40, 7),
      line('hoàn thành trước ngày 30 tháng 6 năm 2026./.', 85, 70, 300),
      line('Nơi nhận:', 85, 100, 50, { bold: true, fontSize: 12 }),
      line('GIÁM ĐỐC', 390, 101, 70, { bold: true }),
      line('Trịnh Công Sơn', 375, 180, 100, { bold: true }),
    ];
    const p = proposeFields(plainHeader('Gia Lâm, ngày 5/1/2026'), { lastPage });
    expect(p).toMatchObject({ signerPosition: 'GIÁM ĐỐC', signerName: 'Trịnh Công Sơn' });
  });

  it('normalises decomposed Unicode (NFD) text to NFC', () => {
    const nfd = plainHeader('Gia Lâm, ngày 5/1/2026').map((l) => ({ ...l, text: l.text.normalize('NFD') }));
    const p = proposeFields(nfd);
    expect(p.organName).toBe('PHÒNG TÀI CHÍNH - KẾ HOẠCH HUYỆN GIA LÂM'.normalize('NFC'));
    expect(p.place).toBe('Gia Lâm'.normalize('NFC'));
    expect(p.subject?.normalize('NFC')).toBe(p.subject);
  });
});

describe('buildLines, which feeds proposeFields', () => {
  const run = (text: string, x: number, width: number, order: number, extra: Partial<PositionedRun> = {}): PositionedRun => ({
    text,
    x,
    y: 100,
    width,
    fontSize: 13,
    bold: false,
    order,
    ...extra,
  });

  it('joins words drawn one after the other, adding the spaces the PDF left out', () => {
    const lines = buildLines([run('Số:', 100, 20, 0), run('05/QĐ-UBND', 124, 70, 1), run('ngày', 200, 25, 2, { y: 101 })]);
    expect(lines.map((l) => l.text)).toEqual(['Số: 05/QĐ-UBND ngày']);
  });

  it('splits two columns that nearly touch when they were drawn apart', () => {
    const lines = buildLines([
      run('UBND THÀNH PHỐ ĐÀ NẴNG', 90, 177, 0),
      run('BAN QUẢN LÝ', 101, 150, 1, { y: 116, bold: true }),
      run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 278, 269, 2, { bold: true }),
    ]);
    expect(lines.map((l) => [l.text, l.bold])).toEqual([
      ['UBND THÀNH PHỐ ĐÀ NẴNG', false],
      ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', true],
      ['BAN QUẢN LÝ', true],
    ]);
  });

  it('splits at a gutter even when drawn in sequence, and keeps text NFC', () => {
    const lines = buildLines([run('Nơi nhận:'.normalize('NFD'), 85, 50, 0), run('KT. CHỦ TỊCH', 376, 96, 1)]);
    expect(lines.map((l) => l.text)).toEqual(['Nơi nhận:', 'KT. CHỦ TỊCH']);
  });
});

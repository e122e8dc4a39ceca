/** The `vanthu` command line as a script or an admin uses it: real processes, exit codes, stderr, JSON on stdout. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../support/coreFixture';
import { run, vanthuIn } from '../support/vanthuProcess';
import { openDatabase } from '../../electron/core/db/database';
import { createOutgoingRepo } from '../../electron/core/db/outgoingRepo';
import { msg } from '../../shared/messages';
import { BAD_FILE_PROBLEMS, expectedProposal, makeBadFile, makeDocumentPdf, type BadFileKind } from '../support/documentFixtures';

const data = tempDir('vanthu-cli-');
afterAll(() => data.remove());

function vanthu(...args: string[]) {
  return vanthuIn(data.dir, args);
}


// Each case starts real processes (several for some): generous on a shared, busy machine.
vi.setConfig({ testTimeout: 180_000 });

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
let congVan: string;

beforeAll(async () => {
  congVan = await makeDocumentPdf('congVan');
});

describe('vanthu', () => {
  it('refuses a wrong OrganId at init with exit 2 and a Vietnamese message', async () => {
    const r = await vanthu('init', '--org-name', 'UBND xã Tân Lập', '--organ-id', '000.00.H41', '--abbrev', 'UBND');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Mã định danh cơ quan');
    noStackTrace(r.stderr);
  });

  it('refuses to register before the organisation is set up (exit 1)', async () => {
    const r = await vanthu('register', '--set', 'Subject=Thử');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Chưa thiết lập thông tin cơ quan');
  });

  it('sets up the organisation', async () => {
    const r = await vanthu('init', '--org-name', 'Ủy ban nhân dân xã Tân Lập', '--organ-id', '000.12.34.H41', '--abbrev', 'ubnd',
      '--unit', 'Văn phòng:VP', '--staff', 'Nguyễn Thị Lan:Văn thư:VP:van_thu');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('000.12.34.H41');
  });

  it('registers a PDF with the proposed fields and prints the interchange names', async () => {
    const r = await vanthu('register', congVan, '--auto', '--set', 'ToPlaces=Văn phòng', '--json');
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const expected = expectedProposal('congVan');
    // toEqual: the exact key set, the interchange names of Appendix VI and the id, nothing else.
    expect(doc).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      ArrivalNumber: 1,
      ArrivalDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      OrganName: expected.organName,
      CodeNumber: expected.codeNumber,
      CodeNotation: expected.codeNotation,
      IssuedDate: expected.issuedDate,
      TypeName: 'Công văn',
      Subject: expected.subject,
      SignerInfo: { FullName: expected.signerName, Position: expected.signerPosition },
      Priority: 0,
      PageAmount: 1,
      Description: '',
      ToPlaces: 'Văn phòng',
      DueDate: null,
    });
  });

  it('refuses a duplicate (exit 1), wants a reason with --force (exit 2), registers with one', async () => {
    const dup = await vanthu('register', congVan, '--auto');
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('Số đến 1/');
    expect((await vanthu('register', congVan, '--auto', '--force')).code).toBe(2);
    const forced = await vanthu('register', congVan, '--auto', '--force', '--reason', 'Bản gửi lại', '--json');
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout).ArrivalNumber).toBe(2);
  });

  it('refuses a secret document (exit 1) and stores nothing', async () => {
    const r = await vanthu('register', '--set', 'Secrecy=Tối mật', '--set', 'OrganName=Bộ Quốc phòng', '--set', 'IssuedDate=2026-01-05',
      '--set', 'TypeName=Công văn', '--set', 'Subject=Về việc bảo vệ bí mật', '--set', 'CodeNumber=9', '--set', 'CodeNotation=BQP-VP');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bí mật nhà nước');
    const after = await vanthu('search', 'bao ve bi mat', '--json');
    expect(JSON.parse(after.stdout)).toEqual([]);
  });

  it('refuses a PDF stamped MẬT (exit 1) and leaves neither its bytes nor its text in the data folder', async () => {
    const secret = await makeDocumentPdf('congVan', { stamps: ['MẬT'], secrecy: 'Mật', codeNumber: '77' });
    const hash = createHash('sha256').update(readFileSync(secret)).digest('hex');
    const r = await vanthu('register', secret, '--auto');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('bí mật nhà nước');
    noStackTrace(r.stderr);
    expect(readdirSync(path.join(data.dir, 'content'), { recursive: true }).map(String).filter((f) => f.includes(hash))).toEqual([]);
    const db = new Database(path.join(data.dir, 'vanthu.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) FROM content_text WHERE hash = ?').pluck().get(hash)).toBe(0);
    } finally {
      db.close();
    }
  });

  it('lets a clerk register an unreadable PDF by typing the fields', async () => {
    const truncated = await makeBadFile('truncated');
    const missing = await vanthu('register', truncated, '--auto');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('bị hỏng');
    expect(missing.stderr).toContain('– Subject: ');
    const typed = await vanthu('register', truncated, '--set', 'OrganName=Sở Tư pháp tỉnh Hà Tĩnh', '--set', 'IssuedDate=2026-01-05',
      '--set', 'TypeName=QĐ', '--set', 'Subject=Quyết định về công tác phổ biến pháp luật', '--set', 'CodeNumber=05',
      '--set', 'CodeNotation=QĐ-STP', '--json');
    expect(typed.code, typed.stderr).toBe(0);
    expect(JSON.parse(typed.stdout)).toMatchObject({ ArrivalNumber: 3, TypeName: 'Quyết định', CodeNumber: '05' });
  });

  it('refuses bad input with exit 2: a missing file, an impossible date, an unknown --set field', async () => {
    for (const args of [
      ['register', '/khong/co/tep.pdf'],
      ['register', '--set', 'IssuedDate=2026-02-30'],
      ['register', '--set', 'Colour=red'],
      ['register-book', '--from', '2026-01-01', '--to', '2026-12-31', '-o', 'book.docx'],
    ]) {
      const r = await vanthu(...args);
      expect(r.code, args.join(' ')).toBe(2);
      noStackTrace(r.stderr);
    }
  });

  it('searches without diacritics, best match first, as an array of documents', async () => {
    const r = await vanthu('search', 'pho bien phap luat', '--json');
    expect(r.code, r.stderr).toBe(0);
    const found = JSON.parse(r.stdout);
    expect(found[0]).toMatchObject({ CodeNotation: 'QĐ-STP', ArrivalNumber: 3 });
  });

  it('prints the register book as PDF and XLSX', async () => {
    const pdf = path.join(data.dir, 'so-den.pdf');
    const xlsx = path.join(data.dir, 'so-den.xlsx');
    const year = new Date().getFullYear();
    expect((await vanthu('register-book', '--from', `${year - 1}-01-01`, '--to', `${year + 1}-12-31`, '-o', pdf)).code).toBe(0);
    expect((await vanthu('register-book', '--from', `${year - 1}-01-01`, '--to', `${year + 1}-12-31`, '-o', xlsx)).code).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
  });

  it('prints the outgoing register book with --kind outgoing, and refuses an unknown kind in Vietnamese', async () => {
    // Issued documents written straight into the data folder (the repository's bulk path): the command line has no
    // outgoing workflow, and the register only reads what was issued.
    const db = openDatabase(path.join(data.dir, 'vanthu.db'));
    try {
      const clerk = db.prepare('SELECT id, full_name AS name FROM staff').get() as { id: string; name: string };
      const unit = db.prepare("SELECT id FROM units WHERE abbrev = 'VP'").pluck().get() as string;
      await createOutgoingRepo(db).insertIssuedMany(
        [['Quyết định', 'QĐ-UBND'], ['Công văn', 'UBND-VP']].map(([typeName, codeNotation], i) => ({
          id: `00000000-0000-4000-8000-00000000000${i + 1}`,
          fields: {
            typeName: typeName!, subject: `Về việc thử sổ văn bản đi số ${i + 1}`, copyKind: 'none', legalNormative: false, draftingUnitId: unit,
            signerId: clerk.id, signerName: 'Trần Văn Hùng', signerPosition: 'CHỦ TỊCH', signerAuthority: 'TM.', priority: 0, issuedAmount: 3, dueDate: null, note: '',
          },
          recipients: [{ kind: 'external', id: null, organId: '000.00.00.H41', name: 'Ủy ban nhân dân tỉnh Hà Tĩnh' }],
          files: [],
          searchText: '',
          actor: clerk,
          at: '2026-03-02T02:00:00.000Z',
          registerId: 'outgoing',
          registerName: 'Văn bản đi',
          year: 2026,
          number: i + 1,
          codeNumber: `0${i + 1}`,
          codeNotation: codeNotation!,
          issuedDate: '2026-03-02',
          documentId: `000.12.34.H41,2026/03/02,0${i + 1}/${codeNotation}`,
        })),
      );
    } finally {
      db.close();
    }
    const pdf = path.join(data.dir, 'so-di.pdf');
    const r = await vanthu('register-book', '--kind', 'outgoing', '--from', '2026-03-01', '--to', '2026-03-31', '-o', pdf);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('sổ đăng ký văn bản đi');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
    for (const header of ['Người ký', 'Nơi nhận văn bản', 'Số lượng', 'Ngày tháng']) expect(text).toContain(header);
    expect(text).toMatch(/^\s*01\/QĐ-UBND\s+02\/03\/2026\s+Quyết định/m);
    expect(text).toMatch(/^\s*02\/UBND-VP\s+02\/03\/2026\s+Công văn/m);

    // One sequence's book, named as the app shows it; a sequence without documents in the period names those that have.
    const one = await vanthu('register-book', '--kind', 'outgoing', '--sequence', 'văn bản hành chính (dãy số chung)', '--from', '2026-03-01', '--to', '2026-03-31', '-o', pdf);
    expect(one.code, one.stderr).toBe(0);
    expect(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })).toMatch(/Dãy số: Văn bản hành chính \(dãy số chung\)\s+Từ số 1 đến số 2|Từ số 1 đến số 2\s+Dãy số: Văn bản hành chính/);
    const none = await vanthu('register-book', '--kind', 'outgoing', '--sequence', 'Bản sao', '--from', '2026-03-01', '--to', '2026-03-31', '-o', pdf);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(msg('cli.book.sequenceUnknown', { value: 'Bản sao', names: '“Văn bản hành chính (dãy số chung)”' }));

    const wrong = await vanthu('register-book', '--kind', 'di', '--from', '2026-03-01', '--to', '2026-03-31', '-o', pdf);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--kind: ');
    expect(wrong.stderr).toContain('incoming');
    noStackTrace(wrong.stderr);
  });

  it.each([
    ['not a PDF', 'notPdfText', '31'],
    ['empty', 'empty', '32'],
    ['password-protected', 'encrypted', '33'],
  ] as const)('says why a file that is %s cannot be read (exit 2) and registers it with typed fields', async (_, kind: BadFileKind, number) => {
    const file = await makeBadFile(kind);
    const auto = await vanthu('register', file, '--auto');
    expect(auto.code, auto.stderr).toBe(2);
    expect(auto.stderr).toContain(msg(`file.${BAD_FILE_PROBLEMS[kind]}`));
    expect(auto.stderr).toContain('– Subject: ');
    noStackTrace(auto.stderr);
    const typed = await vanthu('register', file, '--set', 'OrganName=Sở Nội vụ tỉnh Hà Tĩnh', '--set', 'IssuedDate=2026-01-06',
      '--set', 'TypeName=Công văn', '--set', 'Subject=V/v tuyển dụng công chức', '--set', `CodeNumber=${number}`, '--set', 'CodeNotation=SNV-CCVC', '--json');
    expect(typed.code, typed.stderr).toBe(0);
    expect(JSON.parse(typed.stdout)).toMatchObject({ CodeNumber: number, Subject: 'V/v tuyển dụng công chức' });
  });

  it('names a duplicate that has no number by its notation alone', async () => {
    const args = ['register', '--set', 'OrganName=Sở Y tế tỉnh Hà Tĩnh', '--set', 'IssuedDate=2026-01-07', '--set', 'TypeName=Công văn',
      '--set', 'Subject=V/v phòng chống dịch', '--set', 'CodeNotation=SYT-NV'];
    expect((await vanthu(...args)).code).toBe(0);
    const again = await vanthu(...args);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/, SYT-NV, Sở Y tế tỉnh Hà Tĩnh: /);
  });

  it.each(['2026-02-31', '31/02/2026'])('refuses the impossible date %s with exit 2, naming the field', async (date) => {
    const r = await vanthu('register', '--set', `IssuedDate=${date}`, '--set', 'OrganName=Sở Nội vụ tỉnh Hà Tĩnh', '--set', 'TypeName=Công văn',
      '--set', 'Subject=V/v ngày sai', '--set', 'CodeNumber=40', '--set', 'CodeNotation=SNV-VP');
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`– IssuedDate: ${msg('error.dateInvalid')}`);
    noStackTrace(r.stderr);
  });
});

describe('vanthu as installed', () => {
  const repoRoot = path.resolve(__dirname, '../..');

  it('runs through npx from the repository after npm ci', async () => {
    const r = await run('npx', ['--no-install', 'vanthu', '--help'], { cwd: repoRoot });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Cách dùng: vanthu');
    expect(r.stdout).toContain(msg('cli.register.summary'));
  });

  it('exits 3, not 1 (refused), on an unexpected error, with one message and no stack trace', async () => {
    const broken = tempDir('vanthu-cli-broken-');
    try {
      // A folder where the database should be: the program cannot open its own store.
      mkdirSync(path.join(broken.dir, 'vanthu.db'));
      const r = await vanthuIn(broken.dir, ['search', 'dat dai']);
      expect([r.code, r.stderr.trim()]).toEqual([3, msg('error.internal')]);
    } finally {
      broken.remove();
    }
  });

  it('exits 3 when the core fails in the middle of a registration, printing no stack trace', async () => {
    const broken = tempDir('vanthu-cli-outbox-');
    try {
      expect((await vanthuIn(broken.dir, ['init', '--org-name', 'UBND xã Tân Lập', '--organ-id', '000.12.34.H41', '--abbrev', 'UBND'])).code).toBe(0);
      const db = new Database(path.join(broken.dir, 'vanthu.db'));
      db.exec(`CREATE TRIGGER outbox_down BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox down'); END`);
      db.close();
      const r = await vanthuIn(broken.dir, ['register', '--set', 'OrganName=Sở Nội vụ tỉnh Hà Tĩnh', '--set', 'IssuedDate=2026-01-06',
        '--set', 'TypeName=Công văn', '--set', 'Subject=V/v thử', '--set', 'CodeNumber=1', '--set', 'CodeNotation=SNV-VP']);
      expect([r.code, r.stderr.trim()]).toEqual([3, msg('error.internal')]);
    } finally {
      broken.remove();
    }
  });
});

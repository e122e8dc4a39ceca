/**
 * A .edxml package opened from the file manager (the installer's file association): found on the command line, checked,
 * and imported through the exchange contract with the real core, its outcome in Vietnamese.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edxmlPathsFromArgv, importOpenedPackage } from '../../electron/main/openedFiles';
import { call, openTestCore, tempDir } from '../support/coreFixture';
import { handWrittenPackage, PROVINCE } from '../support/edxmlPackages';

let province: Awaited<ReturnType<typeof openTestCore>>;
let work: ReturnType<typeof tempDir>;

beforeAll(async () => {
  work = tempDir('vanthu-opened-');
  province = await openTestCore({}, false);
  const profile = await call(province.core, 'org.setup', PROVINCE);
  await call(province.core, 'org.actAs', { staffId: profile.staff[0]!.id });
});
afterAll(() => {
  province.dispose();
  work.remove();
});

describe('packages on the command line', () => {
  it('takes the .edxml paths, whatever their case, resolved against the folder they were given in', () => {
    const argv = ['/opt/Vanthu/vanthu', '--data', '/srv/data.edxml', '--no-sandbox', '--enable-features=X', 'goi-tin.EDXML', 'thu.pdf', '/tmp/b.edxml'];
    expect(edxmlPathsFromArgv(argv.slice(1), '/home/hoa')).toEqual(['/home/hoa/goi-tin.EDXML', '/tmp/b.edxml']);
    expect(edxmlPathsFromArgv(['.'], '/home/hoa')).toEqual([]);
  });
});

describe('opening a package', () => {
  const write = (name: string, text: string) => {
    const file = path.join(work.dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('hands it to the exchange import, which checks it as a package chosen in the app, and says why it is refused', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage().drawText('Cong van so 27');
    const unsigned = write('cong-van-27.edxml', handWrittenPackage(Buffer.from(await pdf.save())));
    const outcome = await importOpenedPackage(province.core, unsigned);
    expect(outcome.kind).toBe('error');
    expect(outcome.text).toMatch(/^Văn bản chính "27-UBND-VP.pdf" không có chữ ký số/);
    const broken = await importOpenedPackage(province.core, write('hong.edxml', '<edXML><edXMLEnvelope>'));
    expect(broken).toEqual({ kind: 'error', text: expect.stringMatching(/XML/) });
  });

  it('refuses what is not a package file: another extension, a folder, a link, a missing file', async () => {
    const pdf = write('thu.pdf', '%PDF-1.4');
    expect(await importOpenedPackage(province.core, pdf)).toEqual({ kind: 'error', text: 'Vanthu chỉ mở được gói tin edXML (tệp .edxml); thu.pdf không phải gói tin.' });
    const folder = path.join(work.dir, 'thu-muc.edxml');
    mkdirSync(folder);
    const link = path.join(work.dir, 'lien-ket.edxml');
    symlinkSync(write('that.edxml', '<edXML/>'), link);
    for (const file of [folder, link, path.join(work.dir, 'khong-co.edxml')]) {
      const outcome = await importOpenedPackage(province.core, file);
      expect(outcome, file).toEqual({ kind: 'error', text: expect.stringMatching(/^Không đọc được tệp .*\.edxml: tệp không còn, không phải tệp thường/) });
    }
  });
});

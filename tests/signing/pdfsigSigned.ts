/** A PDF first signed by poppler's pdfsig through an NSS database (certutil/pk12util from libnss3-tools). */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { TestPki } from '../support/testPki';

export function signedByPdfsig(input: string, pki: TestPki, workDir: string): string {
  const nss = path.join(workDir, 'nss');
  mkdirSync(nss, { recursive: true });
  const db = `sql:${nss}`;
  execFileSync('certutil', ['-N', '-d', db, '--empty-password'], { stdio: 'pipe' });
  execFileSync('pk12util', ['-i', pki.untrustedLeaf.p12Path!, '-d', db, '-W', pki.password], { stdio: 'pipe' });
  const output = path.join(workDir, 'signed-by-pdfsig.pdf');
  // pdfsig 22.12 cannot add ETSI.CAdES.detached signatures, so this one is adbe.pkcs7.detached (BER, from NSS).
  execFileSync('pdfsig', ['-nssdir', db, '-add-signature', '-nick', 'untrusted', '-reason', 'Ký bằng pdfsig', input, output], { stdio: 'pipe' });
  return output;
}

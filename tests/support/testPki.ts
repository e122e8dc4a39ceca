/**
 * A throw-away PKI made with the openssl command line in a temp directory: nothing here is committed, every test run
 * makes fresh keys. `issue()` is public so further tests can add their own certificates (an OCSP responder, a TSA...)
 * by naming the issuer and the extensions they need.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestCert {
  name: string;
  keyPath: string;
  /** PEM of the certificate alone. */
  certPath: string;
  certDer: Uint8Array;
  /** The issuer's TestCert, undefined for a self-signed root. */
  issuer?: TestCert;
  /** PKCS#12 of key + certificate + issuing chain, protected with TEST_P12_PASSWORD (leaves only). */
  p12Path?: string;
}

export interface IssueOptions {
  name: string;
  /** UTF-8 subject, e.g. "/C=VN/O=UBND/CN=Nguyễn Văn An". */
  subject: string;
  /** Omitted: self-signed. */
  issuer?: TestCert;
  /** OpenSSL extension lines for the certificate, e.g. ["basicConstraints=critical,CA:FALSE", "keyUsage=..."]. */
  extensions: string[];
  /** openssl ca time format YYYYMMDDHHMMSSZ; defaults: yesterday, and in 2 years. */
  startDate?: string;
  endDate?: string;
  keyType?: 'rsa' | 'ec';
  p12?: boolean;
}

export interface TestPki {
  dir: string;
  root: TestCert;
  intermediate: TestCert;
  /** digitalSignature + nonRepudiation, chains root → intermediate → leaf. */
  leaf: TestCert;
  /** A second valid signer (e.g. the organisation's seal certificate). */
  orgLeaf: TestCert;
  expiredLeaf: TestCert;
  /** keyEncipherment only: may not sign. */
  wrongUsageLeaf: TestCert;
  untrustedRoot: TestCert;
  untrustedLeaf: TestCert;
  password: string;
  issue(options: IssueOptions): TestCert;
  /** PEM file with the root (the trust anchor a verifier is configured with). */
  rootPemPath: string;
  cleanup(): void;
}

export const TEST_P12_PASSWORD = 'Mật-khẩu thử 123';

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

function timeString(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

export function createTestPki(): TestPki {
  const dir = mkdtempSync(path.join(tmpdir(), 'vanthu-pki-'));
  mkdirSync(path.join(dir, 'newcerts'));
  writeFileSync(path.join(dir, 'index.txt'), '');
  writeFileSync(path.join(dir, 'serial'), '1000\n');

  function issue(o: IssueOptions): TestCert {
    const keyPath = path.join(dir, `${o.name}.key`);
    const csrPath = path.join(dir, `${o.name}.csr`);
    const certPath = path.join(dir, `${o.name}.pem`);
    const confPath = path.join(dir, `${o.name}.cnf`);
    if (o.keyType === 'ec') openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyPath], dir);
    else openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', keyPath], dir);
    writeFileSync(
      confPath,
      [
        '[ca]',
        'default_ca = test_ca',
        '[test_ca]',
        `dir = ${dir}`,
        'database = $dir/index.txt',
        'new_certs_dir = $dir/newcerts',
        'serial = $dir/serial',
        'default_md = sha256',
        'policy = any',
        'unique_subject = no',
        'copy_extensions = none',
        'string_mask = utf8only',
        'email_in_dn = no',
        '[any]',
        'countryName = optional',
        'organizationName = optional',
        'organizationalUnitName = optional',
        'commonName = supplied',
        '[req]',
        'distinguished_name = dn',
        'string_mask = utf8only',
        '[dn]',
        '[ext]',
        ...o.extensions,
        'subjectKeyIdentifier = hash',
        ...(o.issuer ? ['authorityKeyIdentifier = keyid'] : []),
        '',
      ].join('\n'),
    );
    openssl(['req', '-new', '-utf8', '-config', confPath, '-key', keyPath, '-subj', o.subject, '-out', csrPath], dir);
    const start = o.startDate ?? timeString(new Date(Date.now() - 86_400_000));
    const end = o.endDate ?? timeString(new Date(Date.now() + 2 * 365 * 86_400_000));
    const signer = o.issuer ? ['-cert', o.issuer.certPath, '-keyfile', o.issuer.keyPath] : ['-selfsign', '-keyfile', keyPath];
    openssl(
      ['ca', '-batch', '-utf8', '-notext', '-config', confPath, '-extensions', 'ext', '-in', csrPath, '-out', certPath, '-startdate', start, '-enddate', end, ...signer],
      dir,
    );
    const der = new Uint8Array(Buffer.from(readFileSync(certPath, 'latin1').replace(/-----[^-]+-----|\s+/g, ''), 'base64'));
    const cert: TestCert = { name: o.name, keyPath, certPath, certDer: der, ...(o.issuer ? { issuer: o.issuer } : {}) };
    if (o.p12) {
      const chainPath = path.join(dir, `${o.name}-chain.pem`);
      const chain: string[] = [];
      for (let c = o.issuer; c; c = c.issuer) chain.push(readFileSync(c.certPath, 'utf8'));
      writeFileSync(chainPath, chain.join(''));
      cert.p12Path = path.join(dir, `${o.name}.p12`);
      openssl(
        ['pkcs12', '-export', '-inkey', keyPath, '-in', certPath, ...(chain.length ? ['-certfile', chainPath] : []), '-name', o.name, '-out', cert.p12Path, '-passout', 'env:VANTHU_TEST_P12_PASSWORD'],
        dir,
      );
    }
    return cert;
  }

  process.env.VANTHU_TEST_P12_PASSWORD = TEST_P12_PASSWORD;
  const caExt = ['basicConstraints = critical,CA:TRUE', 'keyUsage = critical,keyCertSign,cRLSign'];
  const signerExt = ['basicConstraints = critical,CA:FALSE', 'keyUsage = critical,digitalSignature,nonRepudiation', 'extendedKeyUsage = emailProtection'];
  const root = issue({ name: 'root', subject: '/C=VN/O=Vanthu thử nghiệm/CN=Vanthu Test Root CA G2', extensions: caExt });
  const intermediate = issue({ name: 'intermediate', subject: '/C=VN/O=Vanthu thử nghiệm/CN=CA phục vụ thử nghiệm G2', issuer: root, extensions: caExt });
  const leaf = issue({ name: 'leaf', subject: '/C=VN/O=UBND tỉnh Thử Nghiệm/CN=Nguyễn Văn An', issuer: intermediate, extensions: signerExt, p12: true });
  const orgLeaf = issue({ name: 'org', subject: '/C=VN/O=UBND tỉnh Thử Nghiệm/CN=Ủy ban nhân dân tỉnh Thử Nghiệm', issuer: intermediate, extensions: signerExt, p12: true });
  const expiredLeaf = issue({
    name: 'expired',
    subject: '/C=VN/O=UBND tỉnh Thử Nghiệm/CN=Trần Thị Hết Hạn',
    issuer: intermediate,
    extensions: signerExt,
    startDate: '20200101000000Z',
    endDate: '20210101000000Z',
    p12: true,
  });
  const wrongUsageLeaf = issue({
    name: 'wrong-usage',
    subject: '/C=VN/O=UBND tỉnh Thử Nghiệm/CN=Lê Văn Mã Hóa',
    issuer: intermediate,
    extensions: ['basicConstraints = critical,CA:FALSE', 'keyUsage = critical,keyEncipherment'],
    p12: true,
  });
  const untrustedRoot = issue({ name: 'untrusted-root', subject: '/C=VN/O=Không tin cậy/CN=Untrusted Root', extensions: caExt });
  const untrustedLeaf = issue({ name: 'untrusted', subject: '/C=VN/O=Không tin cậy/CN=Phạm Văn Lạ', issuer: untrustedRoot, extensions: signerExt, p12: true });

  return {
    dir,
    root,
    intermediate,
    leaf,
    orgLeaf,
    expiredLeaf,
    wrongUsageLeaf,
    untrustedRoot,
    untrustedLeaf,
    password: TEST_P12_PASSWORD,
    issue,
    rootPemPath: root.certPath,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

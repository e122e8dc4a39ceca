/**
 * A real PKCS#11 token for tests: SoftHSM2 with a private configuration and token directory. Keys are generated ON the
 * token by pkcs11-tool and never leave it; only the public key is read out, certified by a test CA with openssl
 * (-force_pubkey puts the token's public key into the certificate, since openssl here cannot reach the token's private
 * key to sign a CSR), and the certificate is written back onto the token next to its key.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SOFTHSM_MODULE = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so'].find(existsSync) ?? '';

export interface SoftTokenKey {
  label: string;
  /** CKA_ID in hex, e.g. '01'. */
  id: string;
  type: 'rsa:2048' | 'EC:prime256v1';
  commonName: string;
}

export interface CertificateAuthority {
  certPath: string;
  keyPath: string;
  /** Extra lines for the leaf's extension section (e.g. authorityInfoAccess for OCSP). */
  leafExtensions?: string[];
  /** CA certificates (PEM paths) stored on the token too, as issued tokens carry their chain. */
  chainOnToken?: string[];
}

export interface SoftToken {
  dir: string;
  label: string;
  pin: string;
  /** Path of each key's certificate (PEM), by key label. */
  certPaths: Record<string, string>;
  /** Environment for child processes and for this process: SoftHSM reads SOFTHSM2_CONF when initialised. */
  env: Record<string, string>;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): string {
  return execFileSync(cmd, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function createSoftToken(dir: string, label: string, pin: string, keys: SoftTokenKey[], ca: CertificateAuthority): SoftToken {
  const tokens = join(dir, 'tokens');
  mkdirSync(tokens, { recursive: true });
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  run('softhsm2-util', ['--init-token', '--free', '--label', label, '--so-pin', '87654321', '--pin', pin], env);
  const tool = (...args: string[]) => run('pkcs11-tool', ['--module', SOFTHSM_MODULE, '--token-label', label, ...args], env);

  const certPaths: Record<string, string> = {};
  for (const key of keys) {
    tool('--login', '--pin', pin, '--keypairgen', '--key-type', key.type, '--id', key.id, '--label', key.label);
    const pubDer = join(dir, `${key.id}.pub.der`);
    tool('--read-object', '--type', 'pubkey', '--id', key.id, '-o', pubDer);
    const pubPem = join(dir, `${key.id}.pub.pem`);
    run('openssl', ['pkey', '-pubin', '-inform', 'DER', '-in', pubDer, '-out', pubPem], env);

    // The CSR only carries the subject; its throwaway key is replaced by the token's public key below.
    const throwaway = join(dir, `${key.id}.throwaway.key`);
    run('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', throwaway], env);
    const csr = join(dir, `${key.id}.csr`);
    run('openssl', ['req', '-new', '-utf8', '-key', throwaway, '-subj', `/C=VN/O=Vanthu Test/CN=${key.commonName}`, '-out', csr], env);
    const ext = join(dir, `${key.id}.ext`);
    writeFileSync(
      ext,
      ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature,nonRepudiation', 'subjectKeyIdentifier=hash', 'authorityKeyIdentifier=keyid', ...(ca.leafExtensions ?? [])].join('\n') + '\n',
    );
    const certPem = join(dir, `${key.id}.cert.pem`);
    run('openssl', ['x509', '-req', '-in', csr, '-force_pubkey', pubPem, '-CA', ca.certPath, '-CAkey', ca.keyPath, '-CAcreateserial', '-days', '365', '-sha256', '-extfile', ext, '-out', certPem], env);
    const certDer = join(dir, `${key.id}.cert.der`);
    run('openssl', ['x509', '-in', certPem, '-outform', 'DER', '-out', certDer], env);
    tool('--login', '--pin', pin, '--write-object', certDer, '--type', 'cert', '--id', key.id, '--label', key.label);
    certPaths[key.label] = certPem;
  }
  (ca.chainOnToken ?? []).forEach((pem, index) => {
    const der = join(dir, `chain-${index}.der`);
    run('openssl', ['x509', '-in', pem, '-outform', 'DER', '-out', der], env);
    tool('--login', '--pin', pin, '--write-object', der, '--type', 'cert', '--id', `c${index}`, '--label', `CA ${index}`);
  });
  return { dir, label, pin, certPaths, env: { SOFTHSM2_CONF: conf } };
}

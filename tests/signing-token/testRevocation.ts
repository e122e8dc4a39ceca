/**
 * Revocation services for tests: `openssl ocsp` as the responder over the test PKI's own CA database (index.txt), and
 * a tiny HTTP server handing out the intermediate's CRL made by `openssl ca -gencrl`. Both listen on 127.0.0.1.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import type { TestCert, TestPki } from '../support/testPki';

export async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Extensions of a signing certificate that names where its revocation status is published. */
export function revocationExtensions(ocspPort: number | null, crlPort: number | null): string[] {
  return [
    'basicConstraints = critical,CA:FALSE',
    'keyUsage = critical,digitalSignature,nonRepudiation',
    ...(ocspPort ? [`authorityInfoAccess = OCSP;URI:http://127.0.0.1:${ocspPort}/`] : []),
    ...(crlPort ? [`crlDistributionPoints = URI:http://127.0.0.1:${crlPort}/intermediate.crl`] : []),
  ];
}

/** Marks a certificate revoked in the CA database (what the responder and the next CRL report). */
export function revoke(pki: TestPki, cert: TestCert): void {
  execFileSync('openssl', ['ca', '-config', join(pki.dir, `${cert.name}.cnf`), '-revoke', cert.certPath, '-keyfile', pki.intermediate.keyPath, '-cert', pki.intermediate.certPath, '-crl_reason', 'keyCompromise'], {
    cwd: pki.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface TestService {
  url: string;
  close(): Promise<void>;
}

export function issueOcspResponderCertificate(pki: TestPki): TestCert {
  return pki.issue({
    name: 'ocsp-responder',
    subject: '/C=VN/O=Vanthu thử nghiệm/CN=Máy chủ OCSP thử nghiệm',
    issuer: pki.intermediate,
    // An EC key, so ECDSA-signed OCSP responses are exercised too.
    keyType: 'ec',
    extensions: ['basicConstraints = critical,CA:FALSE', 'keyUsage = critical,digitalSignature', 'extendedKeyUsage = critical,OCSPSigning'],
  });
}

/**
 * `openssl ocsp` answering for the intermediate CA, signed by a delegated responder certificate. OpenSSL 3.0 takes only
 * a port number and listens on every interface; the clients here reach it on 127.0.0.1.
 */
export async function startOcspResponder(pki: TestPki, responder: TestCert, port: number): Promise<TestService> {
  const child: ChildProcess = spawn(
    'openssl',
    ['ocsp', '-index', join(pki.dir, 'index.txt'), '-port', String(port), '-rsigner', responder.certPath, '-rkey', responder.keyPath, '-CA', pki.intermediate.certPath, '-ndays', '1'],
    { cwd: pki.dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  // Probing the port would occupy the single-threaded responder; it says on stderr when it is ready instead.
  await new Promise<void>((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => reject(new Error(`openssl ocsp did not start: ${said}`)), 5_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (/waiting for OCSP client connections/i.test(said)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', () => reject(new Error(`openssl ocsp exited: ${said}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Serves the intermediate's current CRL (regenerated on each request, so a revocation shows at once). */
export async function startCrlServer(pki: TestPki, port: number, anyIssuedCert: TestCert): Promise<TestService> {
  const crlPath = join(pki.dir, 'intermediate.crl');
  const server: Server = createHttpServer((_req, res) => {
    execFileSync(
      'openssl',
      ['ca', '-gencrl', '-config', join(pki.dir, `${anyIssuedCert.name}.cnf`), '-keyfile', pki.intermediate.keyPath, '-cert', pki.intermediate.certPath, '-crldays', '7', '-out', `${crlPath}.pem`],
      { cwd: pki.dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    execFileSync('openssl', ['crl', '-in', `${crlPath}.pem`, '-outform', 'DER', '-out', crlPath]);
    res.writeHead(200, { 'Content-Type': 'application/pkix-crl' }).end(readFileSync(crlPath));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/intermediate.crl`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

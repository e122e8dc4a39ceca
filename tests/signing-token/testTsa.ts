/**
 * A timestamp authority for tests: `openssl ts -reply` behind a tiny HTTP server on 127.0.0.1. The TSA certificate is
 * issued by the test PKI's intermediate with the critical timeStamping extended key usage RFC 3161 requires.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TestCert, TestPki } from '../support/testPki';

export interface TestTsa {
  url: string;
  cert: TestCert;
  /** PEM bundle of the TSA's issuing chain (intermediate), for `openssl ts -verify -untrusted`. */
  chainPemPath: string;
  /** Requests answered so far. */
  requests: number;
  close(): Promise<void>;
}

export function issueTsaCertificate(pki: TestPki): TestCert {
  return pki.issue({
    name: 'tsa',
    subject: '/C=VN/O=Vanthu thử nghiệm/CN=Máy chủ cấp dấu thời gian thử nghiệm',
    issuer: pki.intermediate,
    // An EC key, so ECDSA token signatures are exercised too (the signers here are RSA).
    keyType: 'ec',
    extensions: ['basicConstraints = critical,CA:FALSE', 'keyUsage = critical,digitalSignature', 'extendedKeyUsage = critical,timeStamping'],
  });
}

/** Starts the TSA; `delayMs` holds every answer back, to play a slow government TSA. */
export async function startTestTsa(pki: TestPki, cert: TestCert, options: { delayMs?: number } = {}): Promise<TestTsa> {
  const dir = pki.dir;
  const confPath = join(dir, 'tsa.cnf');
  writeFileSync(join(dir, 'tsaserial'), '01\n');
  writeFileSync(
    confPath,
    [
      '[tsa]',
      'default_tsa = test_tsa',
      '[test_tsa]',
      `dir = ${dir}`,
      'serial = $dir/tsaserial',
      'crypto_device = builtin',
      `signer_cert = ${cert.certPath}`,
      `certs = ${pki.intermediate.certPath}`,
      `signer_key = ${cert.keyPath}`,
      'signer_digest = sha256',
      'default_policy = 1.3.6.1.4.1.55555.1.1',
      'digests = sha256, sha384, sha512',
      'accuracy = secs:1',
      'ordering = no',
      'tsa_name = yes',
      'ess_cert_id_chain = no',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const id = randomUUID();
      const query = join(dir, `${id}.tsq`);
      const reply = join(dir, `${id}.tsr`);
      await writeFile(query, Buffer.concat(chunks));
      execFile('openssl', ['ts', '-reply', '-config', confPath, '-queryfile', query, '-out', reply], async (error) => {
        if (error) {
          res.writeHead(500).end();
          return;
        }
        const body = await readFile(reply);
        await Promise.all([unlink(query), unlink(reply)]);
        tsa.requests += 1;
        setTimeout(() => {
          if (!res.destroyed) res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(body);
        }, options.delayMs ?? 0);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const tsa: TestTsa = {
    url: `http://127.0.0.1:${port}/tsa`,
    cert,
    chainPemPath: pki.intermediate.certPath,
    requests: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return tsa;
}

/** The e2e run's log scan (tests/e2e/logScan.ts) finds a secret as typed, URL-encoded or in base64, and passes clean logs. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { secretsInLogs } from '../e2e/logScan';
import { E2E_SECRETS } from '../e2e/secrets';
import { tempDir } from '../support/coreFixture';

const work = tempDir('vanthu-logscan-');
afterAll(() => work.remove());

describe('the log scan after the e2e run', () => {
  it('names each log holding a secret in any of its forms, and only those', () => {
    const secret = 'Mật-khẩu thử 123';
    const write = (name: string, text: string) => {
      const file = path.join(work.dir, name);
      writeFileSync(file, text);
      return file;
    };
    const files = [
      write('clean.log', 'URL: http://127.0.0.1:4000/?token=ab12\n[rpc] signing.sign failed: sai mã PIN\n'),
      write('typed.log', `{"password":"${secret}"}`),
      write('url.log', `POST /login?p=${encodeURIComponent(secret)}`),
      write('base64.log', `Authorization: Basic ${Buffer.from(secret).toString('base64')}`),
    ];
    expect(secretsInLogs(files, ['khac', secret])).toEqual(['typed.log: secret #2', 'url.log: secret #2', 'base64.log: secret #2']);
  });

  it('looks for every password the specs use', () => {
    expect(E2E_SECRETS).toEqual(expect.arrayContaining(['Mật-khẩu thử 123', 'mat-khau-e2e']));
    expect(new Set(E2E_SECRETS).size).toBe(E2E_SECRETS.length);
  });
});

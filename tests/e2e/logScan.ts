/**
 * Playwright's last step (globalTeardown): no log written during the run holds a password or PIN the specs used, as
 * typed, URL-encoded or in base64. A hit fails the run, naming the file and which secret (by position, not by value).
 * A run that wrote no log at all proves nothing, and fails too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { logFiles } from './e2eLogs';
import { E2E_SECRETS } from './secrets';

export function secretsInLogs(files: readonly string[], secrets: readonly string[]): string[] {
  const forms = secrets.flatMap((secret, i) => [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')].map((form) => ({ i, needle: Buffer.from(form) })));
  return files.flatMap((file) => {
    const bytes = readFileSync(file);
    return [...new Set(forms.filter(({ needle }) => bytes.includes(needle)).map(({ i }) => i))].map((i) => `${path.basename(file)}: secret #${i + 1}`);
  });
}

export default function scanLogs(): void {
  const files = logFiles();
  if (files.length === 0) throw new Error('e2e log scan: no process wrote a log during the run, so nothing was checked');
  const found = secretsInLogs(files, E2E_SECRETS);
  if (found.length > 0) throw new Error(`e2e log scan: secrets in the logs of the run:\n${found.join('\n')}`);
  console.log(`e2e log scan: ${files.length} logs, none holds any of the ${E2E_SECRETS.length} passwords and PINs the specs used`);
}

import path from 'node:path';

/** An uploaded file's name as shown and saved: NFC, no folder part, at most 255 characters, never empty. */
export function safeFileName(name: string): string {
  return path.basename(name.normalize('NFC')).slice(0, 255) || 'tep';
}

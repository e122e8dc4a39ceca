/** A stored file's type from its first bytes where they tell, else from its name: a renamed file does not pass for a PDF. */
import { promises as fs } from 'node:fs';

export async function sniffMime(file: string, name: string): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(8);
    await handle.read(head, 0, 8, 0);
    if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
    if (head[0] === 0x50 && head[1] === 0x4b) {
      if (/\.docx$/i.test(name)) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
      if (/\.xlsx$/i.test(name)) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      return 'application/zip';
    }
    if (head[0] === 0x89 && head.subarray(1, 4).toString('latin1') === 'PNG') return 'image/png';
    if (head[0] === 0xff && head[1] === 0xd8) return 'image/jpeg';
    const tiff = head.subarray(0, 4).toString('latin1');
    if (tiff === 'II*\0' || tiff === 'MM\0*') return 'image/tiff';
    return 'application/octet-stream';
  } finally {
    await handle.close();
  }
}

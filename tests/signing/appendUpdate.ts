/**
 * For tests that make the later revisions a signature must judge (a changed page, a certification, a loosened
 * encryption): appends an incremental update built by `edit` to a copy of a PDF, written as signing writes files.
 */
import { promises as fs } from 'node:fs';
import { writeAt, writeFileSafely } from '../../electron/core/signing/pdf/fileWrite';
import { IncrementalUpdate } from '../../electron/core/signing/pdf/incrementalUpdate';
import type { PdfFile } from '../../electron/core/signing/pdf/pdfFile';
import { openPdfForUpdate } from '../../electron/core/signing/pdf/pdfOpen';

export async function appendUpdate(input: string, output: string, edit: (file: PdfFile, update: IncrementalUpdate) => void | Promise<void>): Promise<void> {
  const file = openPdfForUpdate(input);
  let bytes: Buffer;
  try {
    const update = new IncrementalUpdate(file);
    await edit(file, update);
    bytes = update.build().bytes;
  } finally {
    file.close();
  }
  await writeFileSafely(output, async (temp) => {
    await fs.copyFile(input, temp);
    await writeAt(temp, bytes, file.size);
  });
}

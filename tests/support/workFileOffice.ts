/** Documents for work file tests, in the office of handlingOffice.ts: one that was handled entirely online. */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { call, fields } from './coreFixture';
import type { openOffice } from './handlingOffice';

type Office = Awaited<ReturnType<typeof openOffice>>;

/** A PDF of two pages, each saying `text` and its page number. */
export async function twoPagePdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const page of [1, 2]) doc.addPage([595, 842]).drawText(`${text} - trang ${page}`, { x: 72, y: 760, size: 14, font });
  return doc.save();
}

/** An electronic incoming document with a PDF, instructed by the leader, assigned by the unit head, closed by the officer. */
export async function handledOnline(o: Office, subject: string) {
  await o.actAs('Nguyễn Thị Lan');
  const ref = await o.core.stage(await twoPagePdf('HANDLED ONLINE'), 'cong-van.pdf');
  const codeNumber = String(Math.random()).slice(2, 7);
  const registered = await call(o.core, 'incoming.register', { fields: fields({ subject, codeNumber, channel: 'electronic' }), attachments: [{ hash: ref.hash, name: ref.name }] });
  if (registered.kind !== 'registered') throw new Error('not registered');
  const id = registered.document.id;
  await o.actAs('Trần Văn Hùng');
  await call(o.core, 'handling.instruct', { id, lead: { kind: 'unit', id: o.unit('ĐCXD') } });
  await o.actAs('Võ Thị Mai');
  await call(o.core, 'handling.assign', { id, assigneeId: o.staff('Lê Minh Đức') });
  await o.actAs('Lê Minh Đức');
  await call(o.core, 'handling.close', { id, note: 'Đã giải quyết' });
  return { id, hash: ref.hash, codeNumber };
}

/**
 * A month of handling in the office of handlingOffice.ts, for the tracking register and the handling slip: documents
 * closed, in progress, only instructed, never instructed, arrived before the month, and a provisional entry.
 */
import path from 'node:path';
import { openDatabase } from '../../electron/core/db/database';
import { createOutgoingRepo } from '../../electron/core/db/outgoingRepo';
import { call } from './coreFixture';
import type { openOffice } from './handlingOffice';

type Office = Awaited<ReturnType<typeof openOffice>>;

/** An issued outgoing document written straight into the data folder (the repository's bulk path), to reply with. */
async function issuedReply(o: Office, codeNotation: string): Promise<string> {
  const id = '00000000-0000-4000-8000-0000000000a1';
  const db = openDatabase(path.join(o.dir, 'vanthu.db'));
  try {
    const actor = { id: o.staff('Trần Văn Hùng'), name: 'Trần Văn Hùng' };
    await createOutgoingRepo(db).insertIssuedMany([
      {
        id,
        fields: {
          typeName: 'Công văn', subject: 'V/v báo cáo kết quả cấp giấy chứng nhận', copyKind: 'none', legalNormative: false,
          draftingUnitId: o.unit('ĐCXD'), signerId: actor.id, signerName: actor.name, signerPosition: 'CHỦ TỊCH', signerAuthority: 'TM.',
          priority: 0, issuedAmount: 2, dueDate: null, note: '',
        },
        recipients: [],
        files: [],
        searchText: '',
        actor,
        at: '2026-11-26T02:00:00.000Z',
        registerId: 'outgoing',
        registerName: 'Văn bản đi',
        year: 2026,
        number: 1,
        codeNumber: '01',
        codeNotation,
        issuedDate: '2026-11-26',
        documentId: `000.12.34.H41,2026/11/26,01/${codeNotation}`,
      },
    ]);
  } finally {
    db.close();
  }
  return id;
}

/** Makes the entry provisional, as one registered on a computer without the register's lease is until numbered. */
function makeProvisional(o: Office, id: string): void {
  const db = openDatabase(path.join(o.dir, 'vanthu.db'));
  try {
    db.prepare('UPDATE incoming_documents SET arrival_number = NULL WHERE id = ?').run(id);
  } finally {
    db.close();
  }
}

export const SUBJECTS = {
  closed: 'V/v rà soát hồ sơ đất đai của hộ ông Đặng Văn Ước',
  byPerson: 'Giấy mời họp giao ban tháng 11',
  notInstructed: 'Thông báo lịch tiếp công dân',
  unitOnly: 'Kế hoạch cải cách hành chính năm 2027',
  october: 'Báo cáo quý III',
  provisional: 'Công văn chưa được cấp số đến',
  replied: 'V/v đề nghị báo cáo kết quả cấp giấy chứng nhận',
} as const;

/**
 * Runs the month on a clock starting Friday 20 November 2026 and returns the documents' ids by SUBJECTS key.
 * Numbers: closed 1, byPerson 2, notInstructed 3, unitOnly 4, october 5, provisional none, replied 7.
 */
export async function runHandlingMonth(o: Office): Promise<Record<keyof typeof SUBJECTS, string>> {
  const closed = await o.register(SUBJECTS.closed, { codeNumber: '125' });
  const byPerson = await o.register(SUBJECTS.byPerson, { typeName: 'Giấy mời', codeNumber: '88', codeNotation: 'GM-UBND', organName: 'Ủy ban nhân dân huyện Cẩm Xuyên' });
  const notInstructed = await o.register(SUBJECTS.notInstructed, { typeName: 'Thông báo' });
  const unitOnly = await o.register(SUBJECTS.unitOnly, { typeName: 'Kế hoạch', codeNumber: '', codeNotation: 'Không số', issuedDate: '2026-11-17' });
  const october = await o.register(SUBJECTS.october, { arrivalDate: '2026-10-15', issuedDate: '2026-10-12', typeName: 'Báo cáo' });
  const provisional = await o.register(SUBJECTS.provisional);
  const replied = await o.register(SUBJECTS.replied, { codeNumber: '340', codeNotation: 'STNMT-VP' });

  await o.actAs('Trần Văn Hùng');
  await call(o.core, 'handling.instruct', { id: closed, lead: { kind: 'unit', id: o.unit('ĐCXD') }, cooperating: [o.unit('VP')], note: 'Khẩn trương, báo cáo trước ngày 30/11' });
  await call(o.core, 'handling.instruct', { id: byPerson, lead: { kind: 'staff', id: o.staff('Lê Minh Đức') } });
  await call(o.core, 'handling.instruct', { id: unitOnly, lead: { kind: 'unit', id: o.unit('VP') }, dueDate: '2026-12-15' });
  await call(o.core, 'handling.instruct', { id: october, lead: { kind: 'unit', id: o.unit('VP') } });
  await call(o.core, 'handling.instruct', { id: provisional, lead: { kind: 'unit', id: o.unit('VP') } });
  await call(o.core, 'handling.instruct', { id: replied, lead: { kind: 'unit', id: o.unit('ĐCXD') }, dueDate: '2026-11-30' });

  await o.actAs('Võ Thị Mai');
  await call(o.core, 'handling.assign', { id: closed, assigneeId: o.staff('Lê Minh Đức'), dueDate: '2026-11-27', note: 'Đồng chí Đức kiểm tra thực địa' });
  o.setClock('2026-11-24T03:00:00Z');
  await o.actAs('Lê Minh Đức');
  await call(o.core, 'handling.report', { id: closed, note: 'Đã kiểm tra thực địa, đang lập biên bản' });
  await call(o.core, 'handling.report', { id: byPerson, note: 'Đã chuẩn bị báo cáo giao ban' });
  o.setClock('2026-11-25T03:00:00Z');
  await call(o.core, 'handling.close', { id: closed, note: 'Đã báo cáo kết quả rà soát' });
  o.setClock('2026-11-26T03:00:00Z');
  const reply = await issuedReply(o, 'UBND-ĐCXD');
  await o.actAs('Võ Thị Mai');
  await call(o.core, 'handling.close', { id: replied, replyOutgoingId: reply });
  makeProvisional(o, provisional);
  return { closed, byPerson, notInstructed, unitOnly, october, provisional, replied };
}

/**
 * The commune and the province exchanging edXML through servers: each organisation seeded on a server with its clerk
 * (`<prefix>admin`) and chairman (`<prefix>hung`), and a decision the commune's clerk issues to the province on her PC.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Core } from '../../electron/core/app';
import { addUser } from '../../server/accounts/setup';
import type { Pool } from '../../server/db/pool';
import { sealPng } from '../signing/fixtures';
import { call } from './coreFixture';
import { makeDocumentPdf } from './documentFixtures';
import { PROVINCE } from './edxmlPackages';
import { DRAFT_DECISION } from './outgoingOffice';
import type { TestPki } from './testPki';
import { PASSWORD, seedOrg } from './testServer';

/** seedOrg, and the organisation's chairman, who signs and instructs. */
export async function seedExchangeOrg(pool: Pool, organId: string, prefix: string): Promise<void> {
  await seedOrg(pool, organId, prefix);
  await addUser(pool, { organId, username: `${prefix}hung`, fullName: 'Trần Văn Hùng', role: 'lanh_dao', position: 'Chủ tịch', unitAbbrev: 'VP', password: PASSWORD });
}

const keyFile = async (core: Core, file: string) => (await core.keyFiles.put(readFileSync(file), path.basename(file))).handle;

/**
 * A decision for the province drafted and signed by the chairman and issued by the clerk, on the clerk's PC; with an
 * appendix if one is named, and the urgency or number of copies if given.
 */
export async function issueDecision(core: Core, pki: TestPki, subject: string, more: { appendixSubject?: string; priority?: number; issuedAmount?: number } = {}) {
  const profile = (await call(core, 'org.get', {}))!;
  const clerkId = profile.currentStaffId!;
  const leader = profile.staff.find((s) => s.role === 'lanh_dao')!;
  await call(core, 'org.actAs', { staffId: leader.id });
  const main = await core.stage(readFileSync(await makeDocumentPdf('quyetDinh', DRAFT_DECISION)), 'du-thao.pdf');
  const draft = await call(core, 'outgoing.create', {
    fields: {
      typeName: 'Quyết định',
      subject,
      signerId: leader.id,
      signerAuthority: 'TM.',
      signerPosition: 'CHỦ TỊCH',
      recipients: [{ kind: 'external', organId: PROVINCE.organId, name: PROVINCE.name }],
      ...(more.priority === undefined ? {} : { priority: more.priority }),
      ...(more.issuedAmount === undefined ? {} : { issuedAmount: more.issuedAmount }),
    },
    main: { hash: main.hash, name: main.name },
  });
  if (more.appendixSubject) {
    const appendix = await core.stage(readFileSync(await makeDocumentPdf('congVan', { subjectLines: [more.appendixSubject] })), 'phu-luc.pdf');
    await call(core, 'outgoing.addVersion', { id: draft.id, role: 'attachment', position: 0, file: { hash: appendix.hash, name: appendix.name } });
  }
  await call(core, 'outgoing.sign', { id: draft.id, source: { kind: 'p12', handle: await keyFile(core, pki.leaf.p12Path!) }, secret: pki.password, jobId: randomUUID() });
  await call(core, 'org.actAs', { staffId: clerkId });
  const seal = (await core.stage(sealPng(), 'con-dau.png')).hash;
  const { document } = await call(core, 'outgoing.issue', { id: draft.id, source: { kind: 'p12', handle: await keyFile(core, pki.orgLeaf.p12Path!) }, secret: pki.password, seal, jobId: randomUUID() });
  return document;
}

/** The codes of the status messages the outgoing document recorded, in order of arrival. */
export async function statusCodes(core: Core, id: string) {
  return (await call(core, 'outgoing.get', { id })).events.filter((e) => e.kind === 'outgoing.exchangeStatus').map((e) => e.data.code);
}

/** A PC's incoming entries of a document, found by its DocumentId as the register's duplicate check finds it. */
export async function entriesOf(core: Core, documentId: string) {
  const rows = (await call(core, 'incoming.list', {})).rows;
  const details = await Promise.all(rows.map((r) => call(core, 'incoming.get', { id: r.id })));
  return details.filter((d) => d.document.documentId === documentId).map((d) => d.document);
}

/**
 * Makes the change of `pc` that waits to send a package (`field`: a dispatch's or recall's `exchangePackage`, an entry's
 * `exchangeStatusPackage`) carry another one: the queued package's text as `rewrite` leaves it.
 */
export async function swapQueuedPackage(pc: { core: Core; dir: string }, field: 'exchangePackage' | 'exchangeStatusPackage', rewrite: (xml: string) => string) {
  const db = new Database(path.join(pc.dir, 'vanthu.db'));
  try {
    const row = db.prepare(`SELECT id, payload FROM outbox WHERE json_extract(payload, '$.set.${field}') IS NOT NULL AND state = 'pending'`).get() as { id: string; payload: string };
    const mutation = JSON.parse(row.payload) as { set: Record<string, string>; blobs: string[] };
    const queued = mutation.set[field]!;
    const swapped = await pc.core.stage(Buffer.from(rewrite(readFileSync(pc.core.content.pathOf(queued), 'utf8'))), 'goi-tin.edxml');
    mutation.blobs = mutation.blobs.map((h) => (h === queued ? swapped.hash : h));
    mutation.set[field] = swapped.hash;
    db.prepare('UPDATE outbox SET payload = ? WHERE id = ?').run(JSON.stringify(mutation), row.id);
  } finally {
    db.close();
  }
}

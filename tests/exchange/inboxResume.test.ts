/**
 * A 100 MB package from the national axis waits in the province's inbox, and the province clerk's PC takes it over a
 * link that cuts every answer after 4 to 24 MB. Only a download that resumes with Range where the cut left it can
 * finish: taken again from its first byte, it would be cut every time. The package is registered whole.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXIS_PATHS } from '../../shared/contract/exchangeWire';
import { createAxisAdapter } from '../../server/db/axisAdaptersRepo';
import { call, openTestCore } from '../support/coreFixture';
import { cleanupFixtures } from '../support/documentFixtures';
import { handWrittenPackage, PROVINCE } from '../support/edxmlPackages';
import { entriesOf, issueDecision, seedExchangeOrg } from '../support/exchangeServers';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { TAN_LAP } from '../support/outgoingOffice';
import { createTestPki, type TestPki } from '../support/testPki';
import { useTestPostgres } from '../support/testPostgres';
import { loggedInCore, useTestServer } from '../support/testServer';

const postgres = useTestPostgres();
const servers = useTestServer(postgres);

const MB = 2 ** 20;
const ANNEX_BYTES = 100 * MB;

let pki: TestPki;
let link: FaultProxy;
let serverUrl: string;
let axisToken: string;
let commune: Awaited<ReturnType<typeof openTestCore>>;
let province: Awaited<ReturnType<typeof loggedInCore>>;

beforeAll(async () => {
  pki = createTestPki();
  const started = await servers.start({ closeConnections: true });
  serverUrl = started.url;
  await seedExchangeOrg(started.pool, PROVINCE.organId, 'tinh');
  axisToken = await createAxisAdapter(started.pool, 'Trục liên thông (thử)');
  // Answers shorter than the cut (logins, takes, pulls) pass whole; a package's download is cut each time.
  link = await startFaultProxy({ targetPort: Number(new URL(serverUrl).port), seed: 7, responseCutBytes: [4 * MB, 24 * MB] });
  // Today, not the fixed test day: the hand-written package is dated 30/11/2026, and a document cannot arrive before it.
  province = await loggedInCore(link.url, 'tinhadmin', { now: () => new Date() });
  // The commune is another vendor's office elsewhere on the axis: only its signed decision is needed, from a PC of its own.
  commune = await openTestCore({}, false);
  await call(commune.core, 'org.setup', TAN_LAP);
}, 120_000);

afterAll(async () => {
  province?.dispose();
  commune?.dispose();
  await link?.close();
  pki?.cleanup();
  cleanupFixtures();
});

describe('a package from the inbox over a link that drops', () => {
  it('resumes a 100 MB package with Range after each cut and registers it whole', async () => {
    const issued = await issueDecision(commune.core, pki, 'Về việc phê duyệt bản đồ địa chính xã Tân Lập');
    const signed = readFileSync(commune.core.content.pathOf(issued.files.find((f) => f.role === 'main')!.hash));
    const annex = randomBytes(ANNEX_BYTES);
    const annexXml = `<Attachment><ContentType>image/tiff</ContentType><ContentId>b9d2</ContentId><ContentTransferEncoded>${annex.toString('base64')}</ContentTransferEncoded><AttachmentName>ban-do-dia-chinh.tif</AttachmentName></Attachment>`;
    const code = { number: '41', notation: 'UBND-VP' };
    const body = Buffer.from(handWrittenPackage(signed, code, annexXml));
    const documentId = `${TAN_LAP.organId},2026/11/30,${code.number}/${code.notation}`;
    const query = new URLSearchParams({ from: TAN_LAP.organId, to: PROVINCE.organId, kind: 'document', documentId });
    const posted = await fetch(`${serverUrl}${AXIS_PATHS.inbox}?${query}`, { method: 'POST', headers: { authorization: `Bearer ${axisToken}` }, body });
    expect(posted.status).toBe(201);

    link.setRates({ cutResponse: 1 });
    const before = link.stats().cutResponses;
    await call(province.core, 'sync.now', {});
    link.setRates({ cutResponse: 0 });

    // At most 24 MB per answer: the package came in at least as many pieces, each after a cut.
    const cuts = link.stats().cutResponses - before;
    expect(cuts).toBeGreaterThanOrEqual(Math.floor(body.length / (24 * MB)));
    const [entry] = await entriesOf(province.core, documentId);
    expect(entry?.attachments.map((a) => [a.name, a.size])).toEqual([
      ['27-UBND-VP.pdf', signed.length],
      ['ban-do-dia-chinh.tif', ANNEX_BYTES],
    ]);
    expect(entry!.attachments[1]!.hash).toBe(createHash('sha256').update(annex).digest('hex'));
  }, 300_000);
});

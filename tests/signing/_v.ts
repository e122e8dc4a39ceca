import { readFileSync } from 'node:fs';
import { verifyPdf } from '../../electron/core/signing/verifyPdf';
import { readCertificates } from '../../electron/core/signing/certificates';
const root = readCertificates(readFileSync(process.argv[3]!));
const t = Date.now();
const r = await verifyPdf(process.argv[2]!, { trustedRoots: root });
console.log(Date.now() - t, 'ms');
console.log(JSON.stringify({ valid: r.valid, signatures: r.signatures.map(s => ({ signer: s.signer, intact: s.intact, cov: s.coversRevision, whole: s.coversWholeFile, trusted: s.trusted, ch: s.changesAfter, d: s.changeDetails, t: s.signingTime, chain: s.chain, p: s.problems })) }, null, 1));

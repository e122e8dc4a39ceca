/** Inter-agency exchange (edXML, QCVN 102): what the UI and the command line send and get back. */
import { z } from 'zod';
import { ContentRef, IncomingDocument, IncomingSummary, Sha256, SignatureVerdict, Uuid } from './schemas';

export const ExportInput = z.object({ id: Uuid });
/** The package file in the content store, and who it is addressed to. */
export const ExportOutput = ContentRef.extend({ to: z.array(z.object({ organId: z.string(), name: z.string() })) });

/**
 * A package already uploaded to the content store. With `answerRefusal`, a package refused for a fault of its sender
 * (its signature, its addressee, its files, its fields) is answered instead of only refused: the outcome carries the
 * 02 status message (từ chối tiếp nhận) with the reason, for the sender.
 */
export const ImportInput = z.object({ hash: Sha256, answerRefusal: z.boolean().default(false) });
export const ImportOutput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('registered'),
    document: IncomingDocument,
    /** The sender's OrganId and the main file's signature verdict: "untrusted" is accepted and shown. */
    senderOrganId: z.string(),
    verdict: SignatureVerdict,
    /** A replacement: the entries it replaces, withdrawn now and pointing to it. */
    replaced: z.array(IncomingSummary),
  }),
  /** A revocation (thu hồi): the entries of the document it names, withdrawn now; their handling stops. */
  z.object({ kind: z.literal('recalled'), documents: z.array(IncomingSummary), reason: z.string() }),
  z.object({ kind: z.literal('duplicate'), matches: z.array(IncomingSummary) }),
  /** An update (cập nhật): the entries of the document it names, with the fields it corrected (none: already so). */
  z.object({
    kind: z.literal('updated'),
    documents: z.array(IncomingSummary),
    reason: z.string(),
    changes: z.array(z.object({ field: z.string(), from: z.union([z.string(), z.number()]).nullable(), to: z.union([z.string(), z.number()]).nullable() })),
  }),
  /** A status message, recorded on the outgoing document it is about. */
  z.object({ kind: z.literal('status'), outgoingId: Uuid, organId: z.string(), code: z.string() }),
  /** Refused, nothing registered: the reason, and the 02 status message that tells the sender. */
  z.object({ kind: z.literal('refused'), reason: z.string(), status: ContentRef }),
]);

/**
 * The status message for an incoming document received through the exchange, as its handling stands now. A document
 * its sender recalled or replaced is answered 15 (agreed); with `refuseWithdrawal`, 16 (refused) with that reason, and
 * the document goes back into handling.
 */
export const StatusPackageInput = z.object({ id: Uuid, refuseWithdrawal: z.string().trim().min(1).max(500).optional() });
/** `queued`: the entry came through the server, and the answer goes back that way with the next push. */
export const StatusPackageOutput = ContentRef.extend({ code: z.string(), queued: z.boolean() });

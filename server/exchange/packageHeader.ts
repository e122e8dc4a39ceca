/**
 * What an edXML package says of itself, read on the server by the client's own reader (electron/core/exchange, plain
 * Node without Electron, not a second parser): who sends it, about which DocumentId, with which business type or status
 * code, and to whom. Its attachments are read through and dropped: the server keeps the package as it was sent, and
 * the recipient's PC checks the files and the schema.
 */
import type { Readable } from 'node:stream';
import { BUSINESS_TYPES, parseDocumentId } from '../../shared/domain/edxml';
import { messageHeaderOf, statusOf } from '../../electron/core/exchange/edxmlHeader';
import { EdxmlSyntaxError, readEdxml } from '../../electron/core/exchange/edxmlReader';
import type { BlobStore } from '../blobs/blobStore';

export interface PackageHeader {
  kind: 'document' | 'status';
  fromOrganId: string;
  /** A document's own DocumentId; the DocumentId a status message answers. */
  documentId: string;
  /** A status message's code; a document's business type ('' new, '1' revocation, '2' update, '3' replacement). */
  code: string;
  /** The OrganIds it is addressed to: a document's To, the sender of the document a status answers. */
  to: string[];
}

async function drop(source: Readable) {
  let size = 0;
  for await (const chunk of source) size += (chunk as Buffer).length;
  return { hash: '', size };
}

/** The header of the package `hash` of the store; null when the package is missing or is not readable edXML. */
export async function readPackageHeader(store: BlobStore, hash: string): Promise<PackageHeader | null> {
  const source = await store.open(hash);
  if (!source) return null;
  let root;
  try {
    root = (await readEdxml(source, drop)).root;
  } catch (error) {
    if (error instanceof EdxmlSyntaxError) return null;
    throw error;
  } finally {
    source.destroy();
  }
  const status = statusOf(root);
  if (status) {
    const sender = parseDocumentId(status.responseFor.documentId)?.organId;
    return { kind: 'status', fromOrganId: status.from.organId, documentId: status.responseFor.documentId, code: status.code ?? '', to: sender ? [sender] : [] };
  }
  const h = messageHeaderOf(root);
  const code = h.business === BUSINESS_TYPES.new ? '' : String(h.business);
  return { kind: 'document', fromOrganId: h.from.organId, documentId: h.documentId, code, to: [...new Set(h.to.map((t) => t.organId).filter(Boolean))] };
}

/**
 * Which edXML packages an applied change sends, and to whom. The server reads the package's own header
 * (packageHeader.ts): its From must be the organisation that pushes it, and its DocumentId, business type or status
 * code and addressees route it. The document the change leaves must name the pusher as well (a document's DocumentId),
 * so neither the package nor the document can speak for another organisation. The recipient's PC still checks the
 * whole package (schema, signatures, files).
 */
import type { Fields, Json, Mutation, RejectReason } from '../../shared/contract/syncWire';
import { BUSINESS_TYPES, parseDocumentId } from '../../shared/domain/edxml';
import { msg } from '../../shared/messages';
import type { PackageHeader } from './packageHeader';

export interface PackageRoute {
  kind: 'document' | 'status';
  hash: string;
  documentId: string;
  /**
   * A status message's code; for a document, its business type unless new ('1' revocation, '3' replacement): a
   * document is routed once per DocumentId and code, and its recall or replacement is another package.
   */
  code: string;
  to: string[];
}

const text = (v: Json | undefined) => (typeof v === 'string' ? v : '');

/** The package a change sends and the kind it must be: the dispatch's (or recall's) document, an entry's status. */
export function sentPackage(m: Pick<Mutation, 'set'> & { entity: string }): { hash: string; kind: PackageRoute['kind'] } | null {
  if (m.entity === 'outgoing' && text(m.set.exchangePackage)) return { hash: text(m.set.exchangePackage), kind: 'document' };
  if (m.entity === 'incoming' && text(m.set.exchangeStatusPackage)) return { hash: text(m.set.exchangeStatusPackage), kind: 'status' };
  return null;
}

/** True when the change sends a package: the pusher's OrganId is then needed. */
export const sendsPackage = (m: Pick<Mutation, 'set'> & { entity: string }) => sentPackage(m) !== null;

/**
 * Why the package a change sends may not go, or null. `header` is what the package says (null: unreadable); the
 * document the change leaves (`fields`) must be the pusher's own too.
 */
export function packageRefusal(m: Mutation, fields: Fields, header: PackageHeader | null, senderOrganId: string): RejectReason | null {
  const sent = sentPackage(m);
  if (!sent) return null;
  if (!header || header.kind !== sent.kind) return { code: 'FORBIDDEN', message: msg('exchangeServer.packageUnreadable') };
  if (header.fromOrganId !== senderOrganId) return { code: 'FORBIDDEN', message: msg('exchangeServer.notFromSender', { from: header.fromOrganId || '?', organId: senderOrganId }) };
  const documentIds = sent.kind === 'document' ? [text(fields.documentId), header.documentId] : [];
  if (documentIds.some((id) => parseDocumentId(id)?.organId !== senderOrganId)) return { code: 'FORBIDDEN', message: msg('exchangeServer.notOurPackage') };
  return null;
}

/** Where the package an accepted change sends goes, by its header. */
export function packageRoute(m: Mutation, header: PackageHeader | null): PackageRoute | null {
  const sent = sentPackage(m);
  if (!sent || !header || header.to.length === 0) return null;
  // Each update (business type 2) is a package of its own: a document may be corrected more than once.
  const code = header.kind === 'document' && header.code === String(BUSINESS_TYPES.update) ? `${header.code}:${sent.hash.slice(0, 16)}` : header.code;
  return { kind: header.kind, hash: sent.hash, documentId: header.documentId, code, to: header.to };
}

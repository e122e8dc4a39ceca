/**
 * Which edXML packages an applied change sends, and to whom. The server reads the addresses from the document the
 * change leaves, never from the package (it does not parse XML): an outgoing document's external recipients with an
 * OrganId, an incoming document's sender named by its DocumentId. The recipient's PC still checks the package itself.
 */
import type { Fields, Json, Mutation } from '../../shared/contract/syncWire';
import { BUSINESS_TYPES, parseDocumentId } from '../../shared/domain/edxml';

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

/** The business type of the package a change of an outgoing document's status sends (QCVN 102 Bussiness). */
const BUSINESS_OF_STATUS: Record<string, string> = { recalled: String(BUSINESS_TYPES.revocation), replaced: String(BUSINESS_TYPES.replacement) };

export function packageRoute(m: Mutation, fields: Fields): PackageRoute | null {
  const documentId = text(fields.documentId);
  if (m.entity === 'outgoing' && text(m.set.exchangePackage)) {
    const to = Object.entries(fields)
      .filter(([key]) => key.startsWith('recipient:'))
      .map(([, r]) => r as { kind?: Json; organId?: Json })
      .filter((r) => r.kind === 'external' && text(r.organId))
      .map((r) => text(r.organId));
    const code = BUSINESS_OF_STATUS[text(m.set.status)] ?? '';
    return to.length ? { kind: 'document', hash: text(m.set.exchangePackage), documentId, code, to: [...new Set(to)] } : null;
  }
  if (m.entity === 'incoming' && text(m.set.exchangeStatusPackage)) {
    const sender = parseDocumentId(documentId)?.organId;
    return sender ? { kind: 'status', hash: text(m.set.exchangeStatusPackage), documentId, code: text(fields.exchangeStatus), to: [sender] } : null;
  }
  return null;
}

/**
 * A document package names its sender in its DocumentId (the recipient checks that its From says the same): only the
 * organisation that DocumentId names may send it, or one hosted organisation could speak for another.
 */
export function foreignPackage(m: Mutation, fields: Fields, senderOrganId: string): boolean {
  const route = packageRoute(m, fields);
  return route?.kind === 'document' && parseDocumentId(route.documentId)?.organId !== senderOrganId;
}

/** True when the change sends a package: the pusher's OrganId is then needed. */
export const sendsPackage = (m: Pick<Mutation, 'set'>) => Boolean(text(m.set.exchangePackage) || text(m.set.exchangeStatusPackage));

/**
 * Outgoing documents (văn bản đi) under Decree 30 Art. 14–18 and Appendix I: the workflow's states, the signing-authority
 * prefixes, copy forms, which number sequence a document takes and how its notation is built.
 */
import { msg } from '../messages';
import { formatDocumentNumber } from './dates';
import { findDocumentType } from './documentTypes';

/**
 * draft → reviewing (with the unit head or the signing leader) → returned (back to the drafter) or approved (signed by
 * the signer) → issued (numbered, dated, sealed) → dispatched; an issued document may be recalled or replaced.
 */
export const OUTGOING_STATUSES = ['draft', 'reviewing', 'returned', 'approved', 'issued', 'dispatched', 'recalled', 'replaced'] as const;
export type OutgoingStatus = (typeof OUTGOING_STATUSES)[number];

/** Shown above the signer's title: on behalf of (TM.), deputy (KT.), acting (Q.), by order (TL.), authorised (TUQ.). */
export const SIGNING_AUTHORITIES = ['', 'TM.', 'KT.', 'Q.', 'TL.', 'TUQ.'] as const;
export type SigningAuthority = (typeof SIGNING_AUTHORITIES)[number];

/** Electronic copies (Sao y, Trích sao, Sao lục) share one sequence of their own; 'none' is an original document. */
export const COPY_KINDS = ['none', 'SY', 'TrS', 'SL'] as const;
export type CopyKind = (typeof COPY_KINDS)[number];

/** The heading an electronic copy carries (Appendix I). */
export const COPY_HEADINGS: Record<Exclude<CopyKind, 'none'>, string> = { SY: 'SAO Y', TrS: 'TRÍCH SAO', SL: 'SAO LỤC' };

/**
 * Whether administrative documents share one sequence or each type has its own is the organisation head's choice;
 * legal normative documents always number per type and copies always in their own sequence.
 */
export const NUMBERING_MODES = ['shared', 'perType'] as const;
export type NumberingMode = (typeof NUMBERING_MODES)[number];

export interface SequenceFacts {
  typeName: string;
  copyKind: CopyKind;
  legalNormative: boolean;
}

/** The register a document's số đi is taken from: one id per independent sequence. */
export function outgoingSequence(doc: SequenceFacts, mode: NumberingMode): string {
  if (doc.copyKind !== 'none') return 'outgoing:copies';
  const type = findDocumentType(doc.typeName)?.name ?? doc.typeName;
  if (doc.legalNormative) return `outgoing:qppl:${type}`;
  return mode === 'perType' ? `outgoing:type:${type}` : 'outgoing';
}

/** The register ids outgoingSequence makes; anything else names no sequence. */
export const OUTGOING_SEQUENCE_ID = /^outgoing(:copies|:(type|qppl):.+)?$/;

/** What a clerk calls the sequence a register id names: to choose one sequence's register book, and in its title. */
export function sequenceLabel(registerId: string): string {
  if (registerId === 'outgoing:copies') return msg('outgoing.sequence.copies');
  const perType = /^outgoing:(type|qppl):(.+)$/.exec(registerId);
  if (perType) return msg(perType[1] === 'qppl' ? 'outgoing.sequence.legal' : 'outgoing.sequence.type', { type: perType[2]! });
  return msg('outgoing.sequence.shared');
}

export interface NotationParts {
  typeName: string;
  copyKind: CopyKind;
  organAbbrev: string;
  /** The drafting unit's abbreviation: a công văn's notation ends with it. */
  unitAbbrev: string | null;
}

/**
 * Số and ký hiệu as Decree 30 Appendix I writes them: 15 and "QĐ-UBND"; a công văn, which has no type abbreviation,
 * "UBND-VP" (organisation then drafting unit); a copy "SY-UBND".
 */
export function outgoingCode(number: number, parts: NotationParts): { codeNumber: string; codeNotation: string } {
  const organ = parts.organAbbrev.toUpperCase();
  const typeAbbrev = parts.copyKind !== 'none' ? parts.copyKind : findDocumentType(parts.typeName)?.abbrev ?? null;
  const notation = typeAbbrev ? `${typeAbbrev}-${organ}` : parts.unitAbbrev ? `${organ}-${parts.unitAbbrev.toUpperCase()}` : organ;
  return { codeNumber: formatDocumentNumber(number), codeNotation: notation };
}

/** edXML DocumentId: `<OrganId>,<yyyy/MM/dd>,<number>/<notation>` (QCVN 102). */
export function outgoingDocumentId(organId: string, issuedDate: string, codeNumber: string, codeNotation: string): string {
  return `${organId},${issuedDate.replaceAll('-', '/')},${codeNumber}/${codeNotation}`;
}

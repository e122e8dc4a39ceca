/**
 * What the full-text indexes hold. For an incoming document: the folded words of its metadata and attached files, and
 * the facet tokens of the filters that never change after registration (year, type), so that a filtered text search
 * is answered inside the index instead of by checking every text match against the table.
 */
import type { IncomingFields } from '../../../shared/contract';
import { foldVietnamese, searchTokens } from '../../../shared/domain/fold';

type SearchedFields = Pick<
  IncomingFields,
  'subject' | 'organName' | 'codeNumber' | 'codeNotation' | 'typeName' | 'signerName' | 'signerPosition' | 'place' | 'toPlaces' | 'note'
>;

/** Folded text of the searchable fields and of the attachments' extracted text. */
export function incomingSearchText(f: SearchedFields, attachmentTexts: readonly string[]): string {
  return foldVietnamese(
    [f.subject, f.organName, `${f.codeNumber}/${f.codeNotation}`, f.typeName, f.signerName, f.signerPosition, f.place, f.toPlaces, f.note,
      ...attachmentTexts].join('\n'),
  );
}

/** Folded text of an outgoing document: its metadata, its number and notation once issued, and its main PDF's text. */
export function outgoingSearchText(
  f: { subject: string; typeName: string; signerName: string; signerPosition: string; toPlaces: string; note: string },
  code: string,
  mainText: string,
): string {
  return foldVietnamese([f.subject, code, f.typeName, f.signerName, f.signerPosition, f.toPlaces, f.note, mainText].join('\n'));
}

/** Folded text of a leader's directive: what it says, the meeting it came from, who gave it. */
export function directiveSearchText(f: { content: string; meetingName: string; leaderName: string }): string {
  return foldVietnamese([f.content, f.meetingName, f.leaderName].join('\n'));
}

/** The year facet token: `y2026`. It lives in its own column, so typed words never match it. */
export const yearFacet = (year: number) => `y${year}`;

/** The type facet token: `tquyetdinh` for "Quyết định". */
export const typeFacet = (typeName: string) => `t${searchTokens(typeName).join('')}`;

/** Both at once, `y2026tquyetdinh`: one short list to intersect instead of two long ones when both filters are set. */
export const yearTypeFacet = (year: number, typeName: string) => `${yearFacet(year)}${typeFacet(typeName)}`;

export const facetText = (year: number, typeName: string) => `${yearFacet(year)} ${typeFacet(typeName)} ${yearTypeFacet(year, typeName)}`;

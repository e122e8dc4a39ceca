/**
 * An organisation's or unit's abbreviation (UBND, SGDĐT, VP) is a piece of a document's notation, joined to the others
 * by "-" and to the number by "/" (125/QĐ-UBND, 05/BNV-VP: Decree 30, Appendix I); so it holds letters and digits only.
 */
const ABBREVIATION = /^[\p{L}\p{N}]+$/u;

export function isAbbreviation(value: string): boolean {
  return ABBREVIATION.test(value);
}

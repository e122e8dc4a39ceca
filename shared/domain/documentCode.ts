/** A document's number and notation (số, ký hiệu) written as one text, the way registers and screens show it. */
import { formatDocumentNumber } from './dates';

/**
 * "05/QĐ-UBND", "1482/SGDĐT-KHTC": a number below 10 is written with its leading zero as Decree 30 numbers documents
 * ("5" → "05"); other numbers as typed. Either part may be missing, and then no slash is written.
 */
export function joinCode(codeNumber: string, codeNotation: string): string {
  const typed = codeNumber.trim();
  const number = /^0*[1-9]$/.test(typed) ? formatDocumentNumber(Number(typed)) : typed;
  const notation = codeNotation.trim();
  if (number && notation) return `${number}/${notation}`;
  return number || notation;
}

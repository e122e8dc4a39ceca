/**
 * Vietnamese text folding for search: NFC, lower case, diacritics removed, đ → d.
 * SQLite's remove_diacritics leaves đ alone (it is a letter, not a letter plus a mark), so folding happens here,
 * once, for both the indexed text and the query.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .normalize('NFC');
}

/** Words of a folded text as the full-text index sees them: letters and digits, everything else separates. */
export function searchTokens(text: string): string[] {
  return foldVietnamese(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

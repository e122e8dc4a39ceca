/**
 * Text and attribute values written into XML: characters XML 1.0 cannot carry at all are dropped, the five specials
 * are escaped, and the text is NFC so the same words compare equal however they were typed.
 */
export function escapeXml(value: string): string {
  return value
    .normalize('NFC')
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

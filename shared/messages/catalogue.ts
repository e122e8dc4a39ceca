/** A section of the message catalogue: key → Vietnamese text first, English second. Placeholders are written {name}. */
export type Catalogue = Record<string, { vi: string; en: string }>;

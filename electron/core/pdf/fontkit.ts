/**
 * fontkit, loaded when a font is first opened rather than with the core. Loading it builds its Unicode tables, in every
 * thread that loads it: measured on the edXML import (a process that never draws a glyph), leaving it out took the
 * peak memory down by 20–40 MB between the main process and the signing thread.
 */
import type fontkit from '@pdf-lib/fontkit';

type Fontkit = typeof fontkit;

let loading: Promise<Fontkit> | null = null;

export function loadFontkit(): Promise<Fontkit> {
  return (loading ??= import('@pdf-lib/fontkit').then((m) => m.default));
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** TrueType fonts shipped in resources/fonts (see its README for versions and licences). */
export type BundledFontName = 'LiberationSerif-Regular' | 'LiberationSerif-Bold';

/**
 * resources/fonts of the source tree. A packaged app keeps resources elsewhere, so every loader takes the directory
 * as a parameter and this is only the default.
 */
function defaultFontsDirectory(): string {
  return fileURLToPath(new URL('../../../resources/fonts/', import.meta.url));
}

// Fonts never change while the program runs: read each file once.
const cache = new Map<string, Promise<Uint8Array>>();

/** The bytes of a bundled font; fails with the path in the message when the installation lacks it. */
export function loadBundledFont(name: BundledFontName, directory: string = defaultFontsDirectory()): Promise<Uint8Array> {
  const path = join(directory, `${name}.ttf`);
  let bytes = cache.get(path);
  if (!bytes) {
    bytes = readFile(path).then(
      (buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
      (cause: unknown) => {
        cache.delete(path);
        throw new Error(`Bundled font missing or unreadable: ${path}`, { cause });
      },
    );
    cache.set(path, bytes);
  }
  return bytes;
}

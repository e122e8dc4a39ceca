/**
 * Page pictures as Tesseract is given them: 8-bit greyscale PGM (P5), the simplest format it reads. Written by the PDF
 * thread from a scan's pictures or a drawn page, and turned upright here when Tesseract finds a page lying sideways.
 */
export interface Greyscale {
  width: number;
  height: number;
  /** One byte per pixel, row after row, 0 black. */
  pixels: Buffer;
}

export function encodePgm({ width, height, pixels }: Greyscale): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1'), pixels]);
}

export function decodePgm(bytes: Buffer): Greyscale {
  // "P5\n<width> <height>\n255\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('Not an 8-bit PGM picture');
  const [, width, height] = header.map(Number) as [number, number, number];
  return { width, height, pixels: bytes.subarray(header[0].length, header[0].length + width * height) };
}

/** Quarter turns a page can lie in. */
export type QuarterTurn = 0 | 90 | 180 | 270;

/** The picture turned clockwise by `degrees`. */
export function turnGreyscale(image: Greyscale, degrees: QuarterTurn): Greyscale {
  const { width: w, height: h, pixels } = image;
  if (degrees === 0) return image;
  const out = Buffer.alloc(w * h);
  if (degrees === 180) {
    for (let i = 0, n = w * h; i < n; i++) out[n - 1 - i] = pixels[i] as number;
    return { width: w, height: h, pixels: out };
  }
  // A quarter turn: the source row y becomes column h-1-y (clockwise) or column y read from the bottom (anticlockwise).
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const target = degrees === 90 ? x * h + (h - 1 - y) : (w - 1 - x) * h + y;
      out[target] = pixels[y * w + x] as number;
    }
  }
  return { width: h, height: w, pixels: out };
}

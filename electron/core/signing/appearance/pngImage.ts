/**
 * Decodes an 8-bit PNG into colour samples and an alpha channel, the two images PDF needs (an image XObject and its
 * /SMask) to draw a signature or seal with a transparent background; where soft masks are forbidden (PDF/A-1) the alpha
 * becomes a 1-bit stencil mask. Interlaced and 16-bit PNGs are refused.
 */
import { inflateSync } from 'node:zlib';
import { AppError } from '../../../../shared/errors';
import { msg } from '../../../../shared/messages';
import { unfilterRows } from '../pdf/pngPredictor';

export interface DecodedPng {
  width: number;
  height: number;
  /** 1 (gray) or 3 (RGB) samples per pixel. */
  components: 1 | 3;
  color: Uint8Array;
  /** One byte per pixel, or null when the image is fully opaque. */
  alpha: Uint8Array | null;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function refuse(): never {
  throw new AppError('BAD_INPUT', msg('signing.imageUnreadable'));
}

export function decodePng(bytes: Uint8Array): DecodedPng {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 33 || !buf.subarray(0, 8).equals(SIGNATURE)) refuse();
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  let palette: Buffer | null = null;
  let transparency: Buffer | null = null;
  const idat: Buffer[] = [];
  while (pos + 8 <= buf.length) {
    const length = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + length);
    pos += 12 + length;
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const bitDepth = data[8];
      colorType = data[9]!;
      if (bitDepth !== 8 || data[12] !== 0) refuse();
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') transparency = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
  }
  const channels: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
  const perPixel = channels[colorType];
  if (!perPixel || width === 0 || height === 0 || idat.length === 0) refuse();
  let raw: Uint8Array;
  try {
    raw = unfilterRows(inflateSync(Buffer.concat(idat)), width * perPixel, perPixel);
  } catch {
    refuse();
  }
  if (raw.length < width * height * perPixel) refuse();

  const pixels = width * height;
  const components: 1 | 3 = colorType === 0 || colorType === 4 ? 1 : 3;
  const color = new Uint8Array(pixels * components);
  let alpha: Uint8Array | null = colorType === 4 || colorType === 6 || (colorType === 3 && transparency) ? new Uint8Array(pixels) : null;
  for (let i = 0; i < pixels; i++) {
    if (colorType === 3) {
      const index = raw[i]!;
      if (!palette || index * 3 + 2 >= palette.length) refuse();
      color.set(palette.subarray(index * 3, index * 3 + 3), i * 3);
      if (alpha) alpha[i] = transparency && index < transparency.length ? transparency[index]! : 255;
    } else {
      const src = i * perPixel;
      for (let c = 0; c < components; c++) color[i * components + c] = raw[src + c]!;
      if (alpha) alpha[i] = raw[src + perPixel - 1]!;
    }
  }
  if (alpha && alpha.every((a) => a === 255)) alpha = null;
  return { width, height, components, color, alpha };
}

/**
 * The alpha channel as the samples of a 1-bit image mask used as an image's /Mask (ISO 32000-1 §8.9.6.3): 0 where the
 * pixel is at least half opaque (drawn), 1 elsewhere (left out); each row starts on a byte boundary.
 */
export function stencilFromAlpha(alpha: Uint8Array, width: number, height: number): Uint8Array {
  const rowBytes = Math.ceil(width / 8);
  const out = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (alpha[y * width + x]! < 128) out[y * rowBytes + (x >> 3)] = out[y * rowBytes + (x >> 3)]! | (0x80 >> (x & 7));
    }
  }
  return out;
}

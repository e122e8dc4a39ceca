/** Reverses PNG row filters (RFC 2083 §6), used both by PDF's /Predictor >= 10 and by PNG image decoding. */
export function unfilterRows(data: Uint8Array, rowBytes: number, bytesPerPixel: number): Uint8Array {
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  for (let r = 0; r < rows; r++) {
    const filter = data[r * (rowBytes + 1)]!;
    const src = r * (rowBytes + 1) + 1;
    const dst = r * rowBytes;
    const prev = dst - rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const x = data[src + i]!;
      const a = i >= bytesPerPixel ? out[dst + i - bytesPerPixel]! : 0;
      const b = r > 0 ? out[prev + i]! : 0;
      const c = r > 0 && i >= bytesPerPixel ? out[prev + i - bytesPerPixel]! : 0;
      let v: number;
      switch (filter) {
        case 0:
          v = x;
          break;
        case 1:
          v = x + a;
          break;
        case 2:
          v = x + b;
          break;
        case 3:
          v = x + ((a + b) >> 1);
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default:
          throw new Error(`unknown PNG filter ${filter}`);
      }
      out[dst + i] = v & 0xff;
    }
  }
  return out;
}

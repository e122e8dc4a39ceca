/** Decoding the stream filters that cross-reference and object streams use in practice. */
import { inflateSync, constants } from 'node:zlib';
import { PdfDict, PdfName, type PdfValue } from './pdfObjects';
import { unfilterRows } from './pngPredictor';

export class UnsupportedFilter extends Error {}

function asArray(v: PdfValue | undefined): PdfValue[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function inflate(data: Uint8Array): Uint8Array {
  try {
    return inflateSync(data);
  } catch {
    // Some writers end a deflate stream without its final block; what was inflated is still the data.
    return inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
  }
}

function applyPredictor(data: Uint8Array, parms: PdfDict | undefined): Uint8Array {
  const predictor = (parms?.get('Predictor') as number | undefined) ?? 1;
  if (predictor < 10) {
    if (predictor === 1) return data;
    throw new UnsupportedFilter(`predictor ${predictor}`);
  }
  const colors = (parms?.get('Colors') as number | undefined) ?? 1;
  const bpc = (parms?.get('BitsPerComponent') as number | undefined) ?? 8;
  const columns = (parms?.get('Columns') as number | undefined) ?? 1;
  const bytesPerPixel = Math.max(1, Math.ceil((colors * bpc) / 8));
  return unfilterRows(data, Math.ceil((columns * colors * bpc) / 8), bytesPerPixel);
}

/** Decodes raw stream bytes according to /Filter and /DecodeParms. */
export function decodeStreamData(dict: PdfDict, raw: Uint8Array): Uint8Array {
  const filters = asArray(dict.get('Filter'));
  const parms = asArray(dict.get('DecodeParms'));
  let data = raw;
  filters.forEach((f, i) => {
    const name = f instanceof PdfName ? f.value : '';
    if (name !== 'FlateDecode' && name !== 'Fl') throw new UnsupportedFilter(name);
    const p = parms[i];
    data = applyPredictor(inflate(data), p instanceof PdfDict ? p : undefined);
  });
  return data;
}

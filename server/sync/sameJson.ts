/** Structural equality of JSON values: PostgreSQL's jsonb does not keep the key order a client sent. */
import type { Json } from '../../shared/contract/syncWire';

export function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return true;
  if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return false;
  if (Array.isArray(x) || Array.isArray(y)) {
    return Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => sameJson(v, y[i]));
  }
  const keys = Object.keys(x).filter((k) => x[k] !== null);
  return keys.length === Object.keys(y).filter((k) => y[k] !== null).length && keys.every((k) => sameJson(x[k], y[k]));
}

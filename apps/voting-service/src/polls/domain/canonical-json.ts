import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** JSON values that RFC 8785 (JCS) serializes; no undefined, functions, NaN or Infinity. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** The RFC 8785 canonical JSON text of a value (the `canonicalize` package, by the RFC's author). */
export function canonicalJson(value: JsonValue): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

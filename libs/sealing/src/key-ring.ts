/** Keys by id; the first of the configured list is the current one (it seals), the others still open. */
export interface KeyRing {
  currentKeyId: string;
  keys: Map<string, Buffer>;
}

const KEY_ID_RE = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Parses a key-ring spec `"k2:<base64 32 bytes>,k1:<base64 32 bytes>"` (first = current), as
 * operators write it in a secret. `variable` names the setting in the messages.
 */
export function parseKeyRing(spec: string | undefined, variable: string): KeyRing {
  const entries = (spec ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error(`${variable} is empty: expected "keyId:base64key[,keyId:base64key...]"`);
  const keys = new Map<string, Buffer>();
  for (const entry of entries) {
    const sep = entry.indexOf(':');
    const id = sep > 0 ? entry.slice(0, sep) : '';
    if (!KEY_ID_RE.test(id)) throw new Error(`${variable}: invalid key id in entry ${sep > 0 ? id : '(missing)'}`);
    const key = Buffer.from(entry.slice(sep + 1), 'base64');
    if (key.length !== 32) throw new Error(`${variable}: key ${id} must be 32 bytes (base64), got ${key.length}`);
    if (keys.has(id)) throw new Error(`${variable}: key id ${id} appears twice`);
    keys.set(id, key);
  }
  return { currentKeyId: entries[0].slice(0, entries[0].indexOf(':')), keys };
}

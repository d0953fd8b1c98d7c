import { EventEmitter } from 'node:events';

/** Replacement for values of personal-data fields. */
export const REDACTED = '[REDACTED]';

/**
 * Field names whose values never reach a log line, at any depth (compared case-insensitively,
 * ignoring `_` and `-`, so `id_number`, `ID-Number` and `idNumber` all match).
 */
export const PERSONAL_DATA_KEYS: readonly string[] = [
  'idNumber',
  'phone',
  'phoneNumber',
  'petitioner',
  'identity',
  'fullName',
  'address',
  'email',
  'authorization',
  'cookie',
  'setCookie',
  'password',
];

const normalise = (key: string) => key.replace(/[_-]/g, '').toLowerCase();
const KEY_SET = new Set(PERSONAL_DATA_KEYS.map(normalise));

export function isPersonalDataKey(key: string): boolean {
  return KEY_SET.has(normalise(key));
}

/**
 * pino `redact` paths (fast-redact syntax): authorization/cookie headers and the personal-data
 * fields at depths 0–3. `redactPersonalData` (used as the `log` formatter) covers any depth.
 */
export const PINO_REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...['idNumber', 'phone', 'phoneNumber', 'petitioner', 'identity', 'fullName', 'address', 'email'].flatMap((key) => [
    key,
    `*.${key}`,
    `*.*.${key}`,
    `*.*.*.${key}`,
  ]),
];

// 12-digit citizen identity numbers (CCCD / số định danh cá nhân), not part of a longer digit run.
// (A 12-digit last group of a UUID, `xxxx-<12 digits>`, is left alone.)
const ID_NUMBER = /(?<![0-9]|[0-9a-fA-F]{4}-)[0-9]{12}(?![0-9])/g;
// Vietnamese mobile (0/84/+84 then 3,5,7,8,9 and 8 digits) and landline (02x + 8 digits) numbers,
// with optional spaces, dots or dashes between groups.
const PHONE = /(?<![0-9+]|[0-9a-fA-F]{4}-)(?:\+84|84|0)[ .-]?(?:[35789][0-9](?:[ .-]?[0-9]){7}|2[0-9](?:[ .-]?[0-9]){8})(?![0-9])/g;

export const MASKED_ID_NUMBER = '[ID_NUMBER]';
export const MASKED_PHONE = '[PHONE]';

/** Masks 12-digit ID numbers and Vietnamese phone numbers appearing inside a string. */
export function maskPersonalDataInString(text: string): string {
  if (!/[0-9]{3}/.test(text)) return text;
  return text.replace(ID_NUMBER, MASKED_ID_NUMBER).replace(PHONE, MASKED_PHONE);
}

/**
 * Deep copy of `value` with personal-data fields replaced by `[REDACTED]` and ID/phone numbers
 * masked inside strings. Handles cycles, arrays, Errors (message/stack masked) and Dates.
 */
export function redactPersonalData<T>(value: T): T {
  return redactValue(value, new WeakMap()) as T;
}

function redactValue(value: unknown, seen: WeakMap<object, unknown>): unknown {
  if (typeof value === 'string') return maskPersonalDataInString(value);
  if (typeof value === 'number' && Number.isInteger(value) && /^[0-9]{12}$/.test(String(value))) return MASKED_ID_NUMBER;
  if (value === null || typeof value !== 'object') return value;
  // Dates, buffers, and streams/emitters such as req/res (left to pino's serializers) pass as they are.
  if (value instanceof Date || Buffer.isBuffer(value) || value instanceof EventEmitter) return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(redactValue(item, seen));
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  if (value instanceof Error) {
    out.type = value.name;
    out.message = maskPersonalDataInString(value.message);
    if (value.stack) out.stack = maskPersonalDataInString(value.stack);
  }
  for (const [key, item] of Object.entries(value)) {
    out[key] = isPersonalDataKey(key) && item !== undefined && item !== null ? REDACTED : redactValue(item, seen);
  }
  return out;
}

/**
 * 12-digit personal identification numbers (số định danh cá nhân / CCCD) [Decree 137/2015/NĐ-CP
 * Art. 7; Circular 07/2016/TT-BCA]: 3 digits province of birth registration, 1 digit century and
 * gender, 2 digits year of birth, 6 random digits.
 */
/** Province codes used in ID numbers (the 63 pre-2025 provinces; codes are kept after the 2025 merger). */
export const ID_PROVINCE_CODES: ReadonlySet<string> = new Set(
  (
    '001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 040 042 044 045 ' +
    '046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096'
  ).split(' '),
);

export interface ParsedIdNumber {
  provinceCode: string;
  gender: 'MALE' | 'FEMALE';
  birthYear: number;
}

/** 0/1: 20th century (1900–1999), 2/3: 21st, 4/5: 22nd, 6/7: 23rd, 8/9: 24th; even = male, odd = female. */
export function parseIdNumber(value: unknown): ParsedIdNumber | null {
  if (typeof value !== 'string' || !/^\d{12}$/.test(value)) return null;
  const provinceCode = value.slice(0, 3);
  if (!ID_PROVINCE_CODES.has(provinceCode)) return null;
  const c = Number(value[3]);
  const birthYear = 1900 + Math.floor(c / 2) * 100 + Number(value.slice(4, 6));
  return { provinceCode, gender: c % 2 === 0 ? 'MALE' : 'FEMALE', birthYear };
}

export function isValidIdNumber(value: unknown): boolean {
  return parseIdNumber(value) !== null;
}

/** The last 4 digits (what a public look-up asks for alongside a dossier or petition code). */
export function idNumberLast4(value: string): string {
  return value.slice(-4);
}

/**
 * True when `last4` (4 digits, surrounding spaces ignored) matches the end of the ID number.
 * Compares in constant time for equal-length input so the check does not leak via timing.
 */
export function idNumberLast4Matches(idNumber: string | null | undefined, last4: string): boolean {
  if (!idNumber || typeof last4 !== 'string') return false;
  const given = last4.trim();
  if (!/^\d{4}$/.test(given) || !/^\d{12}$/.test(idNumber)) return false;
  const actual = idNumberLast4(idNumber);
  let diff = 0;
  for (let i = 0; i < 4; i++) diff |= actual.charCodeAt(i) ^ given.charCodeAt(i);
  return diff === 0;
}

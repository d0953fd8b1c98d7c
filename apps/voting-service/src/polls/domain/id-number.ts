/**
 * 12-digit personal identification numbers (số định danh cá nhân / CCCD) [Decree 137/2015/NĐ-CP
 * Art. 7; Circular 07/2016/TT-BCA]: 3 digits province of birth registration, 1 digit century and
 * gender, 2 digits year of birth, 6 random digits.
 *
 * The same rule as apps/dossier-service/src/dossiers/domain/id-number.ts; it belongs in a shared
 * lib (e.g. @xaso/text) — kept here only until that move, so both stay in step.
 */
const ID_PROVINCE_CODES: ReadonlySet<string> = new Set(
  (
    '001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 040 042 044 045 ' +
    '046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096'
  ).split(' '),
);

export function isValidIdNumber(value: unknown): value is string {
  return typeof value === 'string' && /^\d{12}$/.test(value) && ID_PROVINCE_CODES.has(value.slice(0, 3));
}

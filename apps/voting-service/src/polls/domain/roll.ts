import { canonicalJson, sha256Hex } from './canonical-json';
import { isValidIdNumber } from '@xaso/text';
import type { Electorate, FrozenRoll, PollStatus } from './poll-types';
import { VotingDomainError } from './voting-domain-error';

export const MAX_ROLL_ROWS = 200_000;
const HOUSEHOLD_ID = /^[A-Za-z0-9_./-]{1,64}$/;
const MAX_NAME_LENGTH = 200;

/** One row as imported (GraphQL list or CSV): for HOUSEHOLDS the representative of the household; for VOTERS one adult. */
export interface RollRowInput {
  householdId?: string | null;
  idNumber: string;
  name: string;
  villageCode: string;
}

export interface RollEntry {
  readonly householdId: string | null;
  readonly idNumber: string;
  readonly name: string;
  readonly villageCode: string;
}

export type RollRowErrorCode =
  | 'INVALID_ID_NUMBER'
  | 'MISSING_HOUSEHOLD_ID'
  | 'INVALID_HOUSEHOLD_ID'
  | 'MISSING_NAME'
  | 'UNKNOWN_VILLAGE'
  | 'OTHER_VILLAGE'
  | 'DUPLICATE_HOUSEHOLD'
  | 'DUPLICATE_ID_NUMBER';

/** `row` counts the roll's rows from 1 (a CSV's header is not a row). */
export interface RollRowError {
  readonly row: number;
  readonly field: keyof RollRowInput;
  readonly code: RollRowErrorCode;
  readonly messageEn: string;
  readonly messageVi: string;
  /** For duplicates: the row that had the value first. */
  readonly firstRow?: number;
}

export interface RollContext {
  electorate: Electorate;
  /** The villages/residential groups of the poll's commune (from the registry). */
  communeVillages: ReadonlySet<string>;
  /** The poll's own village, when it is held in one: every row must belong to it. */
  pollVillageCode: string | null;
}

/** Trimmed, NFC, inner whitespace collapsed: the same person written twice hashes the same. */
function cleanName(value: unknown): string {
  return typeof value === 'string' ? value.normalize('NFC').trim().replace(/\s+/g, ' ') : '';
}

function cleanCode(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

const MESSAGES: Record<RollRowErrorCode, [string, string]> = {
  INVALID_ID_NUMBER: ['The ID number must be 12 digits starting with a province code', 'Số định danh cá nhân phải gồm 12 chữ số, bắt đầu bằng mã tỉnh'],
  MISSING_HOUSEHOLD_ID: ['A household roll needs the household id on every row', 'Danh sách hộ gia đình phải có mã hộ ở mọi dòng'],
  INVALID_HOUSEHOLD_ID: ['The household id is 1 to 64 letters, digits, ".", "_", "/" or "-"', 'Mã hộ gồm 1 đến 64 chữ cái, chữ số, ".", "_", "/" hoặc "-"'],
  MISSING_NAME: [`The name must be 1 to ${MAX_NAME_LENGTH} characters`, `Họ tên phải dài từ 1 đến ${MAX_NAME_LENGTH} ký tự`],
  UNKNOWN_VILLAGE: ['The village is not one of the commune\'s villages', 'Thôn/tổ dân phố không thuộc xã'],
  OTHER_VILLAGE: ['The row belongs to another village than the poll\'s', 'Dòng này thuộc thôn/tổ dân phố khác với cuộc biểu quyết'],
  DUPLICATE_HOUSEHOLD: ['The household is on the roll twice', 'Hộ gia đình bị trùng trong danh sách'],
  DUPLICATE_ID_NUMBER: ['The ID number is on the roll twice', 'Số định danh cá nhân bị trùng trong danh sách'],
};

function rowError(row: number, field: keyof RollRowInput, code: RollRowErrorCode, firstRow?: number): RollRowError {
  const [messageEn, messageVi] = MESSAGES[code];
  return firstRow === undefined ? { row, field, code, messageEn, messageVi } : { row, field, code, messageEn, messageVi, firstRow };
}

/**
 * Checks every row and reports every error with its row number (never only the first), so a
 * clerk fixes the file in one pass; the caller imports nothing unless `errors` is empty.
 */
export function validateRoll(rows: readonly RollRowInput[], context: RollContext): { entries: RollEntry[]; errors: RollRowError[] } {
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new VotingDomainError('ROLL_EMPTY', 'The roll has no rows', 'Danh sách không có dòng nào');
  }
  if (rows.length > MAX_ROLL_ROWS) {
    throw new VotingDomainError('ROLL_INVALID', `A roll has at most ${MAX_ROLL_ROWS} rows`, `Danh sách có tối đa ${MAX_ROLL_ROWS} dòng`, { rows: rows.length });
  }
  const households = context.electorate === 'HOUSEHOLDS';
  const errors: RollRowError[] = [];
  const entries: RollEntry[] = [];
  const firstRowOfHousehold = new Map<string, number>();
  const firstRowOfIdNumber = new Map<string, number>();
  rows.forEach((input, index) => {
    const row = index + 1;
    const householdId = cleanCode(input?.householdId) || null;
    const idNumber = cleanCode(input?.idNumber);
    const name = cleanName(input?.name);
    const villageCode = cleanCode(input?.villageCode);
    if (householdId === null) {
      if (households) errors.push(rowError(row, 'householdId', 'MISSING_HOUSEHOLD_ID'));
    } else if (!HOUSEHOLD_ID.test(householdId)) {
      errors.push(rowError(row, 'householdId', 'INVALID_HOUSEHOLD_ID'));
    } else if (households) {
      const first = firstRowOfHousehold.get(householdId);
      if (first === undefined) firstRowOfHousehold.set(householdId, row);
      else errors.push(rowError(row, 'householdId', 'DUPLICATE_HOUSEHOLD', first));
    }
    if (!isValidIdNumber(idNumber)) {
      errors.push(rowError(row, 'idNumber', 'INVALID_ID_NUMBER'));
    } else {
      const first = firstRowOfIdNumber.get(idNumber);
      if (first === undefined) firstRowOfIdNumber.set(idNumber, row);
      else errors.push(rowError(row, 'idNumber', 'DUPLICATE_ID_NUMBER', first));
    }
    if (name.length === 0 || name.length > MAX_NAME_LENGTH) errors.push(rowError(row, 'name', 'MISSING_NAME'));
    if (!context.communeVillages.has(villageCode)) errors.push(rowError(row, 'villageCode', 'UNKNOWN_VILLAGE'));
    else if (context.pollVillageCode !== null && villageCode !== context.pollVillageCode) errors.push(rowError(row, 'villageCode', 'OTHER_VILLAGE'));
    entries.push({ householdId, idNumber, name, villageCode });
  });
  return { entries: errors.length === 0 ? entries : [], errors };
}

/** Like validateRoll, but all or nothing: throws ROLL_INVALID with every row error in `details.errors`. */
export function parseRoll(rows: readonly RollRowInput[], context: RollContext): RollEntry[] {
  const { entries, errors } = validateRoll(rows, context);
  if (errors.length > 0) {
    throw new VotingDomainError('ROLL_INVALID', `The roll has ${errors.length} error(s); nothing was imported`, `Danh sách có ${errors.length} lỗi; chưa nhập dòng nào`, { errors });
  }
  return entries;
}

/** The key a roll is sorted by: the household for HOUSEHOLDS rolls, the ID number for VOTERS rolls (both unique). */
function sortKey(entry: RollEntry, electorate: Electorate): string {
  return electorate === 'HOUSEHOLDS' ? (entry.householdId ?? '') : entry.idNumber;
}

/** Sorted by code units (as RFC 8785 sorts keys), independent of locale and of the import's row order. */
export function sortedRoll(entries: readonly RollEntry[], electorate: Electorate): RollEntry[] {
  return [...entries].sort((a, b) => {
    const ka = sortKey(a, electorate);
    const kb = sortKey(b, electorate);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/** Size N and SHA-256 hex over the RFC 8785 JSON of the sorted roll (an array of {householdId, idNumber, name, villageCode}). */
export function freezeRoll(entries: readonly RollEntry[], electorate: Electorate): FrozenRoll {
  if (entries.length === 0) throw new VotingDomainError('ROLL_EMPTY', 'The roll has no rows', 'Danh sách không có dòng nào');
  const sorted = sortedRoll(entries, electorate).map(({ householdId, idNumber, name, villageCode }) => ({ householdId, idNumber, name, villageCode }));
  return { size: sorted.length, hash: sha256Hex(canonicalJson(sorted)) };
}

/** A roll is imported (and re-imported, replacing the previous one) only while the poll is a DRAFT; it freezes when the poll opens. */
export function assertRollImportable(poll: { status: PollStatus }): void {
  if (poll.status !== 'DRAFT') {
    throw new VotingDomainError('ROLL_FROZEN', 'The roll is frozen once the poll opens', 'Danh sách đã chốt khi cuộc biểu quyết mở', { status: poll.status });
  }
}

/**
 * The shape an entry must have for its kind, before any registry check: codes, names, the fields
 * each kind needs. Pure; answers the entry normalised (NFC, trimmed, de-duplicated codes).
 */
import { isValidLocalDate, type LocalDate } from '@xaso/calendar';
import { UNIT_CODE_PATTERN, UnitLevel } from '../../units/domain/unit';
import type { DivisionPart, LegalBasis, PlanEntry, TargetUnit } from './plan';
import { InvalidPlanEntryError } from './rearrangement-errors';

export const MAX_SOURCES_PER_ENTRY = 200;
export const MAX_PARTS_PER_DIVIDE = 50;
export const MAX_VILLAGES_PER_PART = 500;

const text = (value: unknown): string => (typeof value === 'string' ? value.normalize('NFC').replace(/\s+/g, ' ').trim() : '');

function code(value: unknown, field: string): string {
  const c = typeof value === 'string' ? value.trim() : '';
  if (!UNIT_CODE_PATTERN.test(c)) {
    throw new InvalidPlanEntryError(`${field} must be a unit code (2–5 digits): ${String(value)}`, `${field} phải là mã đơn vị (2–5 chữ số): ${String(value)}`, { field });
  }
  return c;
}

function name(value: unknown, field: string): string {
  const n = text(value);
  if (!n || n.length > 200) throw new InvalidPlanEntryError(`${field} must be 1 to 200 characters`, `${field} phải có từ 1 đến 200 ký tự`, { field });
  return n;
}

function codes(value: unknown, field: string, max: number, min = 1): string[] {
  if (!Array.isArray(value) || value.length < min || value.length > max) {
    throw new InvalidPlanEntryError(`${field} must list ${min} to ${max} codes`, `${field} phải có từ ${min} đến ${max} mã`, { field });
  }
  return [...new Set(value.map((v, i) => code(v, `${field}[${i}]`)))];
}

function target(value: Partial<TargetUnit> | undefined, field: string): TargetUnit {
  if (!value || typeof value !== 'object') throw new InvalidPlanEntryError(`${field} is required`, `Thiếu ${field}`, { field });
  const level = value.level;
  if (level !== undefined && level !== null && !(Object.values(UnitLevel) as string[]).includes(level)) {
    throw new InvalidPlanEntryError(`${field}.level is not a level: ${String(level)}`, `${field}.level không phải cấp đơn vị: ${String(level)}`, { field: `${field}.level` });
  }
  return {
    code: code(value.code, `${field}.code`),
    name: name(value.name, `${field}.name`),
    type: name(value.type, `${field}.type`),
    parentCode: value.parentCode === null || value.parentCode === undefined || value.parentCode === '' ? null : code(value.parentCode, `${field}.parentCode`),
    ...(level ? { level } : {}),
  };
}

function part(value: Partial<DivisionPart> & { unit?: Partial<TargetUnit> | null }, i: number): DivisionPart {
  const field = `parts[${i}]`;
  const partCode = code(value?.code ?? value?.unit?.code, `${field}.code`);
  const villages = value.villageCodes?.length ? codes(value.villageCodes, `${field}.villageCodes`, MAX_VILLAGES_PER_PART) : undefined;
  const unit = value.unit ? target({ ...value.unit, code: partCode }, `${field}.unit`) : undefined;
  return { code: partCode, ...(villages ? { villageCodes: villages } : {}), ...(unit ? { unit } : {}) };
}

/** An entry as received (any transport) → a well-formed entry of its kind, or INVALID_PLAN_ENTRY. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped input from any transport, checked field by field below
export function checkPlanEntry(input: Record<string, any>): PlanEntry {
  switch (input?.kind) {
    case 'MERGE':
      return { kind: 'MERGE', sources: codes(input.sources, 'sources', MAX_SOURCES_PER_ENTRY), target: target(input.target, 'target') };
    case 'DIVIDE': {
      if (!Array.isArray(input.parts) || input.parts.length < 2 || input.parts.length > MAX_PARTS_PER_DIVIDE) {
        throw new InvalidPlanEntryError(`parts must list 2 to ${MAX_PARTS_PER_DIVIDE} parts`, `parts phải có từ 2 đến ${MAX_PARTS_PER_DIVIDE} phần`, { field: 'parts' });
      }
      const parts = input.parts.map(part);
      if (new Set(parts.map((p: DivisionPart) => p.code)).size !== parts.length) {
        throw new InvalidPlanEntryError('parts must name different units', 'Các phần phải là các đơn vị khác nhau', { field: 'parts' });
      }
      return { kind: 'DIVIDE', source: code(input.source ?? input.code, 'source'), parts };
    }
    case 'RENAME':
      return { kind: 'RENAME', code: code(input.code, 'code'), name: name(input.name, 'name'), ...(input.newCode ? { newCode: code(input.newCode, 'newCode') } : {}) };
    case 'RECLASSIFY':
      return {
        kind: 'RECLASSIFY',
        code: code(input.code, 'code'),
        type: name(input.type, 'type'),
        ...(input.name ? { name: name(input.name, 'name') } : {}),
        ...(input.newCode ? { newCode: code(input.newCode, 'newCode') } : {}),
      };
    case 'MOVE':
      return { kind: 'MOVE', code: code(input.code, 'code'), parentCode: code(input.parentCode, 'parentCode') };
    case 'ABOLISH':
      return {
        kind: 'ABOLISH',
        code: code(input.code, 'code'),
        ...(input.recordsTo?.length ? { recordsTo: codes(input.recordsTo, 'recordsTo', MAX_SOURCES_PER_ENTRY) } : {}),
      };
    default:
      throw new InvalidPlanEntryError(`Unknown entry kind: ${String(input?.kind)}`, `Loại mục không hợp lệ: ${String(input?.kind)}`, { field: 'kind' });
  }
}

export function checkLegalBasis(input: { resolutionNumber?: unknown; resolutionDate?: unknown }, effectiveDate: LocalDate): LegalBasis {
  const resolutionNumber = text(input.resolutionNumber);
  if (!resolutionNumber || resolutionNumber.length > 100) {
    throw new InvalidPlanEntryError('resolutionNumber must be 1 to 100 characters', 'Số nghị quyết phải có từ 1 đến 100 ký tự', { field: 'resolutionNumber' });
  }
  const resolutionDate = typeof input.resolutionDate === 'string' ? input.resolutionDate : '';
  if (!isValidLocalDate(resolutionDate)) {
    throw new InvalidPlanEntryError('resolutionDate must be a date YYYY-MM-DD', 'Ngày nghị quyết phải có dạng YYYY-MM-DD', { field: 'resolutionDate' });
  }
  if (!isValidLocalDate(effectiveDate)) {
    throw new InvalidPlanEntryError('effectiveDate must be a date YYYY-MM-DD', 'Ngày hiệu lực phải có dạng YYYY-MM-DD', { field: 'effectiveDate' });
  }
  if (resolutionDate > effectiveDate) {
    throw new InvalidPlanEntryError('The resolution cannot be dated after the effective date', 'Ngày nghị quyết không thể sau ngày hiệu lực', { field: 'resolutionDate' });
  }
  return { resolutionNumber, resolutionDate };
}

/**
 * The administrative-unit registry's core vocabulary. Pure: no Nest, TypeORM or Kafka.
 *
 * A code names a unit only together with a date: a unit's identity is (code, validFrom).
 */
import type { LocalDate } from '@xaso/calendar';

export enum UnitLevel {
  PROVINCE = 'PROVINCE',
  DISTRICT = 'DISTRICT',
  COMMUNE = 'COMMUNE',
  VILLAGE = 'VILLAGE',
}

export const UNIT_TYPES: Record<UnitLevel, readonly string[]> = {
  [UnitLevel.PROVINCE]: ['Tỉnh', 'Thành phố'],
  [UnitLevel.DISTRICT]: ['Quận', 'Huyện', 'Thị xã', 'Thành phố'],
  [UnitLevel.COMMUNE]: ['Phường', 'Xã', 'Thị trấn', 'Đặc khu'],
  [UnitLevel.VILLAGE]: ['Thôn', 'Tổ dân phố'],
};

/**
 * The data set does not say since when the pre-2025 units were in force, so they all carry this
 * sentinel start: "in force since before the records held here begin".
 */
export const LEGACY_VALID_FROM: LocalDate = '1900-01-01';
/** Last day of the three-tier structure. */
export const LEGACY_VALID_TO: LocalDate = '2025-06-30';
/** First day of the two-tier structure (Resolution 202/2025/QH15 and the commune resolutions). */
export const REARRANGEMENT_DATE: LocalDate = '2025-07-01';

export interface UnitKey {
  code: string;
  validFrom: LocalDate;
}

export interface AdministrativeUnit extends UnitKey {
  validTo: LocalDate | null;
  level: UnitLevel;
  type: string;
  name: string;
  parentCode: string | null;
  parentValidFrom: LocalDate | null;
}

/** A predecessor → successor edge of a rearrangement. */
export interface UnitLink {
  predecessorCode: string;
  predecessorValidFrom: LocalDate;
  successorCode: string;
  successorValidFrom: LocalDate;
  /** The predecessor was split among several successors. */
  divided: boolean;
}

/** In force on `asOf`: validFrom ≤ asOf ≤ validTo (an open validTo never ends). ISO dates compare as strings. */
export function isInForce(unit: Pick<AdministrativeUnit, 'validFrom' | 'validTo'>, asOf: LocalDate): boolean {
  return unit.validFrom <= asOf && (unit.validTo === null || asOf <= unit.validTo);
}

/** `asOf` moved into the unit's validity: the day to look at a retired (or not yet valid) unit's contents. */
export function clampToValidity(unit: Pick<AdministrativeUnit, 'validFrom' | 'validTo'>, asOf: LocalDate): LocalDate {
  if (asOf < unit.validFrom) return unit.validFrom;
  if (unit.validTo !== null && asOf > unit.validTo) return unit.validTo;
  return asOf;
}

export const unitKeyString = (key: UnitKey): string => `${key.code}@${key.validFrom}`;

/** Official GSO codes are digits (2 province, 3 district, 5 commune); villages add `-NNN`. */
export const UNIT_CODE_PATTERN = /^\d{2,5}(-\d{3,})?$/;
export const COMMUNE_CODE_PATTERN = /^\d{5}$/;
export const isUnitCode = (code: string): boolean => UNIT_CODE_PATTERN.test(code);

export function parseUnitLevel(value: string): UnitLevel | undefined {
  const upper = value.toUpperCase();
  return (Object.values(UnitLevel) as string[]).includes(upper) ? (upper as UnitLevel) : undefined;
}

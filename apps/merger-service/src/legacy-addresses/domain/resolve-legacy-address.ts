/**
 * A pre-2025 address as people write it → the legacy unit(s) it names and the unit(s) in force
 * today. Every candidate is answered when the address is ambiguous; none is guessed. Pure.
 */
import type { LocalDate } from '@xaso/calendar';
import type { AdministrativeUnit } from '../../units/domain/unit';
import { type AddressIndex, type IndexedUnit, type MatchMethod, methodRank } from './address-index';

/** The day a legacy address is read on by default: the last day of the three-tier structure. */
export const LEGACY_ADDRESS_DAY: LocalDate = '2025-06-30';

export interface LegacyAddressInput {
  ward: string;
  district?: string | null;
  province?: string | null;
  /** The day the address was written for (default 2025-06-30). */
  asOf?: LocalDate | null;
}

export type ResolutionStatus = 'RESOLVED' | 'AMBIGUOUS' | 'NOT_FOUND';
export type NotFoundReason = 'WARD_MISSING' | 'PROVINCE_NOT_FOUND' | 'DISTRICT_NOT_FOUND' | 'WARD_NOT_FOUND';

export interface AddressCandidate {
  commune: AdministrativeUnit;
  district: AdministrativeUnit | null;
  province: AdministrativeUnit | null;
  /** The weakest of the levels' methods among the levels given. */
  match: MatchMethod;
  matchByLevel: { commune: MatchMethod; district: MatchMethod; province: MatchMethod };
  /** The unit(s) in force today that the legacy commune became (several when it was divided). */
  current: AdministrativeUnit[];
  divided: boolean;
}

export interface LegacyAddressResolution {
  status: ResolutionStatus;
  reason: NotFoundReason | null;
  asOf: LocalDate;
  candidates: AddressCandidate[];
}

const given = (text: string | null | undefined): text is string => typeof text === 'string' && text.trim().length > 0;
const worst = (methods: MatchMethod[]): MatchMethod => methods.reduce((a, b) => (methodRank(b) > methodRank(a) ? b : a), 'EXACT');

export function resolveLegacyAddress(index: AddressIndex, input: LegacyAddressInput, today: LocalDate): LegacyAddressResolution {
  const asOf = input.asOf ?? LEGACY_ADDRESS_DAY;
  const none = (reason: NotFoundReason): LegacyAddressResolution => ({ status: 'NOT_FOUND', reason, asOf, candidates: [] });
  if (!given(input.ward)) return none('WARD_MISSING');

  const provinces = given(input.province) ? new Map(index.lookup('PROVINCE', input.province, asOf, () => true).map((m) => [m.entry.key, m.method])) : null;
  if (provinces && provinces.size === 0) return none('PROVINCE_NOT_FOUND');
  const inProvince = (entry: IndexedUnit) => provinces === null || (entry.provinceKey !== null && provinces.has(entry.provinceKey));

  const districts = given(input.district) ? new Map(index.lookup('DISTRICT', input.district, asOf, inProvince).map((m) => [m.entry.key, m.method])) : null;
  if (districts && districts.size === 0) return none('DISTRICT_NOT_FOUND');
  const inDistrict = (entry: IndexedUnit) => (districts === null ? inProvince(entry) : entry.parentKey !== null && districts.has(entry.parentKey));

  const communes = index.lookup('COMMUNE', input.ward, asOf, inDistrict);
  if (communes.length === 0) return none('WARD_NOT_FOUND');

  const candidates = communes.map(({ entry, method }): AddressCandidate => {
    const parent = index.get(entry.parentKey);
    const district = parent?.unit.level === 'DISTRICT' ? parent : undefined;
    const province = index.get(entry.provinceKey);
    const matchByLevel = {
      commune: method,
      district: districts && district ? (districts.get(district.key) ?? 'NOT_GIVEN') : 'NOT_GIVEN',
      province: provinces && province ? (provinces.get(province.key) ?? 'NOT_GIVEN') : 'NOT_GIVEN',
    } as AddressCandidate['matchByLevel'];
    const current = index.currentUnits(entry, today);
    return {
      commune: entry.unit,
      district: district?.unit ?? null,
      province: province?.unit ?? null,
      match: worst([method, ...(districts ? [matchByLevel.district] : []), ...(provinces ? [matchByLevel.province] : [])]),
      matchByLevel,
      current: current.units.map((u) => u.unit),
      divided: current.divided,
    };
  });
  return { status: candidates.length === 1 ? 'RESOLVED' : 'AMBIGUOUS', reason: null, asOf, candidates };
}

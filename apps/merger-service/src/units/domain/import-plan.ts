/**
 * From the three published tables (see shared/data/admin-units/README.md) to time-versioned
 * units and links. Pure; reading the files is infrastructure's job.
 */
import {
  type AdministrativeUnit,
  LEGACY_VALID_FROM,
  LEGACY_VALID_TO,
  REARRANGEMENT_DATE,
  UnitLevel,
  type UnitLink,
  isUnitCode,
  parseUnitLevel,
} from './unit';

export type CsvRecord = Record<string, string>;

export interface ImportPlan {
  units: AdministrativeUnit[];
  links: UnitLink[];
  /** How many of `links` were derived (province → province) rather than read. */
  derivedLinks: number;
}

export class ImportDataError extends Error {}

function levelOf(row: CsvRecord, field: string, file: string): UnitLevel {
  const level = parseUnitLevel(row[field] ?? '');
  if (!level) throw new ImportDataError(`${file}: unknown level "${row[field]}"`);
  return level;
}

function codeOf(value: string | undefined, file: string): string {
  if (!value || !isUnitCode(value)) throw new ImportDataError(`${file}: bad code "${value}"`);
  return value;
}

export function planImport(legacy: CsvRecord[], current: CsvRecord[], rearrangement: CsvRecord[]): ImportPlan {
  const units: AdministrativeUnit[] = [];
  const epoch = (validFrom: string, validTo: string | null, file: string) => (row: CsvRecord) => {
    const level = levelOf(row, 'level', file);
    const parentCode = row.parent_code ? codeOf(row.parent_code, file) : null;
    units.push({
      code: codeOf(row.code, file),
      validFrom,
      validTo,
      level,
      type: row.type.normalize('NFC'),
      name: row.name.normalize('NFC'),
      // Legacy communes hang under a district, districts under a province; 2025 communes
      // under a province. Parents always belong to the same epoch as their children.
      parentCode,
      parentValidFrom: parentCode ? validFrom : null,
    });
  };
  legacy.forEach(epoch(LEGACY_VALID_FROM, LEGACY_VALID_TO, 'legacy-units.csv'));
  current.forEach(epoch(REARRANGEMENT_DATE, null, 'units-2025.csv'));

  const links: UnitLink[] = rearrangement.map((row) => ({
    predecessorCode: codeOf(row.old_code, 'rearrangement-2025.csv'),
    predecessorValidFrom: LEGACY_VALID_FROM,
    successorCode: codeOf(row.new_commune_code, 'rearrangement-2025.csv'),
    successorValidFrom: REARRANGEMENT_DATE,
    divided: row.divided === 'true',
  }));

  // Province links are not published; they are DERIVED here from the commune rows: every
  // distinct (old_province_code → new_province_code) pair. An old province whose communes went
  // to several new provinces is marked divided.
  const provinceTargets = new Map<string, Set<string>>();
  for (const row of rearrangement) {
    const from = codeOf(row.old_province_code, 'rearrangement-2025.csv');
    const to = codeOf(row.new_province_code, 'rearrangement-2025.csv');
    const targets = provinceTargets.get(from) ?? new Set<string>();
    targets.add(to);
    provinceTargets.set(from, targets);
  }
  let derivedLinks = 0;
  for (const [from, targets] of provinceTargets) {
    for (const to of targets) {
      links.push({
        predecessorCode: from,
        predecessorValidFrom: LEGACY_VALID_FROM,
        successorCode: to,
        successorValidFrom: REARRANGEMENT_DATE,
        divided: targets.size > 1,
      });
      derivedLinks += 1;
    }
  }
  return { units, links, derivedLinks };
}

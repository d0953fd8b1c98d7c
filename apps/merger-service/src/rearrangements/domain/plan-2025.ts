/**
 * The 2025 rearrangement (63 → 34 provinces, 10,035 → 3,321 communes, districts abolished) as plan
 * entries, from the three published tables of data/admin-units. Pure.
 */
import type { CsvRecord } from '../../units/domain/import-plan';
import { REARRANGEMENT_DATE, UnitLevel } from '../../units/domain/unit';
import type { LegalBasis, PlanEntry } from './plan';

export const PLAN_2025 = {
  effectiveDate: REARRANGEMENT_DATE,
  /** Resolution 202/2025/QH15 (provinces, 12 June 2025); the communes by the NQ-UBTVQH15 resolutions of 16 June 2025, one per province. */
  legalBasis: { resolutionNumber: '202/2025/QH15', resolutionDate: '2025-06-12' } satisfies LegalBasis,
  title: 'Sắp xếp đơn vị hành chính 2025: 34 tỉnh, 3.321 xã; kết thúc cấp huyện',
} as const;

const push = (map: Map<string, string[]>, key: string, value: string) => {
  const list = map.get(key) ?? [];
  if (!list.includes(value)) list.push(value);
  map.set(key, list);
};

export function plan2025Entries(legacy: CsvRecord[], current: CsvRecord[], rearrangement: CsvRecord[]): PlanEntry[] {
  const provinceSources = new Map<string, string[]>();
  const communeSources = new Map<string, string[]>();
  const dividedParts = new Map<string, string[]>();
  const newOf = new Map<string, string[]>();
  for (const row of rearrangement) {
    push(provinceSources, row.new_province_code, row.old_province_code);
    push(communeSources, row.new_commune_code, row.old_code);
    push(newOf, row.old_code, row.new_commune_code);
    if (row.divided === 'true') push(dividedParts, row.old_code, row.new_commune_code);
  }
  const entries: PlanEntry[] = [];
  for (const row of current) {
    if (row.level !== 'province') continue;
    entries.push({
      kind: 'MERGE',
      sources: (provinceSources.get(row.code) ?? []).sort(),
      target: { code: row.code, name: row.name, type: row.type, parentCode: null, level: UnitLevel.PROVINCE },
    });
  }
  for (const row of current) {
    if (row.level !== 'commune') continue;
    entries.push({
      kind: 'MERGE',
      sources: (communeSources.get(row.code) ?? []).sort(),
      target: { code: row.code, name: row.name, type: row.type, parentCode: row.parent_code, level: UnitLevel.COMMUNE },
    });
  }
  for (const [source, parts] of [...dividedParts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    entries.push({ kind: 'DIVIDE', source, parts: parts.sort().map((code) => ({ code })) });
  }
  // Districts: abolished; their open records go to the new communes of their communes (decided per record).
  const districtTargets = new Map<string, string[]>();
  for (const row of legacy) {
    if (row.level !== 'commune') continue;
    for (const target of newOf.get(row.code) ?? []) push(districtTargets, row.parent_code, target);
  }
  for (const row of legacy) {
    if (row.level !== 'district' || newOf.has(row.code)) continue;
    const recordsTo = (districtTargets.get(row.code) ?? []).sort();
    entries.push({ kind: 'ABOLISH', code: row.code, ...(recordsTo.length ? { recordsTo } : {}) });
  }
  return entries;
}

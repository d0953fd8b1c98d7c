/**
 * The one rule for a unit code a record names (pure: no Nest, TypeORM or database).
 *
 * A code names a unit only together with a date. On the record's date (the day of filing):
 * - the code names a unit version in force → that unit;
 * - it names no unit in force, but named one before that was rearranged (abolished) and that
 *   unit has exactly one successor in force → the record goes to the successor, and says so
 *   (Resolution 190/2025/QH15 Art. 5: the successor continues the work; nobody refiles);
 * - the abolished unit has several successors in force (it was divided) or none → refused,
 *   the successors listed, so the filer picks the right one;
 * - otherwise (never a unit, or only from a later date) → refused as unknown.
 */

/** YYYY-MM-DD. */
type Day = string;

/** A unit version as far as the rule needs it. */
export interface UnitVersionRef {
  code: string;
  name: string;
  validFrom: Day;
  validTo: Day | null;
  level?: string;
}

/** What the replica knows about a code on a date (see `UnitReplica.candidatesFor`). */
export interface UnitCandidates {
  /** The version of the code in force on the date, if any. */
  inForce: UnitVersionRef | null;
  /** Else the latest version of the code that started on or before the date (it ended before it). */
  ended: UnitVersionRef | null;
  /** The units in force on the date that `ended` became, following successor links. */
  successors: UnitVersionRef[];
}

export type UnitResolution =
  | { outcome: 'IN_FORCE'; unit: UnitVersionRef }
  | { outcome: 'ROUTED'; unit: UnitVersionRef; routedFrom: UnitVersionRef }
  | { outcome: 'UNKNOWN'; code: string; date: Day }
  | { outcome: 'ABOLISHED'; code: string; date: Day; abolished: UnitVersionRef; successors: UnitVersionRef[] };

/** The resolutions a record may be written with. */
export type AcceptedUnit = Extract<UnitResolution, { outcome: 'IN_FORCE' | 'ROUTED' }>;

export function resolveUnitOnDate(code: string, date: Day, candidates: UnitCandidates): UnitResolution {
  if (candidates.inForce) return { outcome: 'IN_FORCE', unit: candidates.inForce };
  const { ended } = candidates;
  if (!ended) return { outcome: 'UNKNOWN', code, date };
  const successors = uniqueByCode(candidates.successors);
  if (successors.length === 1) return { outcome: 'ROUTED', unit: successors[0], routedFrom: ended };
  return { outcome: 'ABOLISHED', code, date, abolished: ended, successors };
}

/** The bilingual history note of a routed unit (`field` names the input, e.g. `unitCode`). */
export function routingNote(resolution: AcceptedUnit, field: string): string | undefined {
  if (resolution.outcome !== 'ROUTED') return undefined;
  const { routedFrom: from, unit: to } = resolution;
  const until = from.validTo ? ` until ${from.validTo}` : '';
  const untilVi = from.validTo ? ` đến ${from.validTo}` : '';
  return (
    `${field} ${from.code} (${from.name}${until}) routed to its successor ${to.code} (${to.name})` +
    ` (đơn vị ${from.code} — ${from.name}${untilVi} — đã sắp xếp, chuyển đơn vị kế thừa ${to.code} — ${to.name})`
  );
}

function uniqueByCode(units: UnitVersionRef[]): UnitVersionRef[] {
  const seen = new Map<string, UnitVersionRef>();
  for (const unit of units) if (!seen.has(unit.code)) seen.set(unit.code, unit);
  return [...seen.values()].sort((a, b) => a.code.localeCompare(b.code));
}

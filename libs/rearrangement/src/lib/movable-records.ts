/**
 * How a participant describes one kind of record that moves with its unit; the shared set-based
 * SQL (`set-based-moves.ts`) does the rest. SQL fragments are the service's own constants (never
 * user input); the record's alias is `r`.
 */
export interface MovableRecords {
  /** e.g. `dossier`, `petition`, `mediation-case`: the report's record type. */
  recordType: string;
  table: string;
  /** A unique, non-personal id (text or castable to text), e.g. the dossier code. */
  idColumn: string;
  /** The column naming the unit the record belongs to (matched with the move's source). */
  unitColumn: string;
  /**
   * The SET list that re-points a record from `fromSql` to `toSql` (SQL expressions), e.g.
   * `processing_unit_code = ${to}`. Used both ways: apply (source → target) and compensation.
   */
  repoint(toSql: string, fromSql: string): string;
  /** Records that move (open work). */
  open: string;
  /** Records that keep their unit and are counted as carried over (closed work); default: none. */
  carriedOver?: string;
  /** The village code the record names, if any (SQL expression). */
  village?: string;
  /** The free-text address (SQL expression) matched against the target's village names. */
  address?: string;
  /** What a review item shows (SQL expression, no personal data). */
  label?: string;
  /** More of a moved record for the service's own rows (`RETURNING` items, e.g. `r.id AS dossier_id`): see `AlsoOnMove`. */
  movedColumns?: string;
}

/** A step's mapping row: source (and village) → target. */
export interface MappingRow {
  source: string;
  /** null: every open record of the source. */
  village: string | null;
  target: string;
}

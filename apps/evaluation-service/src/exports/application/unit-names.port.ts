/** Names of units by code (the admin-unit replica), for export rows. */
export abstract class UnitNames {
  /** The latest known name of each code (codes unknown to the replica are left out). */
  abstract namesOf(codes: readonly string[]): Promise<Map<string, string>>;
}

/** The villages and residential groups of a commune, from the admin-unit registry replica. */
export abstract class CommuneVillages {
  abstract of(communeCode: string, asOf: string): Promise<Set<string>>;
}

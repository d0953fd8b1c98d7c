import { describeSchemaChanges, schemaChanges } from './schema-changes';

const committed = /* GraphQL */ `
  enum UnitLevel { PROVINCE COMMUNE }
  type Unit { code: ID! name: String! oldName: String level: UnitLevel! }
  type Query { unit(code: ID!): Unit units(first: Int): [Unit!]! }
`;

describe('schema changes between the committed and the composed client schema', () => {
  it('lists breaking changes first, then dangerous, then safe ones', async () => {
    const composed = /* GraphQL */ `
      enum UnitLevel { PROVINCE COMMUNE VILLAGE }
      type Unit { code: ID! name: String! level: UnitLevel! validFrom: String }
      type Query { unit(code: ID!, on: String): Unit units(first: Int, level: UnitLevel!): [Unit!]! }
    `;
    const changes = await schemaChanges(committed, composed);

    // Breaking first, then dangerous (an added enum value or optional argument can surprise a client), then safe.
    expect(changes.map((c) => `${c.criticality.level} ${c.path}`)).toEqual([
      'BREAKING Unit.oldName',
      'BREAKING Query.units.level',
      'DANGEROUS UnitLevel.VILLAGE',
      'DANGEROUS Query.unit.on',
      'NON_BREAKING Unit.validFrom',
    ]);

    const report = describeSchemaChanges(changes, 'schema/supergraph.graphql', 'npm run schema:update');
    expect(report).toMatch(/^5 change\(s\) from schema\/supergraph\.graphql, 2 breaking:/);
    expect(report).toMatch(/BREAKING\s+Field 'oldName' was removed from object type 'Unit'/);
    expect(report).toContain('@deprecated');
    expect(report).toContain('run `npm run schema:update` and commit schema/supergraph.graphql');
  });

  it('finds no change when only comments and layout differ, and says so', async () => {
    const reformatted = `# a comment\n${committed.replace(/ {2}/g, '    ')}`;
    const changes = await schemaChanges(committed, reformatted);
    expect(changes).toEqual([]);
    expect(describeSchemaChanges(changes, 'schema/supergraph.graphql', 'npm run schema:update')).toMatch(/differs .* in text only/);
  });
});

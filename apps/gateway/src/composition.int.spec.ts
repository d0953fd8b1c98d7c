import { createTestDatabase } from '@xaso/testing';
import { existsSync, readFileSync } from 'node:fs';
import { composeSupergraph, CompositionError, type SubgraphSdl } from './graphql/supergraph';
import { COMMITTED_SCHEMA_PATH, committedSchemaFile, printApiSchema, UPDATE_COMMAND } from './schema-check/api-schema';
import { describeSchemaChanges, schemaChanges } from './schema-check/schema-changes';
import { collectServiceSubgraphs, discoverServices } from './schema-check/service-subgraphs';

/**
 * The supergraph check: boots every real service (apps/*-service/src/bootstrap.ts, loaded by
 * path — the gateway never imports service code) against a throw-away database, asks it for its
 * SDL and composes them all with @apollo/composition. Fails as soon as the subgraphs stop composing,
 * and when the client schema they compose is not the committed schema/supergraph.graphql.
 */
const services = discoverServices();

describe('supergraph composition of the real services', () => {
  let subgraphs: SubgraphSdl[];
  const notBooting: string[] = [];

  beforeAll(async () => {
    process.env.LOG_LEVEL ??= 'warn';
    subgraphs = await collectServiceSubgraphs(
      (service) => createTestDatabase(`compose_${service.name}`),
      (service, error) => {
        // A service that does not boot is its own tests' failure; merger must (asserted below).
        notBooting.push(service.name);
        console.warn(`composition check: ${service.name}-service did not boot, left out: ${error.message}`);
      },
    );
  }, 180_000);

  it('gets the SDL of every service that boots (merger-service at least)', () => {
    expect(services.map((s) => s.name)).toContain('merger');
    expect(subgraphs.map((s) => s.name)).toContain('merger');
    expect(subgraphs.every((s) => s.sdl.includes('@link'))).toBe(true);
  });

  it('composes every subgraph into one supergraph without errors', () => {
    let supergraph = '';
    try {
      supergraph = composeSupergraph(subgraphs);
    } catch (error) {
      if (error instanceof CompositionError) throw new Error(`Subgraphs ${subgraphs.map((s) => s.name).join(', ')} do not compose:\n${error.errors.join('\n')}`);
      throw error;
    }
    expect(supergraph).toContain('administrativeUnit(');
    expect(supergraph).toMatch(/type AdministrativeUnit[^{]*@join__type\(graph: MERGER, key: "code validFrom"|type AdministrativeUnit[^{]*@join__type\(graph: MERGER/);
  });

  it('fails when a subgraph conflicts (a non-shareable root field owned by merger defined again)', () => {
    const intruder: SubgraphSdl = {
      name: 'intruder',
      url: 'http://127.0.0.1:1/graphql',
      sdl: `
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
        type Query { administrativeUnit(code: String!): String }
      `,
    };
    expect(() => composeSupergraph([...subgraphs, intruder])).toThrow(CompositionError);
    try {
      composeSupergraph([...subgraphs, intruder]);
    } catch (error) {
      expect((error as CompositionError).errors.join('\n')).toMatch(/administrativeUnit/);
    }
  });

  it(`composes exactly the committed client schema (${COMMITTED_SCHEMA_PATH}), else lists the changes, breaking first`, async () => {
    if (notBooting.length) throw new Error(`cannot compare the client schema: ${notBooting.join(', ')} did not boot (see the warnings above)`);
    const composed = printApiSchema(subgraphs);
    const file = committedSchemaFile();
    if (!existsSync(file)) throw new Error(`${COMMITTED_SCHEMA_PATH} is missing: run \`${UPDATE_COMMAND}\` and commit it`);
    const committed = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
    if (committed !== composed) {
      throw new Error(describeSchemaChanges(await schemaChanges(committed, composed), COMMITTED_SCHEMA_PATH, UPDATE_COMMAND));
    }
    expect(composed).toContain('administrativeUnit(');
  });
});

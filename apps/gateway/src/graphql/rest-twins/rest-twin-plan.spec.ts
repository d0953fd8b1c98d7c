import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { committedSchemaFile } from '../../schema-check/api-schema';
import { NOT_ANSWERED, projectRestBody } from './rest-twin-projection';
import { planRestTwin } from './rest-twin-plan';
import { REST_TWINS } from './rest-twins';

const LIMITS = { maxDepth: 12, maxCost: 5000, defaultListSize: 20 };

describe('REST twins: which queries the gateway answers from a REST resource, and how', () => {
  let schema: GraphQLSchema;
  beforeAll(() => {
    schema = buildSchema(readFileSync(committedSchemaFile(), 'utf8'));
  });
  const plan = (query: string, operationName?: string) => planRestTwin(schema, REST_TWINS, query, operationName, LIMITS);

  const body = {
    code: '12345-260302-0001',
    legacyCode: null,
    procedureCode: 'HT.010',
    procedureName: 'Đăng ký lại khai sinh',
    status: 'RECEIVED',
    receivedAt: '2026-03-02T02:00:00.000Z',
    dueAt: '2026-03-09T10:00:00.000Z',
    completedAt: null,
    overdue: false,
    apologyNewDueAt: null,
    history: [{ status: 'RECEIVED', action: 'RECEIVE', at: '2026-03-02T02:00:00.000Z' }],
  };

  it('plans a single trackDossier query with variables, aliases and __typename', () => {
    const found = plan('query T($c: ID!) { t: trackDossier(code: $c, idNumberLast4: "1234") { __typename code s: status history { at } } }', 'T');
    expect(found?.twin.field).toBe('trackDossier');
    expect(projectRestBody(found!.root, body)).toEqual({ __typename: 'DossierTracking', code: body.code, s: 'RECEIVED', history: [{ at: body.history[0].at }] });
  });

  it.each([
    ['a mutation', 'mutation { submitDossier(input: {}) { code } }'],
    ['another field', '{ procedures { code } }'],
    ['two root fields', '{ a: trackDossier(code: "x", idNumberLast4: "1234") { code } b: trackDossier(code: "y", idNumberLast4: "1234") { code } }'],
    ['a fragment', '{ trackDossier(code: "x", idNumberLast4: "1234") { ...F } } fragment F on DossierTracking { code }'],
    ['an inline fragment', '{ trackDossier(code: "x", idNumberLast4: "1234") { ... on DossierTracking { code } } }'],
    ['a directive', '{ trackDossier(code: "x", idNumberLast4: "1234") { code @include(if: false) } }'],
    ['an operation directive', 'query @deprecated { trackDossier(code: "x", idNumberLast4: "1234") { code } }'],
    ['an invalid field', '{ trackDossier(code: "x", idNumberLast4: "1234") { applicant } }'],
    ['a missing argument', '{ trackDossier(code: "x") { code } }'],
    ['a syntax error', '{ trackDossier(code: "x", idNumberLast4: "1234") { code '],
    ['a duplicate response key', '{ trackDossier(code: "x", idNumberLast4: "1234") { code code } }'],
    ['a __proto__ alias', '{ trackDossier(code: "x", idNumberLast4: "1234") { __proto__: code } }'],
    ['introspection', '{ trackDossier(code: "x", idNumberLast4: "1234") { code } __schema { queryType { name } } }'],
  ])('leaves %s to Apollo', (_name, query) => {
    expect(plan(query)).toBeUndefined();
  });

  it('leaves a query to Apollo when the operation name does not match', () => {
    expect(plan('query T { trackDossier(code: "x", idNumberLast4: "1234") { code } }', 'U')).toBeUndefined();
    expect(plan('query T { trackDossier(code: "x", idNumberLast4: "1234") { code } }', 'T')).toBeDefined();
  });

  it('leaves a query beyond the depth limit to Apollo', () => {
    const query = '{ trackDossier(code: "x", idNumberLast4: "1234") { history { at } } }';
    expect(planRestTwin(schema, REST_TWINS, query, undefined, { ...LIMITS, maxDepth: 1 })).toBeUndefined();
    expect(planRestTwin(schema, REST_TWINS, query, undefined, { ...LIMITS, maxCost: 2 })).toBeUndefined();
  });

  it.each([
    ['a missing field', { ...body, status: undefined }],
    ['null in a non-null field', { ...body, code: null }],
    ['a number for a string', { ...body, code: 12 }],
    ['an unknown enum value', { ...body, status: 'LOST' }],
    ['a number for a date-time', { ...body, receivedAt: 1772416800000 }],
    ['a non-list history', { ...body, history: {} }],
    ['a non-object', 'text'],
  ])('does not answer from a body with %s', (_name, rest) => {
    const found = plan('{ trackDossier(code: "x", idNumberLast4: "1234") { code status receivedAt history { status action at } } }');
    expect(projectRestBody(found!.root, rest)).toBe(NOT_ANSWERED);
  });

  it('answers null where the schema allows it, and the root null of no dossier', () => {
    const found = plan('{ trackDossier(code: "x", idNumberLast4: "1234") { legacyCode completedAt } }');
    expect(projectRestBody(found!.root, body)).toEqual({ legacyCode: null, completedAt: null });
    expect(projectRestBody(found!.root, null)).toBeNull();
  });

  it('builds the REST path only for arguments taken as they are', () => {
    const [track] = REST_TWINS;
    expect(track.path({ code: '12345-260302-0001', idNumberLast4: '1234' })).toBe('/api/v1/dossiers/12345-260302-0001/tracking?idNumberLast4=1234');
    expect(track.path({ code: 'HS.2024.001', idNumberLast4: '1234' })).toBe('/api/v1/dossiers/HS.2024.001/tracking?idNumberLast4=1234');
    for (const code of ['..', '.', 'a/b', 'a?b', 'a b', 'a%2F', 'X'.repeat(61), '']) expect(track.path({ code, idNumberLast4: '1234' })).toBeUndefined();
    for (const last4 of ['123', '12a4', '12345', 1234]) expect(track.path({ code: 'A', idNumberLast4: last4 })).toBeUndefined();
  });
});

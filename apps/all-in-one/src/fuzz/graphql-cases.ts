import {
  getNamedType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { type FuzzFixtures, type Hostile, hostileFor, validByName, validScalar } from './values';

export interface GraphQLCase {
  surface: 'graphql';
  /** `query.petitions` */
  operation: string;
  /** `input.petitioner.fullName`, or `(valid)` for the baseline call */
  path: string;
  hostile: string;
  body: { query: string; variables: Record<string, unknown> };
}

type Path = (string | number)[];
const MAX_DEPTH = 3;

function leafKind(type: GraphQLInputType): string {
  const named = getNamedType(type);
  return isEnumType(named) ? 'enum' : named.name;
}

function validValue(type: GraphQLInputType, name: string, operation: string, fixtures: FuzzFixtures, depth = 0): unknown {
  if (isNonNullType(type)) return validValue(type.ofType, name, operation, fixtures, depth);
  if (isListType(type)) return [validValue(type.ofType, name, operation, fixtures, depth)];
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      const known = validByName(field.name, operation, fixtures);
      if (isNonNullType(field.type) || known !== undefined || isInputObjectType(getNamedType(field.type))) {
        if (depth < MAX_DEPTH) out[field.name] = validValue(field.type, field.name, operation, fixtures, depth + 1);
      }
    }
    return out;
  }
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isScalarType(type)) return validByName(name, operation, fixtures) ?? validScalar(type.name);
  return null;
}

/** Every leaf under an argument: its path and type (lists: their first item). */
function leaves(type: GraphQLInputType, path: Path, depth = 0): { path: Path; type: GraphQLInputType }[] {
  if (isNonNullType(type)) return leaves(type.ofType, path, depth);
  if (isListType(type)) return leaves(type.ofType, [...path, 0], depth);
  if (isInputObjectType(type)) {
    if (depth >= MAX_DEPTH) return [];
    return Object.values(type.getFields()).flatMap((field) => leaves(field.type, [...path, field.name], depth + 1));
  }
  return [{ path, type }];
}

function setAt(target: Record<string, unknown>, path: Path, value: unknown): void {
  let node: Record<string | number, unknown> = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    if (node[key] === undefined || node[key] === null) node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]] = value;
}

function document(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, used: string[], literal?: { arg: string; value: unknown }): string {
  const args = field.args.filter((a) => used.includes(a.name));
  const variables = args.filter((a) => a.name !== literal?.arg).map((a) => `$${a.name}: ${a.type.toString()}`);
  const passed = args.map((a) => `${a.name}: ${a.name === literal?.arg ? JSON.stringify(literal.value) : `$${a.name}`}`);
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${kind} Fuzz${variables.length ? `(${variables.join(', ')})` : ''} { ${field.name}${passed.length ? `(${passed.join(', ')})` : ''}${selection} }`;
}

/**
 * For every query and mutation of the supergraph: one valid call, and one call per argument leaf
 * (nested input fields included) and hostile value of its type, every other argument valid.
 * Top-level text and date arguments are also tried as literals in the operation text.
 */
export function graphqlCases(schema: GraphQLSchema, fixtures: FuzzFixtures): GraphQLCase[] {
  const cases: GraphQLCase[] = [];
  for (const kind of ['query', 'mutation'] as const) {
    const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      if (field.name.startsWith('_')) continue;
      const operation = `${kind}.${field.name}`;
      const valid: Record<string, unknown> = {};
      for (const arg of field.args) {
        if (isNonNullType(arg.type) || validByName(arg.name, field.name, fixtures) !== undefined) {
          valid[arg.name] = validValue(arg.type, arg.name, field.name, fixtures);
        }
      }
      cases.push({ surface: 'graphql', operation, path: '(valid)', hostile: 'none', body: { query: document(kind, field, Object.keys(valid)), variables: valid } });
      if (kind === 'query') cases.push(...nestedFieldCases(field, valid, fixtures));
      for (const arg of field.args) {
        for (const leaf of leaves(arg.type, [arg.name])) {
          const kindOfLeaf = leafKind(leaf.type);
          for (const hostile of hostileFor(kindOfLeaf) as Hostile[]) {
            const variables = structuredClone(valid);
            if (leaf.path.length === 1) variables[arg.name] = hostile.value;
            else {
              variables[arg.name] ??= validValue(arg.type, arg.name, field.name, fixtures);
              setAt(variables, leaf.path, hostile.value);
            }
            const path = leaf.path.join('.');
            const used = Object.keys(variables);
            cases.push({ surface: 'graphql', operation, path, hostile: hostile.label, body: { query: document(kind, field, used), variables } });
            const literalKinds = ['String', 'ID', 'Date', 'DateTime', 'UnitCode'];
            if (leaf.path.length === 1 && literalKinds.includes(kindOfLeaf) && typeof hostile.value === 'string' && hostile.value.length < 1000) {
              const { [arg.name]: _omitted, ...rest } = variables;
              cases.push({
                surface: 'graphql',
                operation,
                path: `${path} (literal)`,
                hostile: hostile.label,
                body: { query: document(kind, field, used, { arg: arg.name, value: hostile.value }), variables: rest },
              });
            }
          }
        }
      }
    }
  }
  return cases;
}

/**
 * Arguments of the fields one level below a query (`administrativeUnit { children(first:)
 * dossierStatistics(from:, to:) petitionStatistics(...) }`): the entity fields other subgraphs add
 * are reached through the gateway's `_entities` calls, with their arguments as variables.
 */
function nestedFieldCases(root: GraphQLField<unknown, unknown>, rootArgs: Record<string, unknown>, fixtures: FuzzFixtures): GraphQLCase[] {
  const parent = getNamedType(root.type);
  if (!isObjectType(parent)) return [];
  const cases: GraphQLCase[] = [];
  const rootDefinitions = root.args.filter((a) => a.name in rootArgs);
  for (const field of Object.values(parent.getFields())) {
    if (!field.args.length) continue;
    const operation = `query.${root.name}.${field.name}`;
    const valid: Record<string, unknown> = {};
    for (const arg of field.args) {
      if (isNonNullType(arg.type) || validByName(arg.name, field.name, fixtures) !== undefined) valid[arg.name] = validValue(arg.type, arg.name, field.name, fixtures);
    }
    const build = (nested: Record<string, unknown>) => {
      const definitions = [
        ...rootDefinitions.map((a) => `$${a.name}: ${a.type.toString()}`),
        ...field.args.filter((a) => a.name in nested).map((a) => `$n_${a.name}: ${a.type.toString()}`),
      ];
      const rootPassed = rootDefinitions.map((a) => `${a.name}: $${a.name}`).join(', ');
      const nestedPassed = field.args.filter((a) => a.name in nested).map((a) => `${a.name}: $n_${a.name}`).join(', ');
      const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
      const query = `query Fuzz${definitions.length ? `(${definitions.join(', ')})` : ''} { ${root.name}${rootPassed ? `(${rootPassed})` : ''} { ${field.name}${nestedPassed ? `(${nestedPassed})` : ''}${selection} } }`;
      return { query, variables: { ...rootArgs, ...Object.fromEntries(Object.entries(nested).map(([k, v]) => [`n_${k}`, v])) } };
    };
    cases.push({ surface: 'graphql', operation, path: '(valid)', hostile: 'none', body: build(valid) });
    for (const arg of field.args) {
      for (const leaf of leaves(arg.type, [arg.name])) {
        if (leaf.path.length !== 1) continue;
        for (const hostile of hostileFor(leafKind(leaf.type))) {
          cases.push({ surface: 'graphql', operation, path: arg.name, hostile: hostile.label, body: build({ ...valid, [arg.name]: hostile.value }) });
        }
      }
    }
  }
  return cases;
}

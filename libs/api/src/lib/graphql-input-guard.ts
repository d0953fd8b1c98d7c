import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  getNamedType,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLScalarType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type OperationDefinitionNode,
  typeFromAST,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { Base64Scalar } from './base64.scalar';
import { DateScalar, DateTimeScalar } from './date.scalar';
import { findUnsafeString, MAX_STRING_LENGTH, type UnsafeInput, unsafeInputError } from './input-guard';
import { UnitCodeScalar } from './unit-code';

/** The validated scalars every subgraph and the gateway share (the gateway has no code-first types). */
export const SHARED_SCALARS: Record<string, GraphQLScalarType> = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  UnitCode: UnitCodeScalar,
  Base64: Base64Scalar,
};

/** Scalars whose own parsing bounds the value; every other scalar's strings are checked here. */
const SELF_CHECKED = new Set(['Int', 'Float', 'Boolean', ...Object.keys(SHARED_SCALARS)]);

function isChecked(type: GraphQLNamedType | undefined): boolean {
  if (!type) return true; // inside a JSON literal: no type, still text
  if (isEnumType(type)) return false;
  return isScalarType(type) && !SELF_CHECKED.has(type.name);
}

function unsafeVariable(type: GraphQLInputType, value: unknown, field: string): UnsafeInput | undefined {
  if (value === null || value === undefined) return undefined;
  if (isNonNullType(type)) return unsafeVariable(type.ofType, value, field);
  if (isListType(type)) {
    const items = Array.isArray(value) ? value : [value];
    for (let i = 0; i < items.length; i++) {
      const found = unsafeVariable(type.ofType, items[i], Array.isArray(value) ? `${field}[${i}]` : field);
      if (found) return found;
    }
    return undefined;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object') return undefined; // coercion refuses it with its own error
    const fields = type.getFields();
    for (const name in fields) {
      const item = (value as Record<string, unknown>)[name];
      if (item === undefined || item === null) continue;
      const found = unsafeVariable(fields[name].type, item, `${field}.${name}`);
      if (found) return found;
    }
    return undefined;
  }
  return isChecked(type) ? findUnsafeString(value, field, MAX_STRING_LENGTH) : undefined;
}

/**
 * The literals of a document depend on the document and the schema only, and Apollo Server
 * hands the same parsed DocumentNode to every request of the same query text (its document
 * store): the walk is done once per document and schema, not per request.
 */
const literalChecks = new WeakMap<DocumentNode, { schema: GraphQLSchema; found: UnsafeInput | undefined }>();

function unsafeLiteral(schema: GraphQLSchema, document: DocumentNode): UnsafeInput | undefined {
  const known = literalChecks.get(document);
  if (known && known.schema === schema) return known.found;
  let found: UnsafeInput | undefined;
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
      ObjectField: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
      StringValue(node) {
        if (found) return;
        const inputType = typeInfo.getInputType();
        if (isChecked(inputType ? getNamedType(inputType) : undefined)) found = findUnsafeString(node.value, path.join('.') || 'value');
      },
    }),
  );
  literalChecks.set(document, { schema, found });
  return found;
}

/**
 * The first string argument, input field or variable of the operation (typed String, ID, JSON or
 * any scalar that does not bound itself) that holds a control character or exceeds
 * {@link MAX_STRING_LENGTH}.
 */
export function findUnsafeGraphQLInput(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): UnsafeInput | undefined {
  const found = unsafeLiteral(schema, document);
  if (found) return found;
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type) continue;
    const unsafe = unsafeVariable(type, variables[definition.variable.name.value], `$${definition.variable.name.value}`);
    if (unsafe) return unsafe;
  }
  return undefined;
}

/**
 * Apollo plugin (every subgraph and the gateway): refuses an operation whose text arguments hold
 * NUL or another control character, or are longer than the global limit, with a bilingual
 * BAD_USER_INPUT and HTTP 400, before any resolver (or PostgreSQL) sees them.
 */
export function inputGuardPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const unsafe = findUnsafeGraphQLInput(schema, document, operation, request.variables ?? {});
          if (!unsafe) return;
          const error = unsafeInputError(unsafe);
          throw new GraphQLError(error.messageEn, { originalError: error, extensions: { code: error.code, http: { status: 400 } } });
        },
      };
    },
  };
}

/**
 * Apollo plugin for the gateway: its supergraph schema is built from SDL, so its custom scalars
 * would take anything; give them the shared implementations, so an impossible date is refused at
 * the door with the same bilingual error as in the subgraphs. (Parsing only: results are the
 * subgraphs' already serialised values.)
 */
export function sharedScalarsPlugin(scalars: Record<string, GraphQLScalarType> = SHARED_SCALARS): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ apiSchema }) {
          for (const [name, implementation] of Object.entries(scalars)) {
            const type = apiSchema.getType(name);
            if (!type || !isScalarType(type)) continue;
            type.parseValue = implementation.parseValue;
            type.parseLiteral = implementation.parseLiteral;
          }
        },
      };
    },
  };
}

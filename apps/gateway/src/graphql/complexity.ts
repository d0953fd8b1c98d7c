import type { ApolloServerPlugin } from '@apollo/server';
import depthLimit from 'graphql-depth-limit';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  validate,
} from 'graphql';

export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

export interface ComplexityLimits {
  maxDepth: number;
  maxCost: number;
  /** Multiplier for a list field, or a paginated field without `first`. */
  defaultListSize: number;
}

function tooComplex(messageEn: string, messageVi: string, details: Record<string, unknown>): GraphQLError {
  return new GraphQLError(messageEn, {
    extensions: { code: QUERY_TOO_COMPLEX, messageEn, messageVi, details, http: { status: 400 } },
  });
}

function intValue(node: ValueNode | undefined, variables: Record<string, unknown>): number | undefined {
  if (!node) return undefined;
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const value = variables[node.name.value];
    return typeof value === 'number' ? value : undefined;
  }
  return undefined;
}

/**
 * Static cost of an operation: every field costs 1; the selection under a list field is
 * multiplied by the list's size: its `first`/`last` argument when it has one, else
 * `defaultListSize`. A list directly under a paginated field (a connection's `edges`) is not
 * multiplied again. Introspection fields cost nothing.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
  defaultListSize = 20,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();

  const fieldOf = (type: GraphQLNamedType | null | undefined, name: string): GraphQLField<unknown, unknown> | undefined =>
    type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[name] : undefined;

  const costOf = (selectionSet: SelectionSetNode, parentType: GraphQLNamedType | null | undefined, paginated: boolean, seen: Set<string>): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        const field = fieldOf(parentType, name);
        let childCost = 0;
        let multiplier = 1;
        let childPaginated = false;
        if (selection.selectionSet) {
          const pageArg = selection.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
          const hasPageArg = !!field?.args.some((a) => a.name === 'first' || a.name === 'last');
          const isList = field ? isListType(getNullableType(field.type)) : false;
          if (hasPageArg || pageArg) {
            const fromArgs = intValue(pageArg?.value, variables);
            const declaredDefault = field?.args.find((a) => a.name === 'first')?.defaultValue;
            multiplier = fromArgs ?? (typeof declaredDefault === 'number' ? declaredDefault : defaultListSize);
            childPaginated = true;
          } else if (isList && !paginated) {
            multiplier = defaultListSize;
          }
          childCost = costOf(selection.selectionSet, field ? getNamedType(field.type) : undefined, childPaginated, seen);
        }
        total += 1 + Math.max(multiplier, 0) * childCost;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        total += costOf(selection.selectionSet, type, paginated, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue; // cycles are a validation error anyway
        const type = schema.getType(fragment.typeCondition.name.value);
        total += costOf(fragment.selectionSet, type, paginated, new Set([...seen, name]));
      }
    }
    return total;
  };
  return costOf(operation.selectionSet, root, false, new Set());
}

/**
 * Apollo plugin that rejects over-deep (graphql-depth-limit) and over-costly operations before
 * any subgraph is called, with `extensions.code = QUERY_TOO_COMPLEX` and HTTP 400.
 * (A validation rule cannot carry its own code: Apollo rewrites it to GRAPHQL_VALIDATION_FAILED.)
 */
export function complexityLimitPlugin(limits: ComplexityLimits): ApolloServerPlugin {
  const depthRule = depthLimit(limits.maxDepth);
  // A document's depth does not depend on its variables, and Apollo hands the same DocumentNode to
  // every request of the same text (its parsed-document store): the walk is done once per document.
  const tooDeep = new WeakMap<DocumentNode, boolean>();
  const isTooDeep = (schema: GraphQLSchema, document: DocumentNode): boolean => {
    let known = tooDeep.get(document);
    if (known === undefined) {
      known = validate(schema, document, [depthRule]).length > 0;
      tooDeep.set(document, known);
    }
    return known;
  };
  // The cost of an operation that reads no variable (no `first: $n`) is the same on every request:
  // computed once per operation node and schema.
  const staticCosts = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, number>>();
  const costOfRequest = (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number => {
    let known = staticCosts.get(schema);
    if (!known) staticCosts.set(schema, (known = new WeakMap()));
    const cached = known.get(operation);
    if (cached !== undefined) return cached;
    let readsVariables = false;
    const watched = new Proxy(variables, {
      get: (target, name) => {
        readsVariables = true;
        return Reflect.get(target, name);
      },
    });
    const cost = operationCost(schema, document, operation, watched, limits.defaultListSize);
    if (!readsVariables) known.set(operation, cost);
    return cost;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          if (isTooDeep(schema, document)) {
            throw tooComplex(
              `The operation is nested too deeply (maximum depth ${limits.maxDepth})`,
              `Truy vấn lồng quá sâu (độ sâu tối đa ${limits.maxDepth})`,
              { maxDepth: limits.maxDepth },
            );
          }
          const cost = costOfRequest(schema, document, operation, request.variables ?? {});
          if (cost > limits.maxCost) {
            throw tooComplex(
              `The operation is too costly (cost ${cost}, maximum ${limits.maxCost}); request fewer items or fields`,
              `Truy vấn quá tốn kém (chi phí ${cost}, tối đa ${limits.maxCost}); hãy yêu cầu ít bản ghi hoặc trường hơn`,
              { cost, maxCost: limits.maxCost },
            );
          }
        },
      };
    },
  };
}

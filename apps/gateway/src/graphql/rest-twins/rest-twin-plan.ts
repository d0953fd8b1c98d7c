import depthLimit from 'graphql-depth-limit';
import {
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isLeafType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  specifiedRules,
  validate,
} from 'graphql';
import { type ComplexityLimits, operationCost } from '../complexity';
import type { RestTwin } from './rest-twins';

/** Leaf types whose JSON form is the same in a REST body and a GraphQL answer. */
const PLAIN_SCALARS = new Set(['String', 'ID', 'Boolean', 'Int', 'Float', 'DateTime', 'Date']);

/** One selected field: where its value goes in the answer, where it comes from in the REST body. */
export interface SelectedField {
  responseKey: string;
  /** The REST body's property (the GraphQL field's name); `__typename` is answered from `typeName`. */
  name: string;
  type: GraphQLOutputType;
  /** The object type `__typename` names. */
  typeName?: string;
  selections?: SelectedField[];
}

export interface RestTwinPlan {
  twin: RestTwin;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  field: GraphQLField<unknown, unknown>;
  fieldNode: FieldNode;
  root: SelectedField;
}

const hasDirectives = (node: { directives?: readonly unknown[] }) => (node.directives?.length ?? 0) > 0;

/**
 * The fields of a selection set, or undefined when it holds anything a projection of plain JSON
 * cannot answer exactly as Apollo would: fragments, directives (@include, @skip, @defer),
 * arguments below the root, abstract types, leaf types of their own, one response key twice.
 */
function selectedFields(parent: GraphQLObjectType, set: SelectionSetNode): SelectedField[] | undefined {
  const fields: SelectedField[] = [];
  const keys = new Set<string>();
  for (const selection of set.selections) {
    if (selection.kind !== Kind.FIELD || hasDirectives(selection) || (selection.arguments?.length ?? 0) > 0) return undefined;
    const responseKey = selection.alias?.value ?? selection.name.value;
    if (keys.has(responseKey) || (selection.alias && responseKey.startsWith('__'))) return undefined;
    keys.add(responseKey);
    if (selection.name.value === '__typename') {
      fields.push({ responseKey, name: '__typename', type: parent, typeName: parent.name });
      continue;
    }
    const definition = parent.getFields()[selection.name.value];
    if (!definition) return undefined;
    const selected = selectedField(responseKey, definition.name, definition.type, selection);
    if (!selected) return undefined;
    fields.push(selected);
  }
  return fields;
}

function selectedField(responseKey: string, name: string, type: GraphQLOutputType, node: FieldNode): SelectedField | undefined {
  const named = getNamedType(type);
  if (isLeafType(named)) {
    if (node.selectionSet || (!isEnumType(named) && !PLAIN_SCALARS.has(named.name))) return undefined;
    return { responseKey, name, type };
  }
  if (!isObjectType(named) || !node.selectionSet) return undefined;
  const selections = selectedFields(named, node.selectionSet);
  return selections ? { responseKey, name, type, selections } : undefined;
}

/**
 * Whether a request's query can be answered by one of the twins, decided from its text alone (so
 * once per text): a single anonymous-or-named `query` of exactly one twin field, valid against the
 * API schema, within the gateway's depth and cost limits. Anything else is Apollo's.
 */
export function planRestTwin(
  schema: GraphQLSchema,
  twins: readonly RestTwin[],
  query: string,
  operationName: string | undefined,
  limits: ComplexityLimits,
): RestTwinPlan | undefined {
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true });
  } catch {
    return undefined;
  }
  if (document.definitions.length !== 1) return undefined;
  const operation = document.definitions[0];
  if (operation.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'query' || hasDirectives(operation)) return undefined;
  if (operationName !== undefined && operation.name?.value !== operationName) return undefined;
  if ((operation.variableDefinitions ?? []).some(hasDirectives)) return undefined;
  const [fieldNode, ...others] = operation.selectionSet.selections;
  if (!fieldNode || others.length || fieldNode.kind !== Kind.FIELD || hasDirectives(fieldNode)) return undefined;
  const twin = twins.find((candidate) => candidate.field === fieldNode.name.value);
  const queryType = schema.getQueryType();
  const field = queryType?.getFields()[fieldNode.name.value];
  if (!twin || !queryType || !field || fieldNode.alias?.value.startsWith('__')) return undefined;
  if (validate(schema, document, [...specifiedRules, depthLimit(limits.maxDepth)]).length) return undefined;
  if (operationCost(schema, document, operation, {}, limits.defaultListSize) > limits.maxCost) return undefined;
  const root = selectedField(fieldNode.alias?.value ?? fieldNode.name.value, field.name, field.type, fieldNode);
  if (!root) return undefined;
  return { twin, document, operation, field, fieldNode, root };
}

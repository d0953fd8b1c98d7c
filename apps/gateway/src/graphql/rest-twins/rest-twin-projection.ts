import { getNamedType, type GraphQLOutputType, isEnumType, isListType, isNonNullType } from 'graphql';
import { isLocalDate } from '@xaso/api';
import type { SelectedField } from './rest-twin-plan';

/** The REST body does not answer the selection as the subgraph would: Apollo must. */
export const NOT_ANSWERED: unique symbol = Symbol('not answered');

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

function leaf(type: GraphQLOutputType, value: unknown): unknown {
  const named = getNamedType(type);
  if (isEnumType(named)) return typeof value === 'string' && named.getValue(value) ? value : NOT_ANSWERED;
  switch (named.name) {
    case 'String':
    case 'ID':
      return typeof value === 'string' ? value : NOT_ANSWERED;
    case 'Boolean':
      return typeof value === 'boolean' ? value : NOT_ANSWERED;
    case 'Int':
      return Number.isInteger(value) && (value as number) >= INT_MIN && (value as number) <= INT_MAX ? value : NOT_ANSWERED;
    case 'Float':
      return typeof value === 'number' && Number.isFinite(value) ? value : NOT_ANSWERED;
    case 'DateTime':
      // Both sides write an instant as the same JSON string (Date#toJSON is toISOString, the
      // DateTime scalar's serialisation); Apollo passes a subgraph's strings on without re-checking them.
      return typeof value === 'string' ? value : NOT_ANSWERED;
    case 'Date':
      // The Date scalar writes a day as YYYY-MM-DD, JSON a Date object as a full instant: only the former matches.
      return isLocalDate(value) ? value : NOT_ANSWERED;
    default:
      return NOT_ANSWERED;
  }
}

function objectOf(selections: SelectedField[], value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return NOT_ANSWERED;
  const source = value as Record<string, unknown>;
  const answer: Record<string, unknown> = {};
  for (const field of selections) {
    if (field.typeName !== undefined) {
      answer[field.responseKey] = field.typeName;
      continue;
    }
    if (!Object.hasOwn(source, field.name)) return NOT_ANSWERED;
    const projected = valueOf(field, field.type, source[field.name]);
    if (projected === NOT_ANSWERED) return NOT_ANSWERED;
    answer[field.responseKey] = projected;
  }
  return answer;
}

/**
 * The value GraphQL would answer for `field` of type `type`, or NOT_ANSWERED when the JSON does
 * not fit the type exactly (a null where the schema says non-null, a missing property, a number
 * where a string is due, an unknown enum value): never a guess, Apollo then answers it.
 */
function valueOf(field: SelectedField, type: GraphQLOutputType, value: unknown): unknown {
  if (isNonNullType(type)) return value === null || value === undefined ? NOT_ANSWERED : valueOf(field, type.ofType, value);
  if (value === null) return null;
  if (value === undefined) return NOT_ANSWERED;
  if (isListType(type)) {
    if (!Array.isArray(value)) return NOT_ANSWERED;
    const items: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = valueOf(field, type.ofType, value[i]);
      if (item === NOT_ANSWERED) return NOT_ANSWERED;
      items[i] = item;
    }
    return items;
  }
  return field.selections ? objectOf(field.selections, value) : leaf(type, value);
}

/** The root field's answer projected from the REST body, or NOT_ANSWERED. */
export function projectRestBody(root: SelectedField, body: unknown): unknown {
  return valueOf(root, root.type, body);
}

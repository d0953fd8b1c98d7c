import { Logger } from '@nestjs/common';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { type DomainError, isDomainError } from '@xaso/errors';
import { toErrorView } from './error-mapping';

const logger = new Logger('GraphQLErrors');

/** Codes Apollo itself assigns (parse/validation errors, bad variables) pass through, translated. */
const apolloCodes: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: 'Truy vấn GraphQL sai cú pháp',
  GRAPHQL_VALIDATION_FAILED: 'Truy vấn GraphQL không hợp lệ với lược đồ',
  BAD_USER_INPUT: 'Dữ liệu đầu vào không hợp lệ',
  PERSISTED_QUERY_NOT_FOUND: 'Không tìm thấy truy vấn đã lưu',
  OPERATION_RESOLUTION_FAILURE: 'Không xác định được thao tác cần thực hiện',
  BAD_REQUEST: 'Yêu cầu không hợp lệ',
  QUERY_TOO_COMPLEX: 'Truy vấn quá phức tạp',
};

/**
 * The DomainError behind a GraphQL error, if any: a resolver's is its `originalError`; what a
 * scalar's parse function throws is wrapped once or twice (coercion, then the variable).
 */
function domainErrorBehind(error: unknown): DomainError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (isDomainError(current)) return current;
    current = current instanceof GraphQLError ? current.originalError : undefined;
  }
  return undefined;
}

/**
 * Apollo `formatError`: every error carries `extensions.code`, `messageEn` and `messageVi`;
 * internal failures are logged with their stack and shown without internals.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const domainError = domainErrorBehind(error);
  const original = domainError ?? (error instanceof GraphQLError && error.originalError ? error.originalError : error);
  const existingCode = formatted.extensions?.code as string | undefined;
  if (existingCode && existingCode in apolloCodes && domainError) {
    // e.g. a literal "2024-02-30" fails validation: Apollo's code, the scalar's bilingual reason.
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: existingCode,
        messageEn: domainError.messageEn,
        messageVi: domainError.messageVi,
        ...(domainError.details ? { details: domainError.details } : {}),
      },
    };
  }
  const isGraphQLOnly = !(error instanceof GraphQLError) || !error.originalError || original instanceof GraphQLError;
  if (existingCode && existingCode in apolloCodes && isGraphQLOnly) {
    return {
      ...formatted,
      extensions: { ...formatted.extensions, code: existingCode, messageEn: formatted.message, messageVi: apolloCodes[existingCode] },
    };
  }
  // Errors that came back from a subgraph through the gateway are already formatted.
  if (existingCode && formatted.extensions?.messageVi) return formatted;
  const view = toErrorView(original);
  if (view.retryAfterSeconds !== undefined) logger.warn(`${view.code}: ${original instanceof Error ? original.message : String(original)}`);
  else if (view.status >= 500) logger.error(original instanceof Error ? original.stack ?? original.message : String(original));
  return {
    message: view.messageEn,
    locations: formatted.locations,
    path: formatted.path,
    extensions: {
      code: view.code,
      messageEn: view.messageEn,
      messageVi: view.messageVi,
      ...(view.details ? { details: view.details } : {}),
      ...(view.retryAfterSeconds !== undefined ? { retryAfterSeconds: view.retryAfterSeconds } : {}),
    },
  };
}

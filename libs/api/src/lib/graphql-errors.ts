import { Logger } from '@nestjs/common';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
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
 * Apollo `formatError`: every error carries `extensions.code`, `messageEn` and `messageVi`;
 * internal failures are logged with their stack and shown without internals.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  const existingCode = formatted.extensions?.code as string | undefined;
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
  if (view.status >= 500) logger.error(original instanceof Error ? original.stack ?? original.message : String(original));
  return {
    message: view.messageEn,
    locations: formatted.locations,
    path: formatted.path,
    extensions: {
      code: view.code,
      messageEn: view.messageEn,
      messageVi: view.messageVi,
      ...(view.details ? { details: view.details } : {}),
    },
  };
}

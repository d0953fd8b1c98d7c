import { ValidationFailedError } from './app-error';

/** Opaque Relay cursors: base64url JSON, so the paging key can change without breaking clients' types. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<T = unknown>(cursor: string): T {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
  } catch {
    throw new ValidationFailedError(`Invalid cursor: ${cursor}`, `Con trỏ phân trang không hợp lệ: ${cursor}`, { field: 'after' });
  }
}

export interface Page<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

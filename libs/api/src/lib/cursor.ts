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

/** Offset paging: the cursor holds the offset of the item after which to continue. */
export function offsetFromCursor(after?: string | null): number {
  if (!after) return 0;
  const decoded = decodeCursor<{ o?: unknown }>(after);
  if (typeof decoded?.o !== 'number' || !Number.isInteger(decoded.o) || decoded.o < 0) {
    throw new ValidationFailedError(`Invalid cursor: ${after}`, `Con trỏ phân trang không hợp lệ: ${after}`, { field: 'after' });
  }
  return decoded.o + 1;
}

export function pageFromOffset<T>(nodes: T[], offset: number, totalCount: number): Page<T> {
  const edges = nodes.map((node, index) => ({ node, cursor: encodeCursor({ o: offset + index }) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: offset + nodes.length < totalCount,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

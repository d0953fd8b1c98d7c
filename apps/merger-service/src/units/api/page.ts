import { DEFAULT_PAGE_SIZE, ValidationFailedError, decodeCursor, encodeCursor } from '@xaso/api';
import type { UnitPage, UnitPageQuery } from '../application/ports';
import type { AdministrativeUnit } from '../domain/unit';

/** Cursors carry the last code seen (keyset paging; codes are unique among units in force on one day). */
export function pageQuery(first: number | undefined, after: string | null | undefined): UnitPageQuery {
  if (!after) return { first: first ?? DEFAULT_PAGE_SIZE, afterCode: null };
  const decoded = decodeCursor<{ c?: unknown }>(after);
  if (typeof decoded?.c !== 'string') {
    throw new ValidationFailedError(`Invalid cursor: ${after}`, `Con trỏ phân trang không hợp lệ: ${after}`, { field: 'after' });
  }
  return { first: first ?? DEFAULT_PAGE_SIZE, afterCode: decoded.c };
}

export function connectionOf<T>(page: UnitPage, afterCode: string | null, toNode: (unit: AdministrativeUnit) => T) {
  const edges = page.items.map((unit) => ({ node: toNode(unit), cursor: encodeCursor({ c: unit.code }) }));
  return {
    edges,
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: afterCode !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

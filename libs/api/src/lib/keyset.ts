import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type as TransformTo } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ValidationFailedError } from './app-error';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './connection';
import { decodeCursor, encodeCursor, type Page } from './cursor';

/**
 * Keyset paging, the one way every list pages (GraphQL connections and REST lists alike): the
 * cursor holds the sort key of the last item seen, so a page is `WHERE (key) > (cursor) ORDER BY
 * key LIMIT first + 1` — stable while rows are added, and as fast on page 500 as on page 1.
 */
export type KeysetValue = string | number | null;
export type Keyset = readonly KeysetValue[];

/** What a repository needs for one page: how many, and the key to continue after (null: from the start). */
export interface KeysetPageRequest {
  first: number;
  after: Keyset | null;
}

/** What a repository returns: up to `first + 1` rows fetched, trimmed to `first` (`hasNextPage` says if there were more). */
export interface KeysetSlice<T> {
  items: T[];
  hasNextPage: boolean;
  totalCount: number;
}

const invalidCursor = (after: string) =>
  new ValidationFailedError(`Invalid cursor: ${after}`, `Con trỏ phân trang không hợp lệ: ${after}`, { field: 'after' });

export function encodeKeyset(key: Keyset): string {
  return encodeCursor({ k: key });
}

/** The key in `after`, checked to have `arity` parts of the kinds a key holds; a coded 400 otherwise. */
export function decodeKeyset(after: string | null | undefined, arity: number): Keyset | null {
  if (!after) return null;
  const decoded = decodeCursor<{ k?: unknown }>(after);
  const key = decoded?.k;
  if (!Array.isArray(key) || key.length !== arity) throw invalidCursor(after);
  for (const part of key) {
    if (part !== null && typeof part !== 'string' && !(typeof part === 'number' && Number.isFinite(part))) throw invalidCursor(after);
  }
  return key as Keyset;
}

/** The request for a page: `first` (default 20, at most 100) and the decoded `after`. */
export function keysetRequest(first: number | null | undefined, after: string | null | undefined, arity: number): KeysetPageRequest {
  return { first: first ?? DEFAULT_PAGE_SIZE, after: decodeKeyset(after, arity) };
}

/**
 * Rows fetched with `LIMIT first + 1` → the slice: the extra row only says there is a next page.
 */
export function sliceOf<T>(rows: T[], first: number, totalCount: number): KeysetSlice<T> {
  return { items: rows.slice(0, first), hasNextPage: rows.length > first, totalCount };
}

/** A Relay connection (`edges`, `pageInfo`, `totalCount`) of a keyset slice. */
export function connectionOfSlice<T, N>(
  slice: KeysetSlice<T>,
  request: KeysetPageRequest,
  keyOf: (item: T) => Keyset,
  toNode: (item: T) => N,
): Page<N> {
  const edges = slice.items.map((item) => ({ node: toNode(item), cursor: encodeKeyset(keyOf(item)) }));
  return {
    edges,
    totalCount: slice.totalCount,
    pageInfo: {
      hasNextPage: slice.hasNextPage,
      hasPreviousPage: request.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** The one shape of a REST list: `{ items, pageInfo: { hasNextPage, endCursor }, totalCount }`. */
export interface RestList<N> {
  items: N[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export function restListOfSlice<T, N>(slice: KeysetSlice<T>, keyOf: (item: T) => Keyset, toItem: (item: T) => N): RestList<N> {
  const last = slice.items[slice.items.length - 1];
  return {
    items: slice.items.map(toItem),
    pageInfo: { hasNextPage: slice.hasNextPage, endCursor: last === undefined ? null : encodeKeyset(keyOf(last)) },
    totalCount: slice.totalCount,
  };
}

/** `?first=&after=` of every REST list (the same names and limits as the GraphQL connections). */
export class KeysetPageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @TransformTo(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @ApiPropertyOptional({ description: 'pageInfo.endCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(1_000)
  after?: string;
}

/** OpenAPI schema of `RestList.pageInfo`. */
export class RestPageInfoDto {
  @ApiProperty() hasNextPage!: boolean;
  @ApiProperty({ type: String, nullable: true }) endCursor!: string | null;
}

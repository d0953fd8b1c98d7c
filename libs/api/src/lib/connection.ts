import type { Type } from '@nestjs/common';
import { ArgsType, Directive, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/** Every subgraph pages the same way, so `PageInfo` is one shared type of the supergraph. */
@ObjectType()
@Directive('@shareable')
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Relay connection type for a node type:
 * `@ObjectType() class UnitConnection extends Connection(UnitModel, 'AdministrativeUnit') {}`
 * gives `AdministrativeUnitEdge { node cursor }` and `edges`, `pageInfo`, `totalCount`.
 */
export function Connection<T>(nodeType: Type<T>, graphQLName = nodeType.name): Type<ConnectionShape<T>> {
  @ObjectType(`${graphQLName}Edge`)
  class Edge {
    @Field(() => nodeType) node!: T;
    @Field() cursor!: string;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionType {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int) totalCount!: number;
  }
  return ConnectionType as unknown as Type<ConnectionShape<T>>;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PaginationArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  after?: string | null;
}

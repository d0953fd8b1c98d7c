import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions: { code: string; messageVi?: string; [key: string]: unknown } }[];
}

/** POSTs one GraphQL operation to a Nest app's `/graphql`, with a bearer token when given. */
export async function postGraphQL<T = Record<string, any>>(
  app: INestApplication,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse<T>> {
  const req = request(app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
  if (token) req.set('authorization', `Bearer ${token}`);
  return (await req.send({ query, variables })).body as GraphQLResponse<T>;
}

/** POSTs one GraphQL operation over HTTP to `${baseUrl}/graphql` (a running gateway), with a bearer token when given. */
export async function fetchGraphQL<T = Record<string, any>>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse<T>> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GraphQLResponse<T>;
}

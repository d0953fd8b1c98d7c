import type { TargetName } from './config';
import type { SubmitDossierInput, TrackKey } from './fixtures';
import type { HttpCall } from './load';

/** How the load generator talks to one target: the same two operations, in its own protocol. */
export interface TargetAdapter {
  name: TargetName;
  origin: string;
  submitCall(input: SubmitDossierInput): HttpCall;
  /** The dossier code of a successful submission, else undefined. */
  submittedCode(status: number, body: string): string | undefined;
  trackCall(key: TrackKey): HttpCall;
  tracked(status: number, body: string): boolean;
  /** Through the REST facade (platform only). */
  rest?: {
    submitCall(input: SubmitDossierInput): HttpCall;
    submittedCode(status: number, body: string): string | undefined;
    trackCall(key: TrackKey): HttpCall;
    tracked(status: number, body: string): boolean;
  };
  /** A commune officer's list page of `first` dossiers with their procedures. */
  listCall?(unitCode: string, first: number): HttpCall;
  listed?(status: number, body: string): boolean;
}

/** What the checks read from a response: a REST body's `code`, or a GraphQL body's `data`/`errors`. */
interface Body {
  code?: unknown;
  data?: Record<string, { code?: unknown } | null> | null;
  errors?: unknown[];
}

function json(body: string): Body | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === 'object' ? (parsed as Body) : undefined;
  } catch {
    return undefined;
  }
}

export function baselineAdapter(origin: string, withList = true): TargetAdapter {
  const adapter: TargetAdapter = {
    name: 'baseline',
    origin,
    submitCall: (input) => ({ method: 'POST', path: '/dossiers', body: JSON.stringify(input) }),
    submittedCode: (status, body) => {
      if (status !== 201) return undefined;
      const code = json(body)?.code;
      return typeof code === 'string' ? code : undefined;
    },
    trackCall: (key) => ({ method: 'GET', path: `/track/${encodeURIComponent(key.code)}?last4=${key.idNumberLast4}` }),
    tracked: (status, body) => status === 200 && typeof json(body)?.code === 'string',
    listCall: (unitCode, first) => ({ method: 'GET', path: `/units/${unitCode}/dossiers?first=${first}` }),
    listed: (status, body) => status === 200 && Array.isArray((json(body) as { items?: unknown } | undefined)?.items),
  };
  if (!withList) {
    delete adapter.listCall;
    delete adapter.listed;
  }
  return adapter;
}

export const SUBMIT_MUTATION = `mutation BenchSubmit($input: SubmitDossierInput!) {
  submitDossier(input: $input) { code status }
}`;

export const TRACK_QUERY = `query BenchTrack($code: ID!, $last4: String!) {
  trackDossier(code: $code, idNumberLast4: $last4) { code procedureName status receivedAt dueAt overdue history { status action at } }
}`;

export const LIST_QUERY = `query BenchList($first: Int!) {
  dossiers(first: $first) { totalCount edges { node { code status channel receivedAt dueAt procedure { code name } } } }
}`;

export interface GatewayTokens {
  citizen: string;
  officers: Record<string, string>;
}

/**
 * The platform through the gateway's `/graphql`: ONLINE submissions carry a citizen's token,
 * DIRECT and POSTAL ones the token of an officer of the receiving unit; tracking is public.
 */
export function gatewayAdapter(origin: string, tokens: GatewayTokens): TargetAdapter {
  const documents = { submit: SUBMIT_MUTATION, track: TRACK_QUERY };
  const tokenFor = (input: SubmitDossierInput) => {
    const token = input.channel === 'ONLINE' ? tokens.citizen : tokens.officers[input.receivingUnitCode];
    if (!token) throw new Error(`no token for unit ${input.receivingUnitCode}`);
    return token;
  };
  return {
    name: 'platform',
    origin,
    submitCall: (input) => ({
      method: 'POST',
      path: '/graphql',
      headers: { authorization: `Bearer ${tokenFor(input)}`, accept: 'application/json' },
      body: JSON.stringify({ operationName: 'BenchSubmit', query: documents.submit, variables: { input } }),
    }),
    submittedCode: (status, body) => {
      if (status !== 200) return undefined;
      const parsed = json(body);
      if (!parsed || parsed.errors?.length) return undefined;
      const code = parsed.data?.submitDossier?.code;
      return typeof code === 'string' ? code : undefined;
    },
    trackCall: (key) => ({
      method: 'POST',
      path: '/graphql',
      headers: { accept: 'application/json' },
      body: JSON.stringify({ operationName: 'BenchTrack', query: documents.track, variables: { code: key.code, last4: key.idNumberLast4 } }),
    }),
    tracked: (status, body) => {
      if (status !== 200) return false;
      const parsed = json(body);
      return !!parsed && !parsed.errors?.length && typeof parsed.data?.trackDossier?.code === 'string';
    },
    rest: {
      // A front-end sends an Idempotency-Key with every POST (the service stores it with the answer).
      submitCall: (input) => ({
        method: 'POST',
        path: '/api/v1/dossiers',
        headers: { authorization: `Bearer ${tokenFor(input)}`, accept: 'application/json', 'idempotency-key': `bench-${++restKeys}-${process.pid}` },
        body: JSON.stringify(input),
      }),
      submittedCode: (status, body) => {
        if (status !== 201) return undefined;
        const code = json(body)?.code;
        return typeof code === 'string' ? code : undefined;
      },
      trackCall: (key) => ({
        method: 'GET',
        path: `/api/v1/dossiers/${encodeURIComponent(key.code)}/tracking?idNumberLast4=${key.idNumberLast4}`,
        headers: { accept: 'application/json' },
      }),
      tracked: (status, body) => status === 200 && typeof json(body)?.code === 'string',
    },
    listCall: (unitCode, first) => {
      const token = tokens.officers[unitCode];
      if (!token) throw new Error(`no token for unit ${unitCode}`);
      return {
        method: 'POST',
        path: '/graphql',
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        body: JSON.stringify({ operationName: 'BenchList', query: LIST_QUERY, variables: { first } }),
      };
    },
    listed: (status, body) => {
      if (status !== 200) return false;
      const parsed = json(body) as { data?: { dossiers?: { edges?: unknown[] } }; errors?: unknown[] } | undefined;
      return !!parsed && !parsed.errors?.length && Array.isArray(parsed.data?.dossiers?.edges);
    },
  };
}

let restKeys = 0;

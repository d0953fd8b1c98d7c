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
}

function json(body: string): any {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export function baselineAdapter(origin: string): TargetAdapter {
  return {
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
  };
}

export const SUBMIT_MUTATION = `mutation BenchSubmit($input: SubmitDossierInput!) {
  submitDossier(input: $input) { code status }
}`;

export const TRACK_QUERY = `query BenchTrack($code: String!, $last4: String!) {
  trackDossier(code: $code, idNumberLast4: $last4) { code status }
}`;

/** The platform through the gateway's `/graphql` (a citizen's token on submissions; tracking is public). */
export function gatewayAdapter(
  origin: string,
  token: string,
  documents: { submit: string; track: string } = { submit: SUBMIT_MUTATION, track: TRACK_QUERY },
): TargetAdapter {
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
  return {
    name: 'platform',
    origin,
    submitCall: (input) => ({
      method: 'POST',
      path: '/graphql',
      headers,
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
  };
}

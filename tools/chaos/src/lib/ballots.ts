import { issueDevToken, Role } from '@xaso/auth';
import type { LoadGenerator, Op } from './load';
import { CHAOS_SECRET, CHAOS_UNIT, type ChaosPlatform } from './platform';

/** The villages of CHAOS_UNIT the roll lives in (the registry has no villages: written into voting's replica). */
export const CHAOS_VILLAGES = ['V00004-CH1', 'V00004-CH2'];

export interface ChaosVoter {
  idNumber: string;
  token: string;
}

export interface ChaosPoll {
  pollId: string;
  voters: ChaosVoter[];
}

/** 12-digit ID numbers (province 001), distinct per i. */
const idNumberOf = (i: number) => `001${String(900_000_000 + i).slice(-9)}`;

async function gql(platform: ChaosPlatform, query: string, variables: Record<string, unknown>): Promise<any> {
  const response = await fetch(`${platform.gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${platform.officerToken}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length) throw new Error(`${query.slice(0, 40)}…: ${body.errors.map((e) => e.extensions?.code ?? e.message).join(', ')}`);
  return body.data;
}

/**
 * A VOTERS poll of CHAOS_UNIT with a roll of `rollSize` citizens, created, rolled (CSV through the
 * gateway's REST route) and opened by the commune's officer through the gateway, and one dev token
 * per citizen on the roll (their ID number in it): the ballots of the load.
 */
export async function openChaosPoll(platform: ChaosPlatform, rollSize: number): Promise<ChaosPoll> {
  for (const [i, code] of CHAOS_VILLAGES.entries()) {
    await platform.query(
      'voting',
      `INSERT INTO admin_unit_replica (code, valid_from, name, level, type, parent_code, parent_valid_from) VALUES ($1, '2025-07-01', $2, 'VILLAGE', 'Thôn', $3, '2025-07-01') ON CONFLICT DO NOTHING`,
      [code, `Thôn Hỗn Loạn ${i + 1}`, CHAOS_UNIT],
    );
  }
  const now = Date.now();
  const input = {
    unitCode: CHAOS_UNIT,
    matter: 'PUBLIC_WORKS_CONTRIBUTION',
    title: 'Chaos: đóng góp làm đường',
    description: 'issue 15 chaos suite',
    optionKind: 'YES_NO_ABSTAIN',
    electorate: 'VOTERS',
    channels: ['ONLINE', 'PAPER'],
    opensAt: new Date(now - 3_600_000).toISOString(),
    closesAt: new Date(now + 86_400_000).toISOString(),
  };
  const pollId = (await gql(platform, `mutation($i: CreatePollInput!) { createPoll(input: $i) { id } }`, { i: input })).createPoll.id as string;
  const csv = ['householdId,idNumber,name,villageCode', ...Array.from({ length: rollSize }, (_, k) => `H-${k + 1},${idNumberOf(k + 1)},"Trần Thị ${k + 1}",${CHAOS_VILLAGES[k % 2]}`)].join('\r\n');
  const upload = await fetch(`${platform.gateway.url}/api/v1/polls/${pollId}/roll`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv; charset=utf-8', authorization: `Bearer ${platform.officerToken}` },
    body: csv,
  });
  if (upload.status !== 200) throw new Error(`roll upload: ${upload.status} ${(await upload.text()).slice(0, 300)}`);
  await gql(platform, `mutation($id: ID!) { openPoll(id: $id) { status } }`, { id: pollId });
  const voters = await Promise.all(
    Array.from({ length: rollSize }, async (_, k) => ({
      idNumber: idNumberOf(k + 1),
      token: await issueDevToken({ role: Role.CITIZEN, sub: `chaos-voter-${k + 1}`, idNumber: idNumberOf(k + 1) }, CHAOS_SECRET),
    })),
  );
  return { pollId, voters };
}

export interface BallotAccounting {
  /** Ballot requests (one voter each): answered with a tracker / ALREADY_VOTED on a retry after a "try again" / refused / given up. */
  requests: number;
  succeeded: number;
  replayedAsAlreadyVoted: number;
  refused: number;
  gaveUp: number;
  participations: number;
  ballots: number;
  /** Voters with more than one participation row (the primary key forbids it; checked anyway). */
  votersTwice: number;
  /** Requests whose answer does not match the participation table (must be 0). */
  mismatches: number;
  /** After the load: answered ballots sent again (same token, same Idempotency-Key); answers by code, and participations added (must be 0). */
  resent: { sent: number; answers: Record<string, number>; participationsAdded: number };
  examples: string[];
}

/** Every ballot request against voting-service's tables: answered ⇔ one participation, refused/failed ⇔ none; ballots = participations. */
export async function verifyBallots(platform: ChaosPlatform, load: LoadGenerator, poll: ChaosPoll): Promise<BallotAccounting> {
  const examples: string[] = [];
  const rows = await platform.query<{ id_number: string; n: string }>(
    'voting',
    `SELECT r.id_number, count(*)::text AS n FROM poll_participation p JOIN poll_roll_entry r ON r.poll_id = p.poll_id AND r.entry_key = p.entry_key WHERE p.poll_id = $1 GROUP BY 1`,
    [poll.pollId],
  );
  const participated = new Map(rows.map((r) => [r.id_number, Number(r.n)]));
  const ops = load.ops.filter((o) => o.kind === 'cast-ballot');
  let mismatches = 0;
  for (const op of ops) {
    const n = participated.get(op.code!) ?? 0;
    // ok: a tracker; ALREADY_VOTED is the answer to a retry whose earlier attempt committed (never on a first attempt).
    const committed = op.outcome === 'ok' || (op.outcome === 'rejected' && op.errorCode === 'ALREADY_VOTED' && op.attempts > 1);
    if (committed ? n !== 1 : n !== 0) {
      mismatches++;
      if (examples.length < 10) examples.push(`ballot of ${op.code}: ${op.outcome}${op.errorCode ? ` ${op.errorCode}` : ''} after ${op.attempts} attempts, ${n} participations`);
    }
  }
  const count = (sql: string) => platform.count('voting', sql, [poll.pollId]);
  const participations = await count('SELECT count(*) FROM poll_participation WHERE poll_id = $1');
  const resent = await resendAnswered(platform, poll, ops.filter((o) => o.outcome === 'ok').slice(0, 10));
  resent.participationsAdded = (await count('SELECT count(*) FROM poll_participation WHERE poll_id = $1')) - participations;
  return {
    requests: ops.length,
    succeeded: ops.filter((o) => o.outcome === 'ok').length,
    replayedAsAlreadyVoted: ops.filter((o) => o.outcome === 'rejected' && o.errorCode === 'ALREADY_VOTED' && o.attempts > 1).length,
    refused: ops.filter((o) => o.outcome === 'rejected' && !(o.errorCode === 'ALREADY_VOTED' && o.attempts > 1)).length,
    gaveUp: ops.filter((o) => o.outcome === 'gave-up').length,
    participations,
    resent,
    ballots: await count('SELECT count(*) FROM poll_sealed_ballot WHERE poll_id = $1'),
    votersTwice: [...participated.values()].filter((n) => n > 1).length,
    mismatches,
    examples,
  };
}

/** A client retrying after its ballot committed (the answer lost): the same request again must be a coded refusal, never a second ballot. */
async function resendAnswered(platform: ChaosPlatform, poll: ChaosPoll, ops: Op[]): Promise<BallotAccounting['resent']> {
  const answers: Record<string, number> = {};
  for (const op of ops) {
    const token = poll.voters.find((v) => v.idNumber === op.code)?.token ?? '';
    const response = await fetch(`${platform.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': op.key },
      body: JSON.stringify({ query: 'mutation($p: ID!, $c: ID!) { castBallot(pollId: $p, choice: $c) { tracker } }', variables: { p: poll.pollId, c: 'YES' } }),
    });
    const body = (await response.json().catch(() => ({}))) as { data?: { castBallot?: { tracker?: string } | null } | null; errors?: { extensions?: { code?: string } }[] };
    const label = body.data?.castBallot?.tracker ? `${response.status} tracker` : `${response.status} ${body.errors?.[0]?.extensions?.code ?? 'no code'}`;
    answers[label] = (answers[label] ?? 0) + 1;
  }
  return { sent: ops.length, answers, participationsAdded: 0 };
}

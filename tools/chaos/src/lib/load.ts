import { randomUUID } from 'node:crypto';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type OpKind = 'submit-dossier' | 'start-processing' | 'complete' | 'submit-petition' | 'cast-ballot';

/** One client request (one Idempotency-Key), retried with the same key until it has a definite answer. */
export interface Op {
  kind: OpKind;
  requestId: string;
  key: string;
  /** The dossier a transition is for / the code the server gave / the voter's ID number (a ballot). */
  code?: string;
  outcome?: 'ok' | 'rejected' | 'gave-up';
  /** Code of the final rejection (a domain error), or of the last "try again" when given up. */
  errorCode?: string;
  attempts: number;
  startedAt: number;
  endedAt?: number;
}

/** Per HTTP answer seen by the clients. */
export interface AttemptStats {
  attempts: number;
  byStatus: Record<string, number>;
  byCode: Record<string, number>;
  /** 503 answers without a Retry-After header. */
  unavailableWithoutRetryAfter: number;
  /** 5xx answers that were not coded problem+json (a stack, an HTML page, …). */
  uncoded5xx: number;
  /** No HTTP answer at all (the gateway itself unreachable). */
  networkErrors: number;
  /** 500 answers, coded or not (a fault must be a "try again", never an internal error). */
  internalErrors: number;
}

export interface LoadOptions {
  gatewayUrl: string;
  /** Bearer token of an officer of `unitCode`. */
  officerToken: string;
  unitCode: string;
  /** New operations per second. */
  ratePerSecond: number;
  /** Most requests in flight at once. */
  maxInFlight?: number;
  /** A request still "try again" after this long is given up (and must then not be in the database). */
  giveUpMs?: number;
  /** An open poll and its roll's citizens: one castBallot (GraphQL, the citizen's own token) per voter, until the roll is used up. */
  ballots?: { pollId: string; voters: { idNumber: string; token: string }[] };
}

const RETRYABLE_CODES = new Set(['SERVICE_UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE', 'BAD_GATEWAY']);

/**
 * A steady client load through the gateway's REST facade: dossier submissions, their transitions
 * (start-processing, complete) and petition intakes, each with an Idempotency-Key. An answer that
 * says "try again" (503/502 coded, or no answer) is retried with the same key, as a well-behaved
 * client does; a domain error is final. Every request ends `ok`, `rejected` (with its code) or
 * `gave-up`; the verifier then checks each against the databases.
 */
export class LoadGenerator {
  readonly ops: Op[] = [];
  readonly stats: AttemptStats = { attempts: 0, byStatus: {}, byCode: {}, unavailableWithoutRetryAfter: 0, uncoded5xx: 0, networkErrors: 0, internalErrors: 0 };
  private readonly awaitingStart: string[] = [];
  private readonly awaitingComplete: string[] = [];
  private nextVoter = 0;
  private running = false;
  private loop?: Promise<void>;
  private readonly inFlight = new Set<Promise<void>>();
  /** Successful answers with their time (for "first success after …" measurements). */
  readonly successes: { at: number; kind: OpKind }[] = [];
  /** Every answer: time and status (0 = no answer). */
  readonly answers: { at: number; status: number; kind: OpKind; code?: string }[] = [];

  constructor(private readonly options: LoadOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops issuing new requests and waits for those in flight to reach a definite answer. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private async run(): Promise<void> {
    const interval = 1_000 / this.options.ratePerSecond;
    let next = Date.now();
    while (this.running) {
      if (this.inFlight.size < (this.options.maxInFlight ?? 16)) {
        const op = this.nextOp();
        const done: Promise<void> = this.execute(op).finally(() => this.inFlight.delete(done));
        this.inFlight.add(done);
      }
      next += interval;
      await sleep(Math.max(0, next - Date.now()));
    }
  }

  private nextOp(): Op {
    const pick = Math.random();
    const base = { requestId: randomUUID(), key: `chaos-${randomUUID()}`, attempts: 0, startedAt: Date.now() };
    if (pick < 0.2 && this.awaitingComplete.length) return { ...base, kind: 'complete', code: this.awaitingComplete.shift() };
    if (pick < 0.45 && this.awaitingStart.length) return { ...base, kind: 'start-processing', code: this.awaitingStart.shift() };
    const voters = this.options.ballots?.voters ?? [];
    if (pick >= 0.8 && this.nextVoter < voters.length) return { ...base, kind: 'cast-ballot', code: voters[this.nextVoter++].idNumber };
    if (pick < 0.75) return { ...base, kind: 'submit-dossier' };
    return { ...base, kind: 'submit-petition' };
  }

  private request(op: Op): { path: string; body: unknown; token?: string } {
    const { unitCode } = this.options;
    switch (op.kind) {
      case 'cast-ballot': {
        const { pollId, voters } = this.options.ballots!;
        const choice = ['YES', 'NO', 'ABSTAIN'][Number(op.code!.slice(-1)) % 3];
        return {
          path: '/graphql',
          token: voters.find((v) => v.idNumber === op.code)!.token,
          body: { query: 'mutation($p: ID!, $c: ID!) { castBallot(pollId: $p, choice: $c) { tracker } }', variables: { p: pollId, c: choice } },
        };
      }
      case 'submit-dossier':
        return {
          path: '/api/v1/dossiers',
          body: {
            procedureCode: 'HT.010',
            receivingUnitCode: unitCode,
            channel: 'DIRECT',
            applicant: { fullName: 'Nguyễn Văn Thử', idNumber: '001090001234', phone: '0912345678', address: 'Thôn 1' },
            formData: { purpose: 'chaos', requestId: op.requestId },
            attachments: [],
          },
        };
      case 'start-processing':
        return { path: `/api/v1/dossiers/${op.code}/start-processing`, body: { note: op.requestId } };
      case 'complete':
        return { path: `/api/v1/dossiers/${op.code}/complete`, body: { resultNote: op.requestId } };
      case 'submit-petition':
        return {
          path: '/api/v1/petitions',
          body: { unitCode, kind: 'RECOMMENDATION', channel: 'HOTLINE', title: `chaos ${op.requestId}`, content: 'Kiến nghị sửa đường thôn' },
        };
    }
  }

  private async execute(op: Op): Promise<void> {
    this.ops.push(op);
    const { path, body, token } = this.request(op);
    const giveUpAt = op.startedAt + (this.options.giveUpMs ?? 120_000);
    for (;;) {
      op.attempts++;
      this.stats.attempts++;
      let status = 0;
      let code: string | undefined;
      let json: Record<string, unknown> | undefined;
      let retryAfter: string | null = null;
      try {
        const response = await fetch(`${this.options.gatewayUrl}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token ?? this.options.officerToken}`, 'idempotency-key': op.key },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(60_000),
        });
        status = response.status;
        retryAfter = response.headers.get('retry-after');
        const text = await response.text();
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          json = undefined;
        }
        code = typeof json?.code === 'string' ? json.code : undefined;
        if (op.kind === 'cast-ballot' && status === 200) {
          // GraphQL: HTTP 200 either way; a tracker is the success, an error's extensions.code the answer.
          const errors = json?.errors as { extensions?: { code?: string } }[] | undefined;
          const tracker = (json?.data as { castBallot?: { tracker?: string } } | null | undefined)?.castBallot?.tracker;
          if (errors?.length || !tracker) {
            status = 299; // "answered, with an error": neither a success nor an HTTP failure
            code = errors?.[0]?.extensions?.code ?? 'NO_TRACKER';
          }
        }
      } catch {
        this.stats.networkErrors++;
      }
      this.stats.byStatus[status] = (this.stats.byStatus[status] ?? 0) + 1;
      if (code && status >= 299) this.stats.byCode[code] = (this.stats.byCode[code] ?? 0) + 1;
      this.answers.push({ at: Date.now(), status, kind: op.kind, code: status >= 299 ? code : undefined });
      if (code === 'INTERNAL_SERVER_ERROR') this.stats.internalErrors++;
      if (status >= 500 && !code) this.stats.uncoded5xx++;
      if (status === 500) this.stats.internalErrors++;
      if (status === 503 && !retryAfter) this.stats.unavailableWithoutRetryAfter++;

      if (status >= 200 && status < 299) {
        op.outcome = 'ok';
        op.endedAt = Date.now();
        this.successes.push({ at: op.endedAt, kind: op.kind });
        if (op.kind === 'submit-dossier') {
          op.code = String(json?.code);
          this.awaitingStart.push(op.code);
        } else if (op.kind === 'start-processing') this.awaitingComplete.push(op.code!);
        else if (op.kind === 'submit-petition') op.code = String((json?.petition as { code?: string } | undefined)?.code);
        return;
      }
      // A ballot's GraphQL error without a domain code (the subgraph gone mid-request) is a "try again" too.
      const retryable = status === 0 || status >= 500 || (code !== undefined && RETRYABLE_CODES.has(code)) || (status === 299 && (code === 'INTERNAL_SERVER_ERROR' || code === 'NO_TRACKER'));
      if (!retryable) {
        op.outcome = 'rejected';
        op.errorCode = code ?? `HTTP_${status}`;
        op.endedAt = Date.now();
        return;
      }
      if (Date.now() > giveUpAt) {
        op.outcome = 'gave-up';
        op.errorCode = code ?? `HTTP_${status}`;
        op.endedAt = Date.now();
        return;
      }
      const hinted = Number(retryAfter) * 1_000;
      await sleep(Math.min(Number.isFinite(hinted) && hinted > 0 ? hinted : 500, 1_000) * (0.5 + Math.random() / 2));
    }
  }

  summary() {
    const count = (outcome: Op['outcome']) => this.ops.filter((o) => o.outcome === outcome).length;
    return { requests: this.ops.length, ok: count('ok'), rejected: count('rejected'), gaveUp: count('gave-up'), retried: this.ops.filter((o) => o.attempts > 1).length };
  }
}

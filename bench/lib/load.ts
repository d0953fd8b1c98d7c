import autocannon from 'autocannon';

/** One HTTP request of a scenario (relative to the target's origin). */
export interface HttpCall {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A scenario against one target: how to build the next request, and what counts as a success. */
export interface LoadSpec {
  /** Builds a new request (called once per request: bodies stay unique). */
  next(): HttpCall;
  /** Application-level check of a response (a 200 with GraphQL `errors` is not a success). */
  ok(status: number, body: string): boolean;
}

export interface LoadOptions {
  origin: string;
  durationSec: number;
  connections: number;
  timeoutSec: number;
  /** Exactly this many requests instead of `durationSec` of load (scenarios whose requests can each be sent once, e.g. one ballot per voter). */
  amount?: number;
}

export interface LoadResult {
  /** Completed responses (any status). */
  requests: number;
  /** Responses that passed `ok()`. */
  succeeded: number;
  /** Measured wall time in seconds. */
  durationSec: number;
  /** Completed responses per second. */
  rps: number;
  /** Successful responses per second. */
  okRps: number;
  /** Latency percentiles in milliseconds over all completed responses (0.01 ms resolution). */
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  /** Connection errors and timeouts reported by autocannon. */
  errors: number;
  timeouts: number;
  /** Responses with a status outside 2xx. */
  non2xx: number;
  /** 2xx responses whose body failed the scenario's check (GraphQL errors, missing code). */
  appErrors: number;
  /** First few failure bodies, for the report. */
  sampleFailures: string[];
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Runs autocannon against `origin` for a bounded time. Latencies are taken from autocannon's
 * per-response timings (floating ms) instead of its integer-ms histogram, so sub-millisecond
 * differences between fast endpoints remain visible.
 */
export async function runLoad(spec: LoadSpec, options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.origin);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`refusing to send load to ${url.hostname}: the benchmark targets loopback only`);
  }
  const latencies: number[] = [];
  let appErrors = 0;
  let succeeded = 0;
  const sampleFailures: string[] = [];

  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const options_: autocannon.Options = {
      url: options.origin,
      connections: options.connections,
      ...(options.amount ? { amount: options.amount } : { duration: options.durationSec }),
      timeout: options.timeoutSec,
      // Also keep non-2xx latencies: a failing endpoint must not look fast.
      excludeErrorStats: false,
      requests: [
        {
          setupRequest: (request) => {
            const call = spec.next();
            return {
              ...request,
              method: call.method,
              path: call.path,
              headers: { ...call.headers, ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}) },
              body: call.body,
            };
          },
          onResponse: (status, body) => {
            if (spec.ok(status, body)) {
              succeeded++;
            } else {
              if (status >= 200 && status < 300) appErrors++;
              if (sampleFailures.length < 3) sampleFailures.push(`${status} ${String(body).slice(0, 300)}`);
            }
          },
        },
      ],
    };
    const instance = autocannon(options_, (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });

  const sorted = Float64Array.from(latencies).sort();
  const sum = latencies.reduce((a, b) => a + b, 0);
  const durationSec = result.duration;
  return {
    requests: latencies.length,
    succeeded,
    durationSec: round2(durationSec),
    rps: round2(latencies.length / durationSec),
    okRps: round2(succeeded / durationSec),
    latencyMs: {
      mean: round2(latencies.length ? sum / latencies.length : 0),
      p50: round2(percentile(sorted, 50)),
      p90: round2(percentile(sorted, 90)),
      p99: round2(percentile(sorted, 99)),
      max: round2(sorted.length ? sorted[sorted.length - 1] : 0),
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    appErrors,
    sampleFailures,
  };
}

/**
 * Sends `count` requests with at most `concurrency` in flight (warm-up and fixtures for the tracking
 * scenario); returns the parsed results of the successful ones. Bounded in count, and in time by
 * the per-request timeout.
 */
export async function runBounded<T>(
  origin: string,
  count: number,
  concurrency: number,
  build: (i: number) => HttpCall,
  parse: (status: number, body: string, i: number) => T | undefined,
  timeoutMs = 10_000,
): Promise<{ results: T[]; failures: string[] }> {
  const results: T[] = [];
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const call = build(i);
      try {
        const response = await fetch(origin + call.path, {
          method: call.method,
          headers: { ...call.headers, ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}) },
          body: call.body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await response.text();
        const parsed = parse(response.status, text, i);
        if (parsed === undefined) failures.push(`${response.status} ${text.slice(0, 300)}`);
        else results.push(parsed);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
  return { results, failures };
}

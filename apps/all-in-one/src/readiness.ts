/** What a readiness report lists as down: `subgraph:dossier: /health/ready 503 (admin-unit-replica: ...)`. */
export function downChecks(report: unknown): string {
  const details = (report as { details?: Record<string, { status?: string; message?: string }> } | null)?.details ?? {};
  return Object.entries(details)
    .filter(([, detail]) => detail?.status !== 'up')
    .map(([name, detail]) => `${name}${detail?.message ? `: ${detail.message}` : ''}`)
    .join('; ');
}

/** Polls `url` until it answers 200; fails after `timeoutMs` with what the last report said was down. */
export async function waitUntilReady(url: string, timeoutMs: number, cancelled: () => boolean = () => false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
      last = downChecks(await response.json().catch(() => null)) || `status ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (cancelled()) throw new Error('stopped while waiting for readiness');
    if (Date.now() >= deadline) throw new Error(`not ready after ${Math.round(timeoutMs / 1000)} s: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

import type { Response } from 'express';

/** Writes an RFC 9457 problem+json body in the same shape as @xaso/api's ProblemDetailsFilter. */
export function sendProblem(
  res: Response,
  status: number,
  code: string,
  messageEn: string,
  messageVi: string,
  instance?: string,
  extra: { retryAfterSeconds?: number; details?: Record<string, unknown> } = {},
): void {
  if (extra.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(extra.retryAfterSeconds));
  res
    .status(status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: `urn:xaso:problem:${code.toLowerCase().replace(/_/g, '-')}`,
        title: messageEn,
        status,
        detail: messageEn,
        detail_vi: messageVi,
        code,
        instance,
        ...(extra.retryAfterSeconds !== undefined ? { retryAfterSeconds: extra.retryAfterSeconds } : {}),
        ...(extra.details ? { details: extra.details } : {}),
      }),
    );
}

import type { Request } from 'express';
import { AppError } from './app-error';

/**
 * The few REST routes that take a body other than JSON, the same list for every service and the
 * gateway (the gateway's input guard lets exactly these through to the owning service, and the
 * service reads them): a route, the media types it accepts and the most bytes it reads.
 * Every other `/api` route stays JSON-only (415 UNSUPPORTED_MEDIA_TYPE).
 */
export interface TextBodyRoute {
  readonly method: 'POST' | 'PUT';
  /** Matched against the request path (without the query string). */
  readonly path: RegExp;
  readonly mediaTypes: readonly string[];
  readonly maxBytes: number;
}

export const TEXT_BODY_ROUTES: readonly TextBodyRoute[] = [
  // voting-service: a poll's roll as CSV (issue 10: thousands of rows; 200,000 rows of ~80 bytes fit)
  { method: 'POST', path: /^\/api\/v1\/polls\/[^/]+\/roll\/?$/, mediaTypes: ['text/csv'], maxBytes: 32 * 1024 * 1024 },
  // dossier-service: dossiers handed over from legacy systems (issue 12: up to 1,000 rows of < 1 kB)
  { method: 'POST', path: /^\/api\/v1\/dossiers\/legacy-imports\/?$/, mediaTypes: ['text/csv'], maxBytes: 2 * 1024 * 1024 },
];

export function textBodyRouteOf(req: Pick<Request, 'method'> & { path?: string; originalUrl?: string }, mediaType: string): TextBodyRoute | undefined {
  const path = (req.originalUrl ?? req.path ?? '').split('?')[0];
  return TEXT_BODY_ROUTES.find((r) => r.method === req.method && r.path.test(path) && r.mediaTypes.includes(mediaType.toLowerCase()));
}

/** Reads a text body of at most `maxBytes` (413 past it), UTF-8 only (415 for another charset, 400 for bytes that are not UTF-8); keeps the bytes as `rawBody`. */
export async function readTextBody(req: Request & { rawBody?: Buffer }, maxBytes: number): Promise<string> {
  const charset = /;\s*charset\s*=\s*"?([\w-]+)"?/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Text bodies are UTF-8, got charset ${JSON.stringify(charset.slice(0, 40))}`, 'Nội dung văn bản phải dùng bảng mã UTF-8', 415);
  }
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `The body is larger than ${maxBytes} bytes`, `Nội dung yêu cầu lớn hơn ${maxBytes} byte`, 413, { maxBytes });
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buffer.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(buffer);
  }
  const bytes = Buffer.concat(chunks);
  req.rawBody = bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('BAD_USER_INPUT', 'The body is not valid UTF-8', 'Nội dung yêu cầu không phải UTF-8 hợp lệ', 400, { field: 'body' });
  }
}

import { Readable } from 'node:stream';
import { readTextBody, textBodyRouteOf } from './text-body-routes';

const req = (method: string, originalUrl: string) => ({ method, originalUrl });
const stream = (chunks: string[], headers: Record<string, string> = {}) => Object.assign(Readable.from(chunks.map((c) => Buffer.from(c))), { headers }) as never;
const codeOf = async (p: Promise<unknown>) => p.then(() => 'OK', (e: { code?: string }) => e.code);

describe('TEXT_BODY_ROUTES', () => {
  it('names exactly the roll upload and the legacy dossier import as text/csv routes', () => {
    expect(textBodyRouteOf(req('POST', '/api/v1/dossiers/legacy-imports'), 'text/csv')?.maxBytes).toBe(2 * 1024 * 1024);
    expect(textBodyRouteOf(req('POST', '/api/v1/dossiers/legacy-imports/x'), 'text/csv')).toBeUndefined();
    expect(textBodyRouteOf(req('POST', '/api/v1/dossiers'), 'text/csv')).toBeUndefined();
    expect(textBodyRouteOf(req('POST', '/api/v1/polls/5b9f/roll'), 'text/csv')?.maxBytes).toBe(32 * 1024 * 1024);
    expect(textBodyRouteOf(req('POST', '/api/v1/polls/5b9f/roll?x=1'), 'TEXT/CSV')).toBeDefined();
    expect(textBodyRouteOf(req('PUT', '/api/v1/polls/5b9f/roll'), 'text/csv')).toBeUndefined();
    expect(textBodyRouteOf(req('POST', '/api/v1/polls/5b9f/roll'), 'text/plain')).toBeUndefined();
    expect(textBodyRouteOf(req('POST', '/api/v1/polls/5b9f/representative-changes'), 'text/csv')).toBeUndefined();
    expect(textBodyRouteOf(req('POST', '/api/v1/polls/a/b/roll'), 'text/csv')).toBeUndefined();
    expect(textBodyRouteOf(req('POST', '/api/v1/petitions'), 'text/csv')).toBeUndefined();
  });

  it('reads UTF-8 text within the limit and keeps its bytes', async () => {
    const r = stream(['householdId,', 'name\r\nH-1,Nguyễn'], { 'content-type': 'text/csv; charset=utf-8' }) as { rawBody?: Buffer };
    await expect(readTextBody(r as never, 100)).resolves.toBe('householdId,name\r\nH-1,Nguyễn');
    expect(r.rawBody?.toString('utf8')).toBe('householdId,name\r\nH-1,Nguyễn');
  });

  it('refuses too many bytes (413), another charset (415) and bytes that are not UTF-8 (400)', async () => {
    expect(await codeOf(readTextBody(stream(['x'.repeat(60), 'y'.repeat(60)]), 100))).toBe('PAYLOAD_TOO_LARGE');
    expect(await codeOf(readTextBody(stream(['x'], { 'content-length': '1000' }), 100))).toBe('PAYLOAD_TOO_LARGE');
    expect(await codeOf(readTextBody(stream(['x'], { 'content-type': 'text/csv; charset=windows-1258' }), 100))).toBe('UNSUPPORTED_MEDIA_TYPE');
    const latin1 = Object.assign(Readable.from([Buffer.from([0x4e, 0xe9])]), { headers: {} });
    expect(await codeOf(readTextBody(latin1 as never, 100))).toBe('BAD_USER_INPUT');
  });
});

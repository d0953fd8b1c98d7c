import { Writable } from 'node:stream';
import pino from 'pino';
import { createLogger } from './logging';
import { maskPersonalDataInString, MASKED_ID_NUMBER, MASKED_PHONE, REDACTED, redactPersonalData } from './redaction';

const ID = '001203004567';
const PHONES = ['0912345678', '+84912345678', '84 912 345 678', '0912.345.678', '024 3825 1234', '0383-123-456'];

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

describe('maskPersonalDataInString', () => {
  it('masks 12-digit ID numbers', () => {
    expect(maskPersonalDataInString(`CCCD ${ID} của công dân`)).toBe(`CCCD ${MASKED_ID_NUMBER} của công dân`);
    expect(maskPersonalDataInString(`id=${ID}&x=1`)).toBe(`id=${MASKED_ID_NUMBER}&x=1`);
  });

  it.each(PHONES)('masks the phone number %s', (phone) => {
    expect(maskPersonalDataInString(`gọi ${phone} nhé`)).toBe(`gọi ${MASKED_PHONE} nhé`);
  });

  it('leaves other numbers alone', () => {
    for (const text of ['dossier 000.00.04.H01-251122-0001', 'took 1234 ms', '1763778000000', '0000123456789', 'unit 00004', '550e8400-e29b-41d4-a716-446655440000', '2026-11-22T02:29:49.123Z']) {
      expect(maskPersonalDataInString(text)).toBe(text);
    }
  });
});

describe('redactPersonalData', () => {
  it('redacts personal-data keys at any depth and masks strings, without touching the input', () => {
    const input = {
      dossierId: 'd-1',
      idNumber: ID,
      a: { b: { c: { d: { petitioner: { fullName: 'Nguyễn Văn A' }, phone_number: '0912345678', Email: 'a@b.vn' } } } },
      list: [{ address: '1 Tràng Tiền' }, `note ${ID}`],
      numeric: 1203004567,
      numericId: 1203004567890,
    };
    const copy = JSON.parse(JSON.stringify(input));
    const out = redactPersonalData(input);
    expect(input).toEqual(copy);
    expect(out).toEqual({
      dossierId: 'd-1',
      idNumber: REDACTED,
      a: { b: { c: { d: { petitioner: REDACTED, phone_number: REDACTED, Email: REDACTED } } } },
      list: [{ address: REDACTED }, `note ${MASKED_ID_NUMBER}`],
      numeric: 1203004567,
      numericId: 1203004567890,
    });
  });

  it('handles cycles and errors', () => {
    const a: Record<string, unknown> = { name: 'x' };
    a.self = a;
    const out = redactPersonalData({ a, err: new Error(`no citizen ${ID}`) }) as unknown as { a: { self: unknown }; err: { message: string } };
    expect(out.a.self).toBe(out.a);
    expect(out.err.message).toBe(`no citizen ${MASKED_ID_NUMBER}`);
  });
});

describe('log lines never contain an ID number or phone number', () => {
  it('covers fields, nested fields, messages, errors and child bindings', async () => {
    const { lines, stream } = capture();
    const logger = createLogger({ service: 'test', level: 'debug', destination: stream });
    logger.info({ idNumber: ID, petition: { petitioner: { fullName: 'Trần Thị B', phone: '0912345678' } } }, 'petition received');
    logger.info(`citizen ${ID} called from 0912345678`);
    logger.info({ deep: { x: { y: { z: { w: { identity: { number: ID } } } } } } }, 'deep');
    logger.warn({ note: `liên hệ +84 912 345 678, CCCD ${ID}` }, 'note');
    logger.error({ err: new Error(`lookup failed for ${ID}`) }, 'error');
    logger.child({ caller: `officer with phone 0383123456`, idNumber: ID }).info('child %s', ID);
    logger.info({ req: { headers: { authorization: 'Bearer abc.def.ghi' } } }, 'headers');
    logger.info({ count: 3, unitCode: '00004', dossierCode: '000.00.04.H01-251122-0001' }, 'kept');
    logger.flush();
    await new Promise((resolve) => setImmediate(resolve));
    const output = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(8);
    expect(output).not.toContain(ID);
    expect(output).not.toMatch(/0912345678|912 345 678|0383123456/);
    expect(output).not.toContain('Trần Thị B');
    expect(output).not.toContain('abc.def.ghi');
    expect(output).toContain('000.00.04.H01-251122-0001');
    expect(output).toContain('"unitCode":"00004"');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(JSON.parse(lines[0])).toMatchObject({ service: 'test', level: 'info', msg: 'petition received', idNumber: REDACTED });
  });

  it('is a pino logger', () => {
    const { stream } = capture();
    expect(createLogger({ service: 's', destination: stream })).toHaveProperty('child');
    expect(pino.stdSerializers).toBeDefined();
  });
});

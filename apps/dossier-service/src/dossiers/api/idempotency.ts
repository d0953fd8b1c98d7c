import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppError, ValidationFailedError } from '@xaso/api';
import { inTransaction } from '@xaso/persistence';

export interface IdempotentResult {
  status: number;
  body: unknown;
  replayed: boolean;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/**
 * `Idempotency-Key` for REST POSTs, per caller: the key row is inserted in the same transaction
 * as the work (the use case joins it through `inTransaction`), so the response is stored iff the
 * change committed. A retry with the same key and body replays the stored response; the same key
 * with a different body is 422 IDEMPOTENCY_KEY_REUSED. A concurrent duplicate waits on the key
 * row and then replays.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run(caller: string, key: string | undefined, request: unknown, status: number, work: () => Promise<unknown>): Promise<IdempotentResult> {
    if (key === undefined) return { status, body: toJson(await work()), replayed: false };
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw new ValidationFailedError('Idempotency-Key must be 1–200 visible ASCII characters', 'Idempotency-Key không hợp lệ', {
        field: 'Idempotency-Key',
      });
    }
    const hash = createHash('sha256').update(JSON.stringify(canonical(request))).digest('hex');
    return inTransaction(this.dataSource, async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO idempotency_key (caller, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
        [caller, key, hash],
      );
      if (!inserted.length) {
        const rows: { request_hash: string; status_code: number; response: unknown }[] = await manager.query(
          'SELECT request_hash, status_code, response FROM idempotency_key WHERE caller = $1 AND key = $2',
          [caller, key],
        );
        if (rows[0].request_hash !== hash) {
          throw new AppError(
            'IDEMPOTENCY_KEY_REUSED',
            'This Idempotency-Key was already used with a different request',
            'Idempotency-Key này đã được dùng cho một yêu cầu khác',
            422,
          );
        }
        return { status: rows[0].status_code, body: rows[0].response, replayed: true };
      }
      const body = toJson(await work());
      await manager.query('UPDATE idempotency_key SET status_code = $3, response = $4 WHERE caller = $1 AND key = $2', [
        caller,
        key,
        status,
        JSON.stringify(body),
      ]);
      return { status, body, replayed: false };
    });
  }
}

const toJson = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

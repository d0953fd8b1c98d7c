import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { managerFor } from '@xaso/persistence';
import type { DataSource } from 'typeorm';
import { IDEMPOTENCY_OPTIONS, type ResolvedIdempotencyOptions } from './idempotency.options';

export interface IdempotentRequest {
  principal: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
}

export interface StoredResponse {
  requestHash: string;
  statusCode: number;
  body: unknown;
}

/** SQL of the `idempotency_key` table; joins the ambient transaction (`TransactionRunner.run`). */
@Injectable()
export class IdempotencyKeyStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(IDEMPOTENCY_OPTIONS) private readonly options: ResolvedIdempotencyOptions,
  ) {}

  /**
   * Claims the key for this request (true), or returns false when a live row holds it. A row of
   * a transaction still running blocks this statement until that transaction ends, so a
   * concurrent duplicate waits and then sees the committed response (or claims the key when the
   * first attempt rolled back). An expired row is taken over.
   */
  async claim(request: IdempotentRequest): Promise<boolean> {
    const rows: unknown[] = await managerFor(this.dataSource).query(
      `INSERT INTO idempotency_key AS k (principal, key, method, path, request_hash)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (principal, key) DO UPDATE
         SET method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash,
             status_code = NULL, response = NULL, created_at = now()
         WHERE k.created_at < now() - make_interval(secs => $6)
       RETURNING k.key`,
      [request.principal, request.key, request.method, request.path, request.requestHash, this.options.retentionMs / 1000],
    );
    return rows.length > 0;
  }

  async stored(principal: string, key: string): Promise<StoredResponse> {
    const [row]: { request_hash: string; status_code: number; response: unknown }[] = await managerFor(this.dataSource).query(
      'SELECT request_hash, status_code, response FROM idempotency_key WHERE principal = $1 AND key = $2',
      [principal, key],
    );
    return { requestHash: row.request_hash, statusCode: row.status_code, body: row.response };
  }

  async complete(principal: string, key: string, statusCode: number, body: unknown): Promise<void> {
    await managerFor(this.dataSource).query('UPDATE idempotency_key SET status_code = $3, response = $4 WHERE principal = $1 AND key = $2', [
      principal,
      key,
      statusCode,
      JSON.stringify(body),
    ]);
  }

  /** Deletes the keys older than the retention; returns how many. */
  async prune(): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      'DELETE FROM idempotency_key WHERE created_at < now() - make_interval(secs => $1)',
      [this.options.retentionMs / 1000],
    );
    return count;
  }
}

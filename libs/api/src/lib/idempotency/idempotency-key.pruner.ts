import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { IdempotencyKeyStore } from './idempotency-key.store';
import { IDEMPOTENCY_OPTIONS, type ResolvedIdempotencyOptions } from './idempotency.options';

/** Deletes expired keys every `pruneIntervalMs`; the timer lives from bootstrap to shutdown. */
@Injectable()
export class IdempotencyKeyPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('IdempotencyKeyPruner');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: IdempotencyKeyStore,
    @Inject(IDEMPOTENCY_OPTIONS) private readonly options: ResolvedIdempotencyOptions,
  ) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  onApplicationBootstrap(): void {
    if (this.options.pruneIntervalMs <= 0) return;
    this.timer = setInterval(() => void this.prune(), this.options.pruneIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  async prune(): Promise<number> {
    try {
      return await this.store.prune();
    } catch (error) {
      this.log.warn(`pruning idempotency keys failed: ${(error as Error).message}`);
      return 0;
    }
  }
}

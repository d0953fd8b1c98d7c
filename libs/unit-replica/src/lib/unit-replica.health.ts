import { Injectable, type OnModuleDestroy, type OnModuleInit, Optional } from '@nestjs/common';
import { HealthRegistry } from '@xaso/observability';
import { replicaIsFilled, UnitReplica } from './unit-replica';

/** Name of the readiness check in `/health/ready`. */
export const UNIT_REPLICA_HEALTH_CHECK = 'admin-unit-replica';

/**
 * `/health/ready` is down until the replica holds every unit version merger-service announced: a
 * service that validates unit codes against a half-filled replica would refuse valid codes.
 */
@Injectable()
export class UnitReplicaHealth implements OnModuleInit, OnModuleDestroy {
  private unregister?: () => void;

  constructor(
    private readonly replica: UnitReplica,
    @Optional() private readonly health?: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.unregister = this.health?.register(UNIT_REPLICA_HEALTH_CHECK, async () => {
      const progress = await this.replica.progress();
      if (replicaIsFilled(progress)) return true;
      throw new Error(
        progress.announced === null
          ? `no admin-unit.imported announcement from merger-service yet (${progress.units} units received)`
          : `${progress.units} of the ${progress.announced} units merger-service announced`,
      );
    });
  }

  onModuleDestroy(): void {
    this.unregister?.();
  }
}

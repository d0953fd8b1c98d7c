import { Module } from '@nestjs/common';
import { UnitReplica } from './unit-replica';
import { UnitReplicaHandlers } from './unit-replica.handlers';
import { UnitReplicaHealth } from './unit-replica.health';

/**
 * `UnitReplica` (queries) and `UnitReplicaHandlers` (event handlers) for a service whose data
 * source runs `unitReplicaMigrations`. Import it next to the TypeORM data source and add
 * `UnitReplicaHandlers` to `MessagingModule.forService({ handlers })` (handlers are looked up
 * across modules). Alternatively list `unitReplicaProviders` in the service's own module.
 * `UnitReplicaHealth` adds the `admin-unit-replica` readiness check (with `ObservabilityModule`).
 */
@Module({
  providers: [UnitReplica, UnitReplicaHandlers, UnitReplicaHealth],
  exports: [UnitReplica, UnitReplicaHandlers],
})
export class UnitReplicaModule {}

/** The providers of the replica, for services that list providers themselves. */
export const unitReplicaProviders = [UnitReplica, UnitReplicaHandlers, UnitReplicaHealth];

import { Module } from '@nestjs/common';
import { UnitReplica } from './unit-replica';
import { UnitReplicaHandlers } from './unit-replica.handlers';
import { UnitResolver } from './unit-resolver';
import { UnitReplicaHealth } from './unit-replica.health';

/**
 * `UnitReplica` (queries), `UnitResolver` (the unit rule for records) and `UnitReplicaHandlers` (event handlers) for a service whose data
 * source runs `unitReplicaMigrations`. Import it next to the TypeORM data source and add
 * `UnitReplicaHandlers` to `MessagingModule.forService({ handlers })` (handlers are looked up
 * across modules). Alternatively list `unitReplicaProviders` in the service's own module.
 * `UnitReplicaHealth` adds the `admin-unit-replica` readiness check (with `ObservabilityModule`).
 */
@Module({
  providers: [UnitReplica, UnitReplicaHandlers, UnitResolver, UnitReplicaHealth],
  exports: [UnitReplica, UnitReplicaHandlers, UnitResolver],
})
export class UnitReplicaModule {}

/** The providers of the replica, for services that list providers themselves. */
export const unitReplicaProviders = [UnitReplica, UnitReplicaHandlers, UnitResolver, UnitReplicaHealth];

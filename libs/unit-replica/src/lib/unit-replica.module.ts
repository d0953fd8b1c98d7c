import { Module, type Provider } from '@nestjs/common';
import { UnitProvinces, UnitScope } from '@xaso/auth';
import { UnitReplica } from './unit-replica';
import { UnitReplicaHandlers } from './unit-replica.handlers';
import { UnitResolver } from './unit-resolver';
import { UnitReplicaHealth } from './unit-replica.health';

/** `UnitScope` (from `@xaso/auth`) with the replica as its province lookup. */
export function unitScopeProviders(): Provider[] {
  return [{ provide: UnitProvinces, useExisting: UnitReplica }, UnitScope];
}

/**
 * `UnitReplica` (queries), `UnitResolver` (the unit rule for records) and `UnitReplicaHandlers` (event handlers) for a service whose data
 * source runs `unitReplicaMigrations`. Import it next to the TypeORM data source and add
 * `UnitReplicaHandlers` to `MessagingModule.forService({ handlers })` (handlers are looked up
 * across modules). Alternatively list `unitReplicaProviders` in the service's own module.
 * `UnitReplicaHealth` adds the `admin-unit-replica` readiness check (with `ObservabilityModule`);
 * `UnitScope` the province-aware unit-scope check.
 */
@Module({
  providers: [UnitReplica, UnitReplicaHandlers, UnitResolver, UnitReplicaHealth, ...unitScopeProviders()],
  exports: [UnitReplica, UnitReplicaHandlers, UnitResolver, UnitProvinces, UnitScope],
})
export class UnitReplicaModule {}

/** The providers of the replica, for services that list providers themselves. */
export const unitReplicaProviders: Provider[] = [UnitReplica, UnitReplicaHandlers, UnitResolver, UnitReplicaHealth, ...unitScopeProviders()];

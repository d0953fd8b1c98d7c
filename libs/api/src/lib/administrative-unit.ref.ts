import { Directive, Field, ID, ObjectType, ResolveReference } from '@nestjs/graphql';
import { DateScalar } from './date.scalar';

/** The federation key of merger-service's `AdministrativeUnit` entity. */
export interface AdministrativeUnitKey {
  code: string;
  validFrom: string;
}

/**
 * Stub of merger-service's `AdministrativeUnit` entity, for a service that extends it with fields
 * of its own (dossier statistics, petition statistics). Add it to the subgraph's `orphanedTypes`.
 */
@ObjectType('AdministrativeUnit')
@Directive('@key(fields: "code validFrom")')
export class AdministrativeUnitRef implements AdministrativeUnitKey {
  @Field(() => ID) code!: string;
  @Field(() => DateScalar) validFrom!: string;
}

/**
 * Base of a `@Resolver(() => AdministrativeUnitRef)` that adds fields to the entity: the reference
 * resolver (the key is all this subgraph knows of a unit) is inherited.
 */
export abstract class AdministrativeUnitExtensionResolver {
  @ResolveReference()
  resolveReference(reference: AdministrativeUnitKey): AdministrativeUnitRef {
    return { code: reference.code, validFrom: reference.validFrom };
  }
}

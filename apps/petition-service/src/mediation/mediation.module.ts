import { Module } from '@nestjs/common';
import { UnitReplicaModule } from '@xaso/unit-replica';
import { RecordUnit } from '../common/application/record-unit';
import { MediationResolver } from './api/graphql/mediation.resolver';
import { ListMediationCases } from './application/list-mediation-cases.query';
import { MediationRepository } from './application/mediation.repository.port';
import { MediationSummaryQuery } from './application/mediation-summary.query';
import { RecordMediationCase } from './application/record-mediation-case.use-case';
import { UpdateMediationOutcome } from './application/update-mediation-outcome.use-case';
import { PgMediationRepository } from './infrastructure/pg-mediation.repository';

/** Grassroots mediation cases (hòa giải ở cơ sở): recorded, their outcome updated, listed and summarised. */
@Module({
  imports: [UnitReplicaModule],
  providers: [
    { provide: MediationRepository, useClass: PgMediationRepository },
    RecordUnit,
    RecordMediationCase,
    UpdateMediationOutcome,
    ListMediationCases,
    MediationSummaryQuery,
    MediationResolver,
  ],
})
export class MediationModule {}

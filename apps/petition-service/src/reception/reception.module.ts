import { Module } from '@nestjs/common';
import { UnitReplicaModule } from '@xaso/unit-replica';
import { RecordUnit } from '../common/application/record-unit';
import { ReceptionResolver } from './api/graphql/reception.resolver';
import { ListReceptionSessions } from './application/list-reception-sessions.query';
import { ReceptionCompliance } from './application/reception-compliance.query';
import { ReceptionRepository } from './application/reception.repository.port';
import { RecordReceptionSession } from './application/record-reception-session.use-case';
import { PgReceptionRepository } from './infrastructure/pg-reception.repository';

/** Citizen reception sessions (tiếp công dân) and the chairperson compliance check. */
@Module({
  imports: [UnitReplicaModule],
  providers: [
    { provide: ReceptionRepository, useClass: PgReceptionRepository },
    RecordUnit,
    RecordReceptionSession,
    ListReceptionSessions,
    ReceptionCompliance,
    ReceptionResolver,
  ],
})
export class ReceptionModule {}

import { Module } from '@nestjs/common';
import { ProceduresResolver } from './api/graphql/procedures.resolver';
import { ProceduresController } from './api/rest/procedures.controller';
import { GetProcedure } from './application/get-procedure.query';
import { ListProcedures } from './application/list-procedures.query';
import { ProcedureRepository } from './application/procedure.repository.port';
import { UpsertProcedure } from './application/upsert-procedure.use-case';
import { PgProcedureRepository } from './infrastructure/pg-procedure.repository';
import { ProcedureSeeder } from './infrastructure/procedure-seeder';

/** The procedure catalogue: seeded at start-up, public reads, the ADMIN editor. */
@Module({
  controllers: [ProceduresController],
  providers: [
    { provide: ProcedureRepository, useClass: PgProcedureRepository },
    ProcedureSeeder,
    GetProcedure,
    ListProcedures,
    UpsertProcedure,
    ProceduresResolver,
  ],
  exports: [ProcedureRepository],
})
export class ProceduresModule {}

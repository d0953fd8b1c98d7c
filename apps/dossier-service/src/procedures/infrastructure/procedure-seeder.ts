import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PROCEDURE_SEED } from '../domain';
import { ProcedureRepository } from '../application/procedure.repository.port';

/** Loads the commune-level seed catalogue (procedures/domain) at start-up; upsert by code, so idempotent. */
@Injectable()
export class ProcedureSeeder implements OnModuleInit {
  constructor(private readonly procedures: ProcedureRepository) {}

  async onModuleInit(): Promise<void> {
    await this.procedures.upsert(
      PROCEDURE_SEED.map((p) => ({
        code: p.code,
        name: p.name,
        field: p.field,
        competentLevel: p.competentLevel,
        processingDays: p.processingDays,
        fee: p.fee,
        feeNote: p.feeNote,
        requiredDocuments: [...p.requiredDocuments],
        onlineLevel: p.onlineLevel,
        active: p.active,
        legalBasis: p.legalBasis,
        maxProcessingDays: p.maxProcessingDays ?? null,
      })),
    );
  }
}

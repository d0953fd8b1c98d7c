import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PROCEDURE_SEED } from '../../dossiers/application/domain-bridge';
import { ProcedureRepository } from './procedure.repository';

/** Loads the commune-level seed catalogue at start-up (upsert by code: idempotent). */
@Injectable()
export class ProcedureSeeder implements OnModuleInit {
  constructor(private readonly procedures: ProcedureRepository) {}

  async onModuleInit(): Promise<void> {
    await this.procedures.upsert(PROCEDURE_SEED);
  }
}

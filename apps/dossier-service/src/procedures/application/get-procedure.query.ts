import { Injectable } from '@nestjs/common';
import { type ProcedureRecord, ProcedureRepository } from './procedure.repository.port';

/** One catalogue entry by code (inactive entries too), or null. */
@Injectable()
export class GetProcedure {
  constructor(private readonly procedures: ProcedureRepository) {}

  execute(code: string): Promise<ProcedureRecord | null> {
    return this.procedures.find(code);
  }
}

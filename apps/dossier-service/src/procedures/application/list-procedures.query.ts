import { Injectable } from '@nestjs/common';
import { type ProcedureRecord, ProcedureRepository } from './procedure.repository.port';

/** The active catalogue, by field then code; `search` matches code, name or field (accents and case ignored). */
@Injectable()
export class ListProcedures {
  constructor(private readonly procedures: ProcedureRepository) {}

  execute(search: string | undefined, offset: number, limit: number): Promise<{ items: ProcedureRecord[]; total: number }> {
    return this.procedures.search(search, offset, limit);
  }
}

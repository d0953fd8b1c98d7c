import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@xaso/api';
import { type Procedure, validateProcedure } from '../domain';
import { type ProcedureRecord, ProcedureRepository } from './procedure.repository.port';

export interface ProcedureUpsert {
  code: string;
  name: string;
  field: string;
  competentLevel: 'COMMUNE' | 'PROVINCE';
  processingDays: number;
  maxProcessingDays?: number | null;
  fee: number;
  feeNote?: string | null;
  requiredDocuments: string[];
  onlineLevel: 'FULL' | 'PARTIAL';
  active?: boolean;
  legalBasis: string;
}

/**
 * ADMIN catalogue editor: validates with the domain rules (`validateProcedure`, the same as the
 * seed list's) and adds or replaces the entry by code. New dossiers use it at once; dossiers
 * already received keep the processing time they were received with.
 */
@Injectable()
export class UpsertProcedure {
  constructor(private readonly repository: ProcedureRepository) {}

  async execute(input: ProcedureUpsert, actor: string): Promise<ProcedureRecord> {
    const procedure: Procedure = {
      code: input.code,
      name: input.name?.trim(),
      field: input.field?.trim(),
      competentLevel: input.competentLevel,
      processingDays: input.processingDays,
      ...(input.maxProcessingDays != null ? { maxProcessingDays: input.maxProcessingDays } : {}),
      fee: input.fee,
      feeNote: input.feeNote?.trim() || null,
      requiredDocuments: (input.requiredDocuments ?? []).map((d) => d.trim()),
      onlineLevel: input.onlineLevel,
      active: input.active ?? true,
      legalBasis: input.legalBasis?.trim(),
    };
    const problems = validateProcedure(procedure);
    if (!procedure.legalBasis) problems.push({ field: 'legalBasis', message: 'Legal basis (căn cứ pháp lý) is required' });
    if (problems.length) {
      throw new ValidationFailedError(
        `Invalid procedure ${input.code}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
        `Thủ tục ${input.code} không hợp lệ`,
        { problems },
      );
    }
    const record: ProcedureRecord = {
      code: procedure.code,
      name: procedure.name,
      field: procedure.field,
      competentLevel: procedure.competentLevel,
      processingDays: procedure.processingDays,
      maxProcessingDays: procedure.maxProcessingDays ?? null,
      fee: procedure.fee,
      feeNote: procedure.feeNote,
      requiredDocuments: procedure.requiredDocuments,
      onlineLevel: procedure.onlineLevel,
      active: procedure.active,
      legalBasis: procedure.legalBasis,
    };
    await this.repository.upsert([record], actor);
    return (await this.repository.find(record.code)) ?? record;
  }
}

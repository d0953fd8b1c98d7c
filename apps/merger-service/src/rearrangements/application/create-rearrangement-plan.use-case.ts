import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { Role } from '@xaso/auth';
import type { LocalDate } from '@xaso/calendar';
import { TransactionRunner } from '@xaso/persistence';
import { v7 as uuidv7 } from 'uuid';
import type { PlanEntry, RearrangementPlan } from '../domain/plan';
import { checkLegalBasis, checkPlanEntry } from '../domain/plan-entry-shape';
import { InvalidPlanEntryError } from '../domain/rearrangement-errors';
import { assertCanManagePlan } from './plan-access';
import { RearrangementPlanRepository } from './rearrangement-plan.repository.port';

export interface CreatePlanCommand {
  resolutionNumber: string;
  resolutionDate: LocalDate;
  effectiveDate: LocalDate;
  /** Default: the province of a PROVINCE_OFFICER; null (national) for an ADMIN. */
  provinceCode?: string | null;
  title?: string | null;
  entries?: Record<string, unknown>[];
  user: AuthUser;
  /** Loading history (e.g. 2025): the plan's effect is already in the registry. */
  imported?: boolean;
}

/** A new plan in DRAFT, with its legal basis and effective date (and optionally its first entries). */
@Injectable()
export class CreateRearrangementPlan {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly plans: RearrangementPlanRepository,
  ) {}

  async execute(command: CreatePlanCommand): Promise<RearrangementPlan> {
    const legalBasis = checkLegalBasis(command, command.effectiveDate);
    const provinceCode =
      command.provinceCode === undefined
        ? command.user.roles.includes(Role.ADMIN)
          ? null
          : (command.user.unitCode ?? null)
        : command.provinceCode;
    if (provinceCode !== null && !/^\d{2}$/.test(provinceCode)) {
      throw new InvalidPlanEntryError(`provinceCode must be 2 digits: ${provinceCode}`, `Mã tỉnh phải gồm 2 chữ số: ${provinceCode}`, { field: 'provinceCode' });
    }
    assertCanManagePlan(command.user, provinceCode);
    const title = command.title?.normalize('NFC').trim() || null;
    if (title && title.length > 300) throw new InvalidPlanEntryError('title must be at most 300 characters', 'Tiêu đề tối đa 300 ký tự', { field: 'title' });
    const entries: PlanEntry[] = (command.entries ?? []).map((e) => checkPlanEntry(e));
    const now = new Date().toISOString();
    const plan: RearrangementPlan = {
      id: uuidv7(),
      legalBasis,
      effectiveDate: command.effectiveDate,
      status: 'DRAFT',
      provinceCode,
      title,
      entries,
      imported: command.imported ?? false,
      createdBy: command.user.sub,
      createdAt: now,
      updatedAt: now,
    };
    await this.transactions.run(() => this.plans.save(plan));
    return plan;
  }
}

import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection, DateScalar, DateTimeScalar } from '@xaso/api';
import { UnitLevel } from '../../../units/domain/unit';
import { PLAN_ENTRY_KINDS, PLAN_STATUSES, type PlanEntry } from '../../domain/plan';
import type { IndexedEntry, PlanSummary } from '../../application/rearrangement-plan.repository.port';

export enum PlanStatusEnum {
  DRAFT = 'DRAFT',
  VALIDATED = 'VALIDATED',
  SCHEDULED = 'SCHEDULED',
  APPLYING = 'APPLYING',
  APPLIED = 'APPLIED',
  FAILED = 'FAILED',
  COMPENSATED = 'COMPENSATED',
  FAILED_TO_COMPENSATE = 'FAILED_TO_COMPENSATE',
}
export enum PlanEntryKindEnum {
  MERGE = 'MERGE',
  DIVIDE = 'DIVIDE',
  RENAME = 'RENAME',
  RECLASSIFY = 'RECLASSIFY',
  MOVE = 'MOVE',
  ABOLISH = 'ABOLISH',
}
// The GraphQL enums are the domain's lists, value for value.
void (PLAN_STATUSES satisfies readonly `${PlanStatusEnum}`[]);
void (PLAN_ENTRY_KINDS satisfies readonly `${PlanEntryKindEnum}`[]);

registerEnumType(PlanStatusEnum, { name: 'RearrangementPlanStatus', description: 'DRAFT → VALIDATED → SCHEDULED → APPLYING → APPLIED (or FAILED / COMPENSATED / FAILED_TO_COMPENSATE)' });
registerEnumType(PlanEntryKindEnum, { name: 'PlanEntryKind', description: 'MERGE (sources → one target), DIVIDE (one source → parts), RENAME, RECLASSIFY (xã → phường…), MOVE (other parent), ABOLISH (districts)' });

@ObjectType('LegalBasis', { description: 'Căn cứ pháp lý: the resolution deciding the rearrangement' })
export class LegalBasisModel {
  @Field() resolutionNumber!: string;
  @Field(() => DateScalar) resolutionDate!: string;
}

@ObjectType('PlanTargetUnit', { description: 'A unit version the plan creates on its effective date' })
export class PlanTargetUnitModel {
  @Field(() => ID) code!: string;
  @Field() name!: string;
  @Field() type!: string;
  @Field(() => ID, { nullable: true }) parentCode!: string | null;
  @Field(() => UnitLevel, { nullable: true }) level?: UnitLevel | null;
}

@ObjectType('PlanDivisionPart', { description: 'Where part of a divided unit goes, with the villages it receives where known' })
export class PlanDivisionPartModel {
  @Field(() => ID) code!: string;
  @Field(() => [ID]) villageCodes!: string[];
  @Field(() => PlanTargetUnitModel, { nullable: true }) unit!: PlanTargetUnitModel | null;
}

@ObjectType('PlanEntry', { description: 'One change of a plan; the fields its kind uses are set' })
export class PlanEntryModel {
  @Field(() => Int, { description: 'Position in the plan (0-based)' }) index!: number;
  @Field(() => PlanEntryKindEnum) kind!: PlanEntryKindEnum;
  @Field(() => [ID], { description: 'MERGE sources; the single source of the other kinds' }) sources!: string[];
  @Field(() => PlanTargetUnitModel, { nullable: true, description: 'MERGE target' }) target!: PlanTargetUnitModel | null;
  @Field(() => [PlanDivisionPartModel], { description: 'DIVIDE parts' }) parts!: PlanDivisionPartModel[];
  @Field(() => String, { nullable: true, description: 'RENAME / RECLASSIFY new name' }) name!: string | null;
  @Field(() => String, { nullable: true, description: 'RECLASSIFY new type' }) type!: string | null;
  @Field(() => ID, { nullable: true, description: 'RENAME / RECLASSIFY new code' }) newCode!: string | null;
  @Field(() => ID, { nullable: true, description: 'MOVE new parent' }) parentCode!: string | null;
  @Field(() => [ID], { description: 'ABOLISH: the units its open records go to' }) recordsTo!: string[];

  static of({ index, entry }: IndexedEntry): PlanEntryModel {
    const e = entry as PlanEntry & Record<string, unknown>;
    return {
      index,
      kind: entry.kind as PlanEntryKindEnum,
      sources: entry.kind === 'MERGE' ? entry.sources : entry.kind === 'DIVIDE' ? [entry.source] : [entry.code],
      target: entry.kind === 'MERGE' ? { ...entry.target, level: entry.target.level ?? null } : null,
      parts: entry.kind === 'DIVIDE' ? entry.parts.map((p) => ({ code: p.code, villageCodes: p.villageCodes ?? [], unit: p.unit ? { ...p.unit, level: p.unit.level ?? null } : null })) : [],
      name: typeof e.name === 'string' ? e.name : null,
      type: typeof e.type === 'string' ? e.type : null,
      newCode: typeof e.newCode === 'string' ? e.newCode : null,
      parentCode: entry.kind === 'MOVE' ? entry.parentCode : null,
      recordsTo: entry.kind === 'ABOLISH' ? (entry.recordsTo ?? []) : [],
    };
  }
}

@ObjectType('PlanEntryConnection')
export class PlanEntryConnection extends Connection(PlanEntryModel, 'PlanEntry') {}

@Directive('@key(fields: "id")')
@ObjectType('RearrangementPlan', { description: 'Phương án sắp xếp đơn vị hành chính: legal basis, effective date, entries, state' })
export class RearrangementPlanModel {
  @Field(() => ID) id!: string;
  @Field(() => LegalBasisModel) legalBasis!: LegalBasisModel;
  @Field(() => DateScalar) effectiveDate!: string;
  @Field(() => PlanStatusEnum) status!: PlanStatusEnum;
  @Field(() => ID, { nullable: true, description: 'The province the plan concerns; null: national' }) provinceCode!: string | null;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field({ description: 'Its effect was already in the registry when loaded (imported history, e.g. 2025)' }) imported!: boolean;
  @Field(() => Int) entryCount!: number;
  @Field() createdBy!: string;
  @Field(() => DateTimeScalar) createdAt!: string;
  @Field(() => DateTimeScalar) updatedAt!: string;

  static of(plan: PlanSummary): RearrangementPlanModel {
    return { ...plan, status: plan.status as PlanStatusEnum };
  }
}

@ObjectType('RearrangementPlanConnection')
export class RearrangementPlanConnection extends Connection(RearrangementPlanModel, 'RearrangementPlan') {}

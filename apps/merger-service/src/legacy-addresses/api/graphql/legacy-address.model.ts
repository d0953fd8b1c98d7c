import { ArgsType, Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from '@xaso/api';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { AdministrativeUnitModel } from '../../../units/api/graphql/unit.model';
import type { LegacyAddressResolution } from '../../domain/resolve-legacy-address';

export enum AddressMatchMethod {
  EXACT = 'EXACT',
  FOLDED = 'FOLDED',
  ABBREVIATED = 'ABBREVIATED',
  PREFIX_STRIPPED = 'PREFIX_STRIPPED',
  ALIAS = 'ALIAS',
  TYPE_DIFFERS = 'TYPE_DIFFERS',
  NOT_GIVEN = 'NOT_GIVEN',
}
export enum AddressResolutionStatus {
  RESOLVED = 'RESOLVED',
  AMBIGUOUS = 'AMBIGUOUS',
  NOT_FOUND = 'NOT_FOUND',
}
registerEnumType(AddressMatchMethod, {
  name: 'AddressMatchMethod',
  description:
    'EXACT (full name, accents and all), FOLDED (without accents), ABBREVIATED (P., Q., TX., TP., H., X., TT.), PREFIX_STRIPPED (no type written), ALIAS (HCM, Sài Gòn…), TYPE_DIFFERS (another type written), NOT_GIVEN',
});
registerEnumType(AddressResolutionStatus, { name: 'AddressResolutionStatus', description: 'RESOLVED (one candidate), AMBIGUOUS (several: all answered), NOT_FOUND' });

@ArgsType()
export class ResolveLegacyAddressArgs {
  @Field({ description: 'Phường / xã / thị trấn as written, e.g. "P. Bến Nghé"' }) @IsString() @MaxLength(200) ward!: string;
  @Field(() => String, { nullable: true, description: 'Quận / huyện / thị xã / thành phố, e.g. "Q1"' }) @IsOptional() @IsString() @MaxLength(200) district?: string;
  @Field(() => String, { nullable: true, description: 'Tỉnh / thành phố, e.g. "TP HCM"' }) @IsOptional() @IsString() @MaxLength(200) province?: string;
  @Field(() => DateScalar, { nullable: true, description: 'The day the address was written for (default 2025-06-30)' }) @IsOptional() @IsString() asOf?: string;
}

@ObjectType('AddressMatchByLevel')
export class AddressMatchByLevel {
  @Field(() => AddressMatchMethod) commune!: AddressMatchMethod;
  @Field(() => AddressMatchMethod) district!: AddressMatchMethod;
  @Field(() => AddressMatchMethod) province!: AddressMatchMethod;
}

@ObjectType('LegacyAddressCandidate')
export class LegacyAddressCandidateModel {
  @Field(() => AdministrativeUnitModel, { description: 'The legacy commune (on asOf)' }) commune!: AdministrativeUnitModel;
  @Field(() => AdministrativeUnitModel, { nullable: true }) district!: AdministrativeUnitModel | null;
  @Field(() => AdministrativeUnitModel, { nullable: true }) province!: AdministrativeUnitModel | null;
  @Field(() => AddressMatchMethod, { description: 'The weakest method among the levels given' }) match!: AddressMatchMethod;
  @Field(() => AddressMatchByLevel) matchByLevel!: AddressMatchByLevel;
  @Field(() => [AdministrativeUnitModel], { description: 'The unit(s) in force today it became (several for a divided commune)' }) current!: AdministrativeUnitModel[];
  @Field() divided!: boolean;
}

@ObjectType('LegacyAddressResolution')
export class LegacyAddressResolutionModel {
  @Field(() => AddressResolutionStatus) status!: AddressResolutionStatus;
  @Field(() => String, { nullable: true, description: 'WARD_MISSING, PROVINCE_NOT_FOUND, DISTRICT_NOT_FOUND, WARD_NOT_FOUND' }) reason!: string | null;
  @Field(() => DateScalar) asOf!: string;
  @Field(() => [LegacyAddressCandidateModel]) candidates!: LegacyAddressCandidateModel[];

  static of(r: LegacyAddressResolution, today: string): LegacyAddressResolutionModel {
    return {
      status: r.status as AddressResolutionStatus,
      reason: r.reason,
      asOf: r.asOf,
      candidates: r.candidates.map((c) => ({
        commune: AdministrativeUnitModel.of(c.commune, r.asOf),
        district: c.district && AdministrativeUnitModel.of(c.district, r.asOf),
        province: c.province && AdministrativeUnitModel.of(c.province, r.asOf),
        match: c.match as AddressMatchMethod,
        matchByLevel: c.matchByLevel as AddressMatchByLevel,
        current: c.current.map((u) => AdministrativeUnitModel.of(u, today)),
        divided: c.divided,
      })),
    };
  }
}

import { Directive, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection, DateScalar } from '@xaso/api';
import type { LocalDate } from '@xaso/calendar';
import { type AdministrativeUnit, UnitLevel } from '../../domain/unit';

registerEnumType(UnitLevel, { name: 'UnitLevel', description: 'Tier of an administrative unit (cấp hành chính)' });

/**
 * A version of an administrative unit. Identity: (code, validFrom); codes are reused over time.
 * Carries the day the caller asked about (`asOf`) so nested fields answer for that same day.
 */
@ObjectType('AdministrativeUnit', { description: 'Đơn vị hành chính (one version of it, identified by code + validFrom)' })
@Directive('@key(fields: "code validFrom")')
export class AdministrativeUnitModel {
  @Field(() => ID) code!: string;
  @Field() name!: string;
  @Field(() => UnitLevel) level!: UnitLevel;
  @Field({ description: 'Tỉnh, Thành phố, Quận, Huyện, Thị xã, Phường, Xã, Thị trấn, Đặc khu, Thôn, Tổ dân phố' })
  type!: string;
  @Field(() => DateScalar) validFrom!: LocalDate;
  @Field(() => DateScalar, { nullable: true }) validTo!: LocalDate | null;

  parentCode!: string | null;
  parentValidFrom!: LocalDate | null;
  /** The day the enclosing query asked about (not a schema field). */
  asOf!: LocalDate;

  static of(unit: AdministrativeUnit, asOf: LocalDate): AdministrativeUnitModel {
    return Object.assign(new AdministrativeUnitModel(), unit, { asOf });
  }
}

@ObjectType('AdministrativeUnitConnection')
export class AdministrativeUnitConnection extends Connection(AdministrativeUnitModel, 'AdministrativeUnit') {}

import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DateScalar } from '@xaso/api';
import type { CalendarEntry, HolidayGroup } from '@xaso/calendar';

/** The public holiday an entry belongs to (the values of @xaso/calendar's `HolidayGroup`). */
export enum HolidayGroupEnum {
  NEW_YEAR = 'NEW_YEAR',
  TET = 'TET',
  HUNG_KINGS = 'HUNG_KINGS',
  REUNIFICATION_LABOUR = 'REUNIFICATION_LABOUR',
  NATIONAL_DAY = 'NATIONAL_DAY',
}
registerEnumType(HolidayGroupEnum, { name: 'HolidayGroup', description: 'Ngày lễ: Tết Dương lịch, Tết Nguyên đán, Giỗ Tổ, 30/4–1/5, Quốc khánh' });

/** What a calendar entry is (the values of @xaso/calendar's `CalendarEntry.kind`). */
export enum CalendarEntryKind {
  HOLIDAY = 'HOLIDAY',
  COMPENSATION = 'COMPENSATION',
  SWAP_DAY_OFF = 'SWAP_DAY_OFF',
}
registerEnumType(CalendarEntryKind, { name: 'CalendarEntryKind', description: 'Ngày lễ, nghỉ bù, nghỉ hoán đổi' });

@InputType()
export class CalendarEntryInput {
  @Field(() => DateScalar) @ApiProperty({ format: 'date', example: '2026-08-29' }) @IsString() date!: string;
  @Field() @ApiProperty({ example: 'Nghỉ hoán đổi' }) @IsString() @MinLength(1) @MaxLength(300) reason!: string;
  @Field(() => HolidayGroupEnum, { nullable: true })
  @ApiPropertyOptional({ enum: Object.values(HolidayGroupEnum) })
  @IsOptional()
  @IsEnum(HolidayGroupEnum)
  group?: HolidayGroupEnum;
  @Field(() => CalendarEntryKind, { nullable: true })
  @ApiPropertyOptional({ enum: Object.values(CalendarEntryKind) })
  @IsOptional()
  @IsEnum(CalendarEntryKind)
  kind?: CalendarEntryKind;
}

@ObjectType('CalendarEntry')
export class CalendarEntryModel {
  @Field(() => DateScalar) date!: string;
  @Field() reason!: string;
  @Field(() => HolidayGroupEnum, { nullable: true }) group?: string | null;
  @Field(() => CalendarEntryKind, { nullable: true }) kind?: string | null;
}

@ObjectType('CalendarYear', { description: 'Ngày nghỉ và ngày làm bù của một năm (bảng lịch làm việc)' })
export class CalendarYearModel {
  @Field(() => Int) year!: number;
  @Field(() => [CalendarEntryModel]) daysOff!: CalendarEntryModel[];
  @Field(() => [CalendarEntryModel]) workingDays!: CalendarEntryModel[];
  @Field() updatedAt!: Date;
}

export const toEntry = (e: CalendarEntryInput): CalendarEntry => ({
  date: e.date,
  reason: e.reason,
  ...(e.group ? { group: e.group as HolidayGroup } : {}),
  ...(e.kind ? { kind: e.kind as CalendarEntry['kind'] } : {}),
});

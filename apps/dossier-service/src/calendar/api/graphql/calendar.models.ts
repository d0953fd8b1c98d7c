import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DateScalar } from '@xaso/api';
import type { CalendarEntry, HolidayGroup } from '@xaso/calendar';

@InputType()
export class CalendarEntryInput {
  @Field(() => DateScalar) @ApiProperty({ format: 'date', example: '2026-08-29' }) @IsString() date!: string;
  @Field() @ApiProperty({ example: 'Nghỉ hoán đổi' }) @IsString() @MinLength(1) @MaxLength(300) reason!: string;
  @Field({ nullable: true })
  @ApiPropertyOptional({ enum: ['NEW_YEAR', 'TET', 'HUNG_KINGS', 'REUNIFICATION_LABOUR', 'NATIONAL_DAY'] })
  @IsOptional()
  @IsIn(['NEW_YEAR', 'TET', 'HUNG_KINGS', 'REUNIFICATION_LABOUR', 'NATIONAL_DAY'])
  group?: string;
  @Field({ nullable: true })
  @ApiPropertyOptional({ enum: ['HOLIDAY', 'COMPENSATION', 'SWAP_DAY_OFF'] })
  @IsOptional()
  @IsIn(['HOLIDAY', 'COMPENSATION', 'SWAP_DAY_OFF'])
  kind?: string;
}

@ObjectType('CalendarEntry')
export class CalendarEntryModel {
  @Field(() => DateScalar) date!: string;
  @Field() reason!: string;
  @Field(() => String, { nullable: true }) group?: string | null;
  @Field(() => String, { nullable: true }) kind?: string | null;
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

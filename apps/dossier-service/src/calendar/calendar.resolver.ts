import { Args, Field, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { DateScalar } from '@xaso/api';
import { type AuthUser, CurrentUser, Public, Role, Roles } from '@xaso/auth';
import type { CalendarEntry, HolidayGroup } from '@xaso/calendar';
import { CalendarEntryInput } from '../dossiers/api/dossier.models';
import { CalendarService } from './calendar.service';

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

@Resolver(() => CalendarYearModel)
export class CalendarResolver {
  constructor(private readonly calendar: CalendarService) {}

  @Public()
  @Query(() => CalendarYearModel, { nullable: true, description: 'The announced days off and make-up working days of a year' })
  calendarYear(@Args('year', { type: () => Int }) year: number) {
    return this.calendar.year(year);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => CalendarYearModel, { description: 'ADMIN: replace a year’s table; deadlines use it at once' })
  setCalendarYear(
    @CurrentUser() user: AuthUser,
    @Args('year', { type: () => Int }) year: number,
    @Args('daysOff', { type: () => [CalendarEntryInput] }) daysOff: CalendarEntryInput[],
    @Args('workingDays', { type: () => [CalendarEntryInput] }) workingDays: CalendarEntryInput[],
  ) {
    return this.calendar.setYear({ year, daysOff: daysOff.map(toEntry), workingDays: workingDays.map(toEntry) }, user.sub);
  }
}

import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type AuthUser, CurrentUser, Public, Role, Roles } from '@xaso/auth';
import { GetCalendarYear } from '../../application/get-calendar-year.query';
import { SetCalendarYear } from '../../application/set-calendar-year.use-case';
import { CalendarEntryInput, CalendarYearModel, toEntry } from './calendar.models';

@Resolver(() => CalendarYearModel)
export class CalendarResolver {
  constructor(
    private readonly getYear: GetCalendarYear,
    private readonly setYear: SetCalendarYear,
  ) {}

  @Public()
  @Query(() => CalendarYearModel, { nullable: true, description: 'The announced days off and make-up working days of a year' })
  calendarYear(@Args('year', { type: () => Int }) year: number) {
    return this.getYear.execute(year);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => CalendarYearModel, { description: 'ADMIN: replace a year’s table; deadlines use it at once' })
  setCalendarYear(
    @CurrentUser() user: AuthUser,
    @Args('year', { type: () => Int }) year: number,
    @Args('daysOff', { type: () => [CalendarEntryInput] }) daysOff: CalendarEntryInput[],
    @Args('workingDays', { type: () => [CalendarEntryInput] }) workingDays: CalendarEntryInput[],
  ) {
    return this.setYear.execute({ year, daysOff: daysOff.map(toEntry), workingDays: workingDays.map(toEntry) }, user.sub);
  }
}

import { Module } from '@nestjs/common';
import { CalendarResolver } from './api/graphql/calendar.resolver';
import { CalendarController } from './api/rest/calendar.controller';
import { CalendarYearRepository } from './application/calendar-year.repository.port';
import { CurrentCalendar } from './application/current-calendar';
import { GetCalendarYear } from './application/get-calendar-year.query';
import { SetCalendarYear } from './application/set-calendar-year.use-case';
import { PgCalendarYearRepository } from './infrastructure/pg-calendar-year.repository';

/** The editable working calendar (`calendar_year`) and the deadlines computed with it. */
@Module({
  controllers: [CalendarController],
  providers: [
    { provide: CalendarYearRepository, useClass: PgCalendarYearRepository },
    CurrentCalendar,
    GetCalendarYear,
    SetCalendarYear,
    CalendarResolver,
  ],
  exports: [CurrentCalendar],
})
export class CalendarModule {}

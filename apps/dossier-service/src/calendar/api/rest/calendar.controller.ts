import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';
import { isDateTime, NotFoundError, ValidationFailedError } from '@xaso/api';
import { type AuthUser, CurrentUser, Public, Role, Roles } from '@xaso/auth';
import { atLocalTime, type DossierChannel, isValidLocalDate } from '@xaso/calendar';
import { ApiProblems } from '../../../common/api-problems';
import { CurrentCalendar } from '../../application/current-calendar';
import { GetCalendarYear } from '../../application/get-calendar-year.query';
import { SetCalendarYear } from '../../application/set-calendar-year.use-case';
import type { StoredCalendarYear } from '../../domain';
import { CalendarEntryInput, toEntry } from '../graphql/calendar.models';

class CalendarYearBody {
  @ApiProperty({ type: [CalendarEntryInput], description: 'Announced days off (swap days off, Tết dates…) on top of the fixed rules' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CalendarEntryInput)
  daysOff!: CalendarEntryInput[];
  @ApiProperty({ type: [CalendarEntryInput], description: 'Make-up working days (usually Saturdays)' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CalendarEntryInput)
  workingDays!: CalendarEntryInput[];
}

class CalendarYearDto {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ type: [CalendarEntryInput] }) daysOff!: CalendarEntryInput[];
  @ApiProperty({ type: [CalendarEntryInput] }) workingDays!: CalendarEntryInput[];
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) updatedBy!: string | null;
}

class DueDateDto {
  @ApiProperty({ format: 'date-time', description: 'The instant counted from (a bare date means 08:00 local that day)' }) receivedAt!: string;
  @ApiProperty({ enum: ['ONLINE', 'DIRECT', 'POSTAL'] }) channel!: DossierChannel;
  @ApiProperty({ description: 'Working days' }) days!: number;
  @ApiProperty({ format: 'date', description: 'The day counted as the day of receipt (not counted itself; after 15:00 on paper → next working day)' })
  receiptDate!: string;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({ format: 'date-time', description: '17:00 local on the due date' }) dueAt!: string;
}

const CHANNELS: DossierChannel[] = ['ONLINE', 'DIRECT', 'POSTAL'];

function yearOf(raw: string): number {
  const year = Number(raw);
  if (!/^\d{4}$/.test(raw) || year < 2000 || year > 2100) {
    throw new ValidationFailedError('year must be 2000–2100', 'Năm phải trong khoảng 2000–2100', { field: 'year' });
  }
  return year;
}

const view = (y: StoredCalendarYear) => ({ year: y.year, daysOff: y.daysOff, workingDays: y.workingDays, updatedAt: y.updatedAt, updatedBy: y.updatedBy });

/** The working calendar over REST for agencies (mirrors `calendarYear` / `setCalendarYear`). */
@ApiTags('calendar')
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(
    private readonly calendar: CurrentCalendar,
    private readonly getYear: GetCalendarYear,
    private readonly setYear: SetCalendarYear,
  ) {}

  @Public()
  @Get('working-days')
  @ApiOperation({ summary: 'Due date: `days` working days after `from`, with the one-stop-shop receipt rules (15:00 cut-off on paper)' })
  @ApiQuery({ name: 'from', required: true, description: 'YYYY-MM-DD or an ISO date-time (the receipt instant)', example: '2026-04-27' })
  @ApiQuery({ name: 'days', required: true, schema: { type: 'integer', minimum: 0, maximum: 365 }, example: 5 })
  @ApiQuery({ name: 'channel', required: false, enum: CHANNELS, description: 'Default DIRECT (paper: 15:00 cut-off)' })
  @ApiOkResponse({ type: DueDateDto })
  @ApiProblems(400)
  workingDays(@Query('from') from?: string, @Query('days') days?: string, @Query('channel') channel?: string) {
    const n = Number(days);
    if (days === undefined || !/^\d{1,3}$/.test(days) || n > 365) {
      throw new ValidationFailedError('days must be a whole number 0–365', 'Số ngày làm việc phải là số nguyên 0–365', { field: 'days' });
    }
    let receivedAt: Date;
    if (from && isValidLocalDate(from)) receivedAt = atLocalTime(from, 8 * 60);
    else if (from && isDateTime(from)) receivedAt = new Date(from);
    else throw new ValidationFailedError('from must be YYYY-MM-DD or an ISO date-time', 'from phải là YYYY-MM-DD hoặc thời điểm ISO', { field: 'from' });
    const ch = (channel ?? 'DIRECT') as DossierChannel;
    if (!CHANNELS.includes(ch)) {
      throw new ValidationFailedError('channel must be ONLINE, DIRECT or POSTAL', 'Kênh nộp phải là ONLINE, DIRECT hoặc POSTAL', { field: 'channel' });
    }
    const result = this.calendar.deadlines.deadlineFor({ receivedAt, workingDays: n, channel: ch });
    return { receivedAt: receivedAt.toISOString(), channel: ch, days: n, receiptDate: result.receiptDate, dueDate: result.dueDate, dueAt: result.dueAt?.toISOString() };
  }

  @Public()
  @Get(':year')
  @ApiOperation({ summary: 'The announced days off and make-up working days of a year' })
  @ApiParam({ name: 'year', example: 2026 })
  @ApiOkResponse({ type: CalendarYearDto })
  @ApiProblems(400, 404)
  async get(@Param('year') raw: string) {
    const year = yearOf(raw);
    const stored = await this.getYear.execute(year);
    if (!stored) throw new NotFoundError('Calendar table', 'bảng lịch làm việc năm', String(year));
    return view(stored);
  }

  @ApiBearerAuth()
  @Roles(Role.ADMIN)
  @Put(':year')
  @ApiOperation({ summary: 'ADMIN: replace a year’s table; deadlines use it at once' })
  @ApiParam({ name: 'year', example: 2026 })
  @ApiBody({ type: CalendarYearBody })
  @ApiOkResponse({ type: CalendarYearDto })
  @ApiProblems(400, 401, 403)
  async put(@CurrentUser() user: AuthUser, @Param('year') raw: string, @Body() body: CalendarYearBody) {
    const year = yearOf(raw);
    return view(await this.setYear.execute({ year, daysOff: body.daysOff.map(toEntry), workingDays: body.workingDays.map(toEntry) }, user.sub));
  }
}

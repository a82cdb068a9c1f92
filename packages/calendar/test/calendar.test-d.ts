import { expectTypeOf, test } from 'vitest';
import {
  addBusinessDays,
  businessDaysBetween,
  type CalendarOptions,
  type CalendarResult,
  type DeadlineOptions,
  deadline,
  type Holiday,
  holidays,
  isBusinessDay,
  isHoliday,
  type StatuteId,
  statutes,
  tryDeadline,
} from '../src/index.js';

test('the fixed API keeps its signatures', () => {
  expectTypeOf(holidays).parameter(0).toEqualTypeOf<number>();
  expectTypeOf(holidays).returns.toEqualTypeOf<Holiday[]>();
  expectTypeOf(isHoliday).parameter(0).toEqualTypeOf<Date | string>();
  expectTypeOf(isHoliday).returns.toEqualTypeOf<boolean>();
  expectTypeOf(isBusinessDay).parameters.toEqualTypeOf<[date: string, options?: CalendarOptions]>();
  expectTypeOf(isBusinessDay).returns.toEqualTypeOf<boolean>();
  expectTypeOf(addBusinessDays).returns.toEqualTypeOf<string>();
  expectTypeOf(businessDaysBetween).returns.toEqualTypeOf<number>();
  expectTypeOf(deadline).parameter(0).toEqualTypeOf<StatuteId>();
  expectTypeOf(deadline).parameter(1).toEqualTypeOf<Date>();
  expectTypeOf(deadline).parameter(2).toEqualTypeOf<DeadlineOptions | undefined>();
  expectTypeOf(deadline).returns.toEqualTypeOf<Date>();
  expectTypeOf(tryDeadline).returns.toEqualTypeOf<CalendarResult<Date>>();
});

test('Holiday has the shape of the issue', () => {
  expectTypeOf<Holiday['date']>().toEqualTypeOf<string>();
  expectTypeOf<Holiday['name']>().toEqualTypeOf<{ readonly tr: string; readonly en: string }>();
  expectTypeOf<Holiday['kind']>().toEqualTypeOf<'full' | 'half'>();
  expectTypeOf<Holiday['startsAt']>().toEqualTypeOf<Date>();
  expectTypeOf<Holiday['endsAt']>().toEqualTypeOf<Date>();
  expectTypeOf<Holiday['law']>().toEqualTypeOf<string>();
});

test('statute ids are checked at compile time', () => {
  expectTypeOf(statutes.ETK_RET_STOP_SENDING.basis).toEqualTypeOf<string>();
  // @ts-expect-error: not a statute id
  deadline('ETK_RET', new Date());
  // @ts-expect-error: halfDays is 'business' | 'holiday'
  isBusinessDay('2026-03-18', { halfDays: 'sometimes' });
});

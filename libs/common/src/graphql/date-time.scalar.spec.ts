import { Kind } from 'graphql';
import { DateTimeScalar } from './date-time.scalar';

describe('DateTimeScalar', () => {
  it.each([
    ['UTC', '2026-11-20T09:30:00Z', '2026-11-20T09:30:00.000Z'],
    ['with milliseconds', '2026-11-20T09:30:00.123Z', '2026-11-20T09:30:00.123Z'],
    ['with an offset (British Summer Time)', '2026-06-20T10:30:00+01:00', '2026-06-20T09:30:00.000Z'],
    ['29 February in a leap year', '2028-02-29T10:00:00Z', '2028-02-29T10:00:00.000Z'],
  ])('takes %s', (_what, text, instant) => {
    expect((DateTimeScalar.parseValue(text) as Date).toISOString()).toBe(instant);
    expect((DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: text }) as Date).toISOString()).toBe(instant);
  });

  it.each([
    ['30 February (Nest’s scalar made it 2 March)', '2026-02-30T10:00:00Z'],
    ['29 February in a common year', '2027-02-29T10:00:00Z'],
    ['31 April', '2026-04-31T10:00:00Z'],
    ['month 13', '2026-13-01T10:00:00Z'],
    ['hour 24', '2026-11-20T24:00:00Z'],
    ['a date without a time', '2026-11-20'],
    ['a time without a zone', '2026-11-20T09:30:00'],
    ['words', 'next Tuesday'],
    ['empty', ''],
    ['a number of milliseconds', 0],
    ['a boolean', true],
  ])('refuses %s', (_what, value) => {
    expect(() => DateTimeScalar.parseValue(value)).toThrow(
      'A DateTime must be a real date and time written like 2026-11-20T09:30:00Z',
    );
  });

  it('refuses a literal that is not a string', () => {
    expect(() => DateTimeScalar.parseLiteral({ kind: Kind.INT, value: '0' })).toThrow(
      'A DateTime must be a real date and time',
    );
  });

  it('writes an instant as ISO 8601 at UTC, as before', () => {
    expect(DateTimeScalar.serialize(new Date('2026-11-20T09:30:00+01:00'))).toBe('2026-11-20T08:30:00.000Z');
  });
});

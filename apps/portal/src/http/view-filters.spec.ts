import { daysBetweenDates, humanDates, idleTime, londonToday } from './view-filters';

describe('view filters', () => {
  it.each([
    [120, '2 hours'],
    [60, '1 hour'],
    [90, '90 minutes'],
    [5, '5 minutes'],
  ])('an idle timeout of %i minutes is "%s"', (minutes, text) => {
    expect(idleTime(minutes)).toBe(text);
  });

  it.each([
    [
      'Offered: Supported lodgings at 1 High Street from 2027-01-13',
      'Offered: Supported lodgings at 1 High Street from 13 January 2027',
    ],
    ['No date here', 'No date here'],
    [null, ''],
  ])('no ISO date reaches a page: %s', (text, shown) => {
    expect(humanDates(text)).toBe(shown);
  });

  it.each([
    ['2026-12-05', '2026-12-17', 12],
    ['2026-12-17', '2026-12-05', -12],
    ['2027-03-27', '2027-03-29', 2],
  ])('from %s to %s is %i days', (a, b, days) => {
    expect(daysBetweenDates(a, b)).toBe(days);
  });

  it.each([
    ['2026-06-30T23:30:00Z', '2026-07-01'],
    ['2026-12-31T23:30:00Z', '2026-12-31'],
  ])('at %s it is %s in London', (now, today) => {
    expect(londonToday(new Date(now))).toBe(today);
  });
});

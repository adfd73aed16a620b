import { farFromReleaseWarning, noLongerOpenMessage } from './referral-actions';
import { deadlineDistance, deadlineReason, responseDueLabel, telHref, urgencyLabel } from './referral-labels';

describe('what the officer sees to act', () => {
  it.each([
    ['FELL_THROUGH', 'CLOSED', 'Urgent'],
    ['DECLINED', 'CLOSED', 'Closed'],
    ['WITHDRAWN', 'CLOSED', 'Closed'],
    ['SENT', 'OVERDUE', 'Overdue'],
    ['CONFIRMED', 'DONE', 'Done'],
  ])('a %s referral (urgency %s) is tagged %s', (status, urgency, text) => {
    expect(urgencyLabel(status, urgency).text).toBe(text);
  });

  it.each([
    [-12, '12 days overdue'],
    [-1, '1 day overdue'],
    [0, 'due today'],
    [1, 'due tomorrow'],
    [9, 'due in 9 days'],
  ])('a deadline %i days away is %s', (days, text) => {
    expect(deadlineDistance(days)).toBe(text);
  });

  it.each([
    ['ACCOMMODATION', 'An address must be confirmed 28 days (4 weeks) before the earliest release date.'],
    [
      'EDUCATION',
      'A place at school, college or work must be confirmed 14 days (2 weeks) before the earliest release date.',
    ],
    ['HEALTH', 'The health handover must be arranged 14 days (2 weeks) before the earliest release date.'],
  ])('why a %s deadline is what it is', (type, text) => {
    expect(deadlineReason(type)).toBe(text);
  });

  const days = (amount: number) => ({ amount, unit: 'DAYS', direction: 'BEFORE' });
  it.each([
    [
      'ACCOMMODATION',
      '2026-11-13',
      '2026-12-11',
      days(28),
      '2026-12-11',
      'An address must be confirmed by 13 November 2026: 28 days (4 weeks) before the expected release date of 11 December 2026.',
    ],
    [
      'EDUCATION',
      '2026-12-29',
      '2027-01-12',
      days(14),
      '2027-01-12',
      'A place at school, college or work must be confirmed by 29 December 2026: 14 days (2 weeks) before the expected release date of 12 January 2027.',
    ],
    [
      'ACCOMMODATION',
      '2027-04-08',
      '2027-05-06',
      days(28),
      '2027-06-04',
      'An address must be confirmed by 8 April 2027: 28 days (4 weeks) before 6 May 2027, the earliest the child could be released (the expected release date is 4 June 2027).',
    ],
    // Counted back from 26 April 2027 lands on Easter Monday, and the day before is Good Friday: the due date is the
    // Thursday. Working back from the due date would give 22 April, a release date that is not the child's.
    [
      'ACCOMMODATION',
      '2027-03-25',
      '2027-04-26',
      days(28),
      '2027-04-26',
      'An address must be confirmed by 25 March 2027 (29 March 2027 is not a working day): 28 days (4 weeks) before the expected release date of 26 April 2027.',
    ],
    // A service that changed the rule: the api's offset, not the default.
    [
      'HEALTH',
      '2027-01-05',
      '2027-02-02',
      { amount: 20, unit: 'WORKING_DAYS', direction: 'BEFORE' },
      '2027-02-02',
      'The health handover must be arranged by 5 January 2027: 20 working days before the expected release date of 2 February 2027.',
    ],
    [
      'EDUCATION',
      '2027-01-19',
      '2027-01-26',
      days(7),
      null,
      'A place at school, college or work must be confirmed by 19 January 2027: 7 days (1 week) before 26 January 2027, the earliest the child could be released.',
    ],
    [
      'HEALTH',
      null,
      null,
      days(14),
      null,
      'The health handover must be arranged 14 days (2 weeks) before the earliest release date.',
    ],
  ])(
    'why a %s deadline due %s, counted from %s (%j), release %s, is what it is',
    (type, due, anchor, offset, release, text) => {
      expect(deadlineReason(type, { dueDate: due, anchorDate: anchor, offset }, release)).toBe(text);
    },
  );

  it('says why an action did nothing, with the referral as it is now', () => {
    expect(noLongerOpenMessage('Report the placement fell through', 'Fell through')).toBe(
      'You cannot report the placement fell through now: this referral has changed since you loaded the page and is now “Fell through”. The page shows it as it is now.',
    );
  });

  it.each([
    [
      43,
      'The start date is 43 days after the expected release on 13 January 2027. Check it is right, then offer again.',
    ],
    [
      -1,
      'The start date is 1 day before the expected release on 13 January 2027. Check it is right, then offer again.',
    ],
  ])('warns of a start %i days from release', (days, text) => {
    expect(farFromReleaseWarning(days, '13 January 2027')).toBe(text);
  });
});

describe('the council’s response tag', () => {
  it.each([
    [null, null],
    [{ dueDate: '2026-12-03', overdueWorkingDays: 0 }, 'Response due 3 Dec'],
    [{ dueDate: '2027-01-12', overdueWorkingDays: 0 }, 'Response due 12 Jan'],
    [{ dueDate: '2026-12-02', overdueWorkingDays: 1 }, 'Overdue by 1 working day'],
    [{ dueDate: '2026-12-02', overdueWorkingDays: 2 }, 'Overdue by 2 working days'],
  ])('%j is tagged %s', (due, text) => {
    expect(responseDueLabel(due)?.text ?? null).toBe(text);
  });
});

describe('telHref', () => {
  it.each([
    ['+44 113 496-0000', 'tel:+441134960000'],
    ['07700 900 123', 'tel:07700900123'],
    ['(0113) 496 0000', 'tel:01134960000'],
  ])('dials %s as %s', (phone, href) => {
    expect(telHref(phone)).toBe(href);
  });
});

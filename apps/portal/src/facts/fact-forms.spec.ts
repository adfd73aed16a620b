import { dateFromParts, dateProblem } from '../forms/date-input';
import { validateForm } from '../forms/form-errors';
import { EtePlacementForm } from './fact-forms';
import { addressToTell, healthChoices, mayRecordFacts } from './fact-specs';

describe('the facts forms', () => {
  it.each([
    ['4', '6', '2027', '2027-06-04'],
    [' 04 ', '06', '2027', '2027-06-04'],
    ['29', '2', '2028', '2028-02-29'],
    ['29', '2', '2027', null],
    ['30', '2', '2027', null],
    ['31', '4', '2027', null],
    ['0', '1', '2027', null],
    ['1', '13', '2027', null],
    ['1', '1', '27', null],
    ['1', 'June', '2027', null],
    ['', '', '', null],
  ])('%s/%s/%s is %s', (day, month, year, expected) => {
    expect(dateFromParts(day, month, year)).toBe(expected);
  });

  it.each([
    ['', '', '', 'Enter the first day'],
    [undefined, undefined, undefined, 'Enter the first day'],
    ['4', '', '2027', 'The first day must include a month'],
    ['', '', '2027', 'The first day must include a day and month'],
    ['30', '2', '2027', 'The first day must be a real date'],
    ['4', '6', '2027', null],
  ])('a date input of %j/%j/%j says %j', (day, month, year, expected) => {
    expect(dateProblem('the first day', day, month, year)).toBe(expected);
  });

  it.each([
    [{}, ['provider', 'startDateDay', 'hoursPerWeek', 'confirmedBy']],
    [
      { provider: 'College', startDateDay: '4', startDateMonth: '6', startDateYear: '2027', confirmedBy: 'A' },
      ['hoursPerWeek'],
    ],
    [
      {
        provider: 'College',
        startDateDay: '4',
        startDateMonth: '6',
        startDateYear: '2027',
        hoursPerWeek: '61',
        confirmedBy: 'A',
      },
      ['hoursPerWeek'],
    ],
    [
      {
        provider: 'College',
        startDateDay: '4',
        startDateMonth: '6',
        startDateYear: '2027',
        hoursPerWeek: '2.5',
        confirmedBy: 'A',
      },
      ['hoursPerWeek'],
    ],
    [
      {
        provider: ' College ',
        startDateDay: '4',
        startDateMonth: '6',
        startDateYear: '2027',
        hoursPerWeek: '25',
        confirmedBy: 'A',
      },
      [],
    ],
  ])('the ETE form with %j names %j', (body, fields) => {
    const { errors } = validateForm(EtePlacementForm, body);
    expect(Object.keys(errors?.byField ?? {})).toEqual(fields);
  });

  const YJS = '00000000-0000-4000-8000-000000000001';
  it.each([
    [{ roles: ['YJS_CASE_MANAGER'], organisationId: YJS }, true],
    [{ roles: ['YJS_MANAGER'], organisationId: YJS }, true],
    [{ roles: ['YJS_CASE_MANAGER'], organisationId: 'another service' }, false],
    [{ roles: ['ESTABLISHMENT_STAFF'], organisationId: 'the establishment' }, false],
    [{ roles: ['NATIONAL_ADMIN'], organisationId: YJS }, false],
    [undefined, false],
  ])('the record links are for %j: %s', (me, expected) => {
    expect(mayRecordFacts(me, { supervisingService: { id: YJS } })).toBe(expected);
  });

  it('the address to tell is the latest confirmed, arrangement or referral, whose start was not past when confirmed', () => {
    const referral = (id: string, status: string, confirmedAt: string | null, offerStartDate = '2027-06-01') => ({
      id,
      type: 'ACCOMMODATION',
      status,
      offerAddressOrPlace: `${id} Road`,
      offerStartDate,
      confirmedAt,
    });
    const arrangement = { id: 'a', address: 'a Road', startDate: '2027-06-01', createdAt: '2026-12-01T10:00:00Z' };
    expect(addressToTell({ accommodationArrangements: [], referrals: [] })).toBeNull();
    expect(addressToTell({ accommodationArrangements: null, referrals: [referral('r', 'OFFERED', null)] })).toBeNull();
    expect(addressToTell({ accommodationArrangements: [arrangement], referrals: [] })?.id).toBe('a');
    expect(
      addressToTell({
        accommodationArrangements: [arrangement],
        referrals: [referral('r', 'CONFIRMED', '2026-12-02T10:00:00Z'), referral('f', 'FELL_THROUGH', null)],
      })?.address,
    ).toBe('r Road');
    // Confirmed after its own start: an address that was, not one to go to.
    expect(
      addressToTell({
        accommodationArrangements: [arrangement],
        referrals: [referral('r', 'CONFIRMED', '2026-12-02T10:00:00Z', '2026-11-01')],
      })?.id,
    ).toBe('a');
  });

  it.each([
    [[], ['PHYSICAL_HEALTH', 'MENTAL_HEALTH', 'SUBSTANCE_MISUSE']],
    [
      [
        { type: 'MENTAL_HEALTH', needLevel: 'NONE' },
        { type: 'SUBSTANCE_MISUSE', needLevel: 'NONE' },
      ],
      ['PHYSICAL_HEALTH'],
    ],
    [
      [
        { type: 'MENTAL_HEALTH', needLevel: 'HIGH' },
        { type: 'SUBSTANCE_MISUSE', needLevel: 'NONE' },
      ],
      ['PHYSICAL_HEALTH', 'MENTAL_HEALTH'],
    ],
  ])('health pathways %j need a handover: %j', (pathways, types) => {
    expect(healthChoices({ pathways, healthHandovers: [] }).map((c) => c.type)).toEqual(types);
  });
});

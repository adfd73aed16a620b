import {
  ARRANGEMENT_LABELS,
  arrangementsInput,
  pageFieldOf,
  planValues,
  recordFieldOf,
  recordValues,
  releaseDayPlanInput,
  releaseRecordInput,
  timeOf,
} from './release-day-forms';

const PLAN = '0b4f0e1c-2a3b-4c5d-8e9f-0a1b2c3d4e5f';

describe('release-day forms', () => {
  it.each([
    ['09:30', '09:30'],
    ['9:30', '09:30'],
    ['9.30', '09:30'],
    ['0930', '09:30'],
    [' 23:59 ', '23:59'],
    ['24:00', null],
    ['12:60', null],
    ['half nine', null],
    ['', null],
  ])('reads the time %p as %p', (typed, time) => expect(timeOf(typed)).toBe(time));

  it.each([
    ['meetingDate', 'meetingDateDay'],
    ['supervisionExplainedOn', 'supervisionExplainedOnDay'],
    ['planReleaseDay', 'metByName'],
    ['phone', 'phone'],
    ['appropriateAdult', 'appropriateAdult'],
  ])('puts the api field %p against the page field %p', (api, page) => expect(pageFieldOf(api)).toBe(page));

  it('starts a plan with only what was typed (the api defaults the rest)', () => {
    expect(releaseDayPlanInput(PLAN, { metByName: ' Carys ', phone: '  ', meetingTime: '9:05' })).toEqual({
      input: { planId: PLAN, metByName: 'Carys', meetingTime: '09:05' },
      errors: null,
    });
  });

  it('changes a plan sending every answer, an empty one cleared', () => {
    const { input } = releaseDayPlanInput(PLAN, {
      expectedVersion: '3',
      appropriateAdult: 'no',
      meetingDateDay: '15',
      meetingDateMonth: '1',
      meetingDateYear: '2027',
    });
    expect(input).toMatchObject({
      planId: PLAN,
      expectedVersion: 3,
      appropriateAdult: false,
      meetingDate: '2027-01-15',
      firstAppointmentDate: null,
      phone: null,
      meetingTime: null,
    });
  });

  it.each([
    [
      { meetingDateDay: '31', meetingDateMonth: '2', meetingDateYear: '2027' },
      'meetingDateDay',
      'The day of release must be a real date',
    ],
    [
      { firstAppointmentDateDay: '3' },
      'firstAppointmentDateDay',
      'The date of the first appointment must include a month and year',
    ],
    [
      { firstAppointmentTime: '25:00' },
      'firstAppointmentTime',
      'The time of the first appointment must be a time written like 09:30 (24-hour)',
    ],
  ])('refuses %p against %p', (values, field, text) => {
    const { input, errors } = releaseDayPlanInput(PLAN, values);
    expect(input).toBeNull();
    expect(errors?.byField[field]).toEqual({ text });
    expect(errors?.list[0]).toEqual({ text, href: `#${field}` });
  });

  it('shows a saved plan in the form, dates in their boxes', () => {
    expect(
      planValues({ version: 2, metByName: 'Carys', appropriateAdult: true, meetingDate: '2027-01-05', phone: null }),
    ).toMatchObject({
      expectedVersion: '2',
      metByName: 'Carys',
      phone: '',
      appropriateAdult: 'yes',
      meetingDateDay: '5',
      meetingDateMonth: '1',
      meetingDateYear: '2027',
      firstAppointmentDateDay: '',
    });
    expect(planValues(null)).toEqual({ expectedVersion: '' });
  });

  it('records the day: what is needed, each against its field', () => {
    expect(releaseRecordInput(PLAN, { metAtGate: 'yes' }).errors?.list.map((e) => e.href)).toEqual([
      '#recordMetByName',
      '#firstNightAddress',
      '#firstNightPlacementType',
      '#firstNightAsPlanned',
    ]);
    expect(releaseRecordInput(PLAN, {}).errors?.byField.metAtGate).toEqual({
      text: 'Select whether anyone met the child at the gate',
    });
    expect(
      releaseRecordInput(PLAN, { firstNightPlacementType: 'CASTLE' }).errors?.byField.firstNightPlacementType,
    ).toBeDefined();
  });

  it('records the day: nobody at the gate drops a name typed anyway; a version changes the record', () => {
    expect(
      releaseRecordInput(PLAN, {
        recordVersion: '4',
        metAtGate: 'no',
        recordMetByName: 'Someone',
        firstNightAddress: ' A sofa ',
        firstNightPlacementType: 'NO_FIXED_ABODE',
        firstNightAsPlanned: 'no',
        notes: '',
      }),
    ).toEqual({
      input: {
        planId: PLAN,
        expectedVersion: 4,
        metAtGate: false,
        metByName: null,
        metByRelationship: null,
        firstNightAddress: 'A sofa',
        firstNightPlacementType: 'NO_FIXED_ABODE',
        firstNightAsPlanned: false,
        notes: null,
      },
      errors: null,
    });
  });

  it('shows a record in the form and puts api paths against its fields', () => {
    expect(recordValues({ version: 1, metAtGate: true, metByName: 'Carys', firstNightAsPlanned: false })).toMatchObject(
      { recordVersion: '1', metAtGate: 'yes', recordMetByName: 'Carys', firstNightAsPlanned: 'no' },
    );
    expect(recordValues(null)).toEqual({});
    expect(recordFieldOf('input.metByName')).toBe('recordMetByName');
    expect(recordFieldOf('input.firstNightAddress')).toBe('firstNightAddress');
    expect(recordFieldOf('input.releasedAt')).toBeUndefined();
  });

  it.each([
    [
      'a first save: no version, only the establishment’s three answers, empty ones cleared',
      { expectedVersion: '', medication: ' Sertraline 50mg, 14 days ', idDocuments: '', phone: 'not theirs' },
      { planId: PLAN, medication: 'Sertraline 50mg, 14 days', idDocuments: null, moneyAndProperty: null },
    ],
    [
      'a change at the version shown',
      { expectedVersion: '4', medication: 'None', idDocuments: 'Birth certificate', moneyAndProperty: '£40, two bags' },
      {
        planId: PLAN,
        expectedVersion: 4,
        medication: 'None',
        idDocuments: 'Birth certificate',
        moneyAndProperty: '£40, two bags',
      },
    ],
  ])('the establishment’s arrangements: %s', (_case, values, expected) => {
    expect(arrangementsInput(PLAN, values)).toEqual(expected);
  });

  it('labels the establishment’s arrangements as the plan form does', () => {
    expect(ARRANGEMENT_LABELS).toEqual({
      medication: 'Medication and prescriptions',
      idDocuments: 'ID',
      moneyAndProperty: 'Money and property',
    });
  });
});

import {
  breakdownTable,
  breakdownTables,
  chosenPeriod,
  chosenScope,
  escalationsTable,
  figureLabel,
  isContinuityFigure,
  isPlanFigure,
  isReleaseFigure,
  MEASURE_SECTIONS,
  Measures,
  measuresCsvRows,
  measuresPeriods,
  relativeRateText,
  responseTimeTables,
  scopeQuery,
  sectionsOf,
  trendPeriod,
  trendTable,
  trendTables,
} from './measures-view';

/** A page of measures with nothing in it: each test spreads it and sets what it is about. */
const NO_MEASURES: Measures = {
  released: { display: '0' },
  accommodation: [],
  childTold: [],
  ete: [],
  deadlines: [],
  escalations: [],
  responseTimes: [],
  providerResponseTimes: [],
  breakdowns: [],
  planViews: [],
  planExplained: [],
  planAgreed: [],
  initialMeeting: [],
  preReleaseMeeting: [],
  caseManagerChanges: [],
  interventionRepeated: [],
  firstNight: [],
  eteStarted: [],
  healthHandover: [],
  releaseDayPlan: [],
};

describe('measures periods', () => {
  it('offers the last 12 whole months, last month first, and the 12 months to the end of last month', () => {
    const periods = measuresPeriods('2026-12-06');
    expect(periods).toHaveLength(13);
    expect(periods[0]).toEqual({ value: '2026-11', text: 'November 2026', from: '2026-11-01', to: '2026-11-30' });
    expect(periods[1]).toMatchObject({ value: '2026-10', from: '2026-10-01', to: '2026-10-31' });
    expect(periods[11]).toMatchObject({ value: '2025-12', from: '2025-12-01', to: '2025-12-31' });
    expect(periods[12]).toEqual({
      value: '12m-2026-11',
      text: '12 months to November 2026',
      from: '2025-12-01',
      to: '2026-11-30',
    });
  });

  it.each([
    ['2026-03-31', '2026-02', '2026-02-01', '2026-02-28'],
    ['2024-03-01', '2024-02', '2024-02-01', '2024-02-29'],
    ['2026-01-15', '2025-12', '2025-12-01', '2025-12-31'],
  ])('today %s: last month is %s (%s to %s)', (today, value, from, to) => {
    expect(chosenPeriod(undefined, today)).toMatchObject({ value, from, to });
  });

  it.each([undefined, '', '2030-01', '12m-2020-01', ['2026-10'], '<script>'])(
    'anything unknown (%p) is last month',
    (asked) => {
      expect(chosenPeriod(asked, '2026-12-06').value).toBe('2026-11');
    },
  );

  it('keeps a known choice', () => {
    expect(chosenPeriod('2026-05', '2026-12-06')).toMatchObject({ from: '2026-05-01', to: '2026-05-31' });
  });
});

describe('the scope a national admin chose', () => {
  const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
  it.each<[string, Record<string, unknown>, unknown]>([
    ['nothing: England and Wales', {}, { kind: 'ENGLAND_AND_WALES' }],
    [
      'a service',
      { scope: 'YOUTH_JUSTICE_SERVICE', service: id, council: 'x' },
      { kind: 'YOUTH_JUSTICE_SERVICE', organisationId: id },
    ],
    ['an establishment', { scope: 'ESTABLISHMENT', establishment: id }, { kind: 'ESTABLISHMENT', organisationId: id }],
    ['a council', { scope: 'LOCAL_AUTHORITY', council: id }, { kind: 'LOCAL_AUTHORITY', organisationId: id }],
    ['a region', { scope: 'REGION', region: 'Wales' }, { kind: 'REGION', region: 'Wales' }],
    ['a region that is not one', { scope: 'REGION', region: 'Atlantis' }, { kind: 'ENGLAND_AND_WALES' }],
    ['a council without its id', { scope: 'LOCAL_AUTHORITY', service: id }, { kind: 'ENGLAND_AND_WALES' }],
    ['an id that is not one', { scope: 'ESTABLISHMENT', establishment: 'x' }, { kind: 'ENGLAND_AND_WALES' }],
    ['a kind that is not one', { scope: 'PLANET', service: id }, { kind: 'ENGLAND_AND_WALES' }],
  ])('%s', (_name, query, expected) => {
    expect(chosenScope(query)).toEqual(expected);
  });

  it('goes back into the query string as it came', () => {
    for (const query of [
      { scope: 'YOUTH_JUSTICE_SERVICE', service: id },
      { scope: 'ESTABLISHMENT', establishment: id },
      { scope: 'LOCAL_AUTHORITY', council: id },
      { scope: 'REGION', region: 'North East' },
      { scope: 'ENGLAND_AND_WALES' },
    ])
      expect(scopeQuery(chosenScope(query))).toEqual(query);
    expect(scopeQuery(null)).toEqual({});
  });
});

describe('measuresCsvRows', () => {
  it('writes the suppressed counts as the page shows them', () => {
    const c = (display: string) => ({ display });
    const rows = measuresCsvRows(
      {
        ...NO_MEASURES,
        released: c('8'),
        accommodation: [
          { key: 'A', label: 'Address 28', numerator: c('fewer than 5'), denominator: c('8'), percentage: null },
        ],
        childTold: [{ key: 'T', label: 'Told', numerator: c('6'), denominator: c('12'), percentage: 50 }],
        firstNight: [],
        eteStarted: [],
        healthHandover: [
          {
            key: 'HEALTH_HANDOVER_BY_RELEASE',
            label: 'Health handover',
            numerator: c('9'),
            denominator: c('20'),
            percentage: 45,
          },
        ],
        releaseDayPlan: [],
        planViews: [],
        planExplained: [
          { key: 'PLAN_EXPLAINED', label: 'Explained', numerator: c('17'), denominator: c('20'), percentage: 85 },
        ],
        planAgreed: [],
        initialMeeting: [],
        caseManagerChanges: [],
        interventionRepeated: [
          {
            key: 'INTERVENTION_REPEATED',
            label: 'Repeated',
            numerator: c('fewer than 5'),
            denominator: c('20'),
            percentage: null,
          },
        ],
        preReleaseMeeting: [
          {
            key: 'PRE_RELEASE_MEETING_IN_TIME',
            label: 'Pre-release',
            numerator: c('9'),
            denominator: c('20'),
            percentage: 45,
          },
        ],
        deadlines: [
          {
            key: 'ETE_PLACE_CONFIRMED',
            metOnTime: c('7'),
            metLate: c('fewer than 5'),
            notMet: c('7'),
            waived: c('fewer than 5'),
            total: c('20'),
          },
        ],
        escalations: [],
        responseTimes: [],
        providerResponseTimes: [],
        breakdowns: [],
      },
      chosenPeriod(undefined, '2026-12-06'),
      'all of England and Wales',
    );
    expect(rows).toEqual([
      ['Children released 1 November 2026 to 30 November 2026, all of England and Wales'],
      ['Measure', 'Children', 'Of children released', 'Per cent'],
      ['Address 28', 'fewer than 5', '8', ''],
      ['Told', '6', '12', '50%'],
      ['Health handover', '9', '20', '45%'],
      ['Explained', '17', '20', '85%'],
      ['Pre-release', '9', '20', '45%'],
      ['Repeated', 'fewer than 5', '20', ''],
      [],
      ['Deadline', 'Met on time', 'Met late', 'Not met', 'Waived', 'Total'],
      ['Education, training or work place confirmed', '7', 'fewer than 5', '7', 'fewer than 5', '20'],
    ]);
  });
});

describe('escalationsTable', () => {
  it('is a row a kind of deadline, by the highest level reached, as published', () => {
    const c = (display: string) => ({ display });
    const escalations = [
      {
        key: 'ACCOMMODATION_CONFIRMED',
        notEscalated: c('9'),
        level1: c('fewer than 5'),
        level2: c('fewer than 5'),
        level3: c('fewer than 5'),
        total: c('20'),
      },
      {
        key: null,
        notEscalated: c('30'),
        level1: c('fewer than 5'),
        level2: c('fewer than 5'),
        level3: c('fewer than 5'),
        total: c('fewer than 5'),
      },
    ];
    const table = escalationsTable({ escalations });
    expect(table.rows).toEqual([
      ['Accommodation confirmed', '9', 'fewer than 5', 'fewer than 5', 'fewer than 5', '20'],
      ['All kinds of deadline', '30', 'fewer than 5', 'fewer than 5', 'fewer than 5', 'fewer than 5'],
    ]);
    const csv = measuresCsvRows(
      {
        ...NO_MEASURES,
        released: c('20'),
        escalations,
      },
      chosenPeriod(undefined, '2026-12-06'),
      'Youth Justice Service A',
    );
    expect(csv.slice(-5)).toEqual([
      [],
      ['How far missed deadlines were escalated'],
      table.head,
      ['Accommodation confirmed', '9', 'fewer than 5', 'fewer than 5', 'fewer than 5', '20'],
      ['All kinds of deadline', '30', 'fewer than 5', 'fewer than 5', 'fewer than 5', 'fewer than 5'],
    ]);
  });
});

describe('responseTimeTables', () => {
  const time = (organisationName: string | null, step: string, answered: number | null, median = 3, p90 = 9) => ({
    organisationName,
    step,
    answered,
    medianWorkingDays: answered === null ? null : median,
    p90WorkingDays: answered === null ? null : p90,
  });
  const times = [
    time(null, 'ACKNOWLEDGE', 7, 2.5, 6),
    time('Leeds City Council', 'ACKNOWLEDGE', 5),
    time('Kent County Council', 'ACKNOWLEDGE', null),
    time(null, 'ANSWER', null),
  ];

  it('is a table a step, in the clock’s order: all councils, then each, hidden figures not shown', () => {
    const tables = responseTimeTables(times);
    expect(tables.map((t) => t.id)).toEqual([
      'response-times-acknowledge',
      'response-times-answer',
      'response-times-offer',
      'response-times-confirm',
    ]);
    expect(tables[0]).toEqual({
      id: 'response-times-acknowledge',
      caption: 'Acknowledging a new accommodation referral',
      head: ['Council', 'Steps answered', 'Median working days', '90th percentile working days'],
      rows: [
        ['All councils', '7', '2.5', '6'],
        ['Leeds City Council', '5', '3', '9'],
        ['Kent County Council', 'fewer than 5', 'Not shown', 'Not shown'],
      ],
    });
    expect(tables[1].rows).toEqual([['All councils', 'fewer than 5', 'Not shown', 'Not shown']]);
    expect(tables[2].rows).toEqual([]);
  });

  it('writes them to the CSV after the deadlines', () => {
    const c = (display: string) => ({ display });
    const rows = measuresCsvRows(
      {
        ...NO_MEASURES,
        released: c('12'),
        responseTimes: times,
      },
      chosenPeriod(undefined, '2026-12-06'),
      'Youth Justice Service A',
    );
    const at = rows.findIndex((r) => r[0] === 'Councils’ response times on accommodation referrals, in working days');
    expect(rows.slice(at, at + 7)).toEqual([
      ['Councils’ response times on accommodation referrals, in working days'],
      [],
      ['Acknowledging a new accommodation referral'],
      ['Council', 'Steps answered', 'Median working days', '90th percentile working days'],
      ['All councils', '7', '2.5', '6'],
      ['Leeds City Council', '5', '3', '9'],
      ['Kent County Council', 'fewer than 5', 'Not shown', 'Not shown'],
    ]);
  });

  const providers = [
    time(null, 'ACKNOWLEDGE', 9, 2, 7),
    time('Northside College', 'ACKNOWLEDGE', 6, 1, 3),
    time('Westshire CAMHS', 'ACKNOWLEDGE', null),
    time(null, 'OFFER', 5, 10, 15),
    time('Westshire CAMHS', 'OFFER', 5, 10, 15),
  ];

  it('gives providers’ times the same way, with tables of their own', () => {
    const tables = responseTimeTables(providers, 'PROVIDER');
    expect(tables.map((t) => t.id)).toEqual([
      'provider-response-times-acknowledge',
      'provider-response-times-answer',
      'provider-response-times-offer',
      'provider-response-times-confirm',
    ]);
    expect(tables[0]).toEqual({
      id: 'provider-response-times-acknowledge',
      caption: 'Providers acknowledging a new education or health referral',
      head: ['Provider', 'Steps answered', 'Median working days', '90th percentile working days'],
      rows: [
        ['All providers', '9', '2', '7'],
        ['Northside College', '6', '1', '3'],
        ['Westshire CAMHS', 'fewer than 5', 'Not shown', 'Not shown'],
      ],
    });
    expect(tables[2].rows).toEqual([
      ['All providers', '5', '10', '15'],
      ['Westshire CAMHS', '5', '10', '15'],
    ]);
  });

  it('writes providers’ times to the CSV after councils’', () => {
    const c = (display: string) => ({ display });
    const rows = measuresCsvRows(
      {
        ...NO_MEASURES,
        released: c('12'),
        responseTimes: times,
        providerResponseTimes: providers,
      },
      chosenPeriod(undefined, '2026-12-06'),
      'Youth Justice Service A',
    );
    const councils = rows.findIndex(
      (r) => r[0] === 'Councils’ response times on accommodation referrals, in working days',
    );
    const at = rows.findIndex(
      (r) => r[0] === 'Providers’ response times on education and health referrals, in working days',
    );
    expect(at).toBeGreaterThan(councils);
    expect(rows.slice(at, at + 7)).toEqual([
      ['Providers’ response times on education and health referrals, in working days'],
      [],
      ['Providers acknowledging a new education or health referral'],
      ['Provider', 'Steps answered', 'Median working days', '90th percentile working days'],
      ['All providers', '9', '2', '7'],
      ['Northside College', '6', '1', '3'],
      ['Westshire CAMHS', 'fewer than 5', 'Not shown', 'Not shown'],
    ]);
  });
});

describe('the figures behind which children are listed', () => {
  it.each([
    ['PLAN_NOT_AGREED', 'Plan not agreed by the day of release', true],
    ['INITIAL_MEETING_NOT_IN_TIME', 'Initial planning meeting not held within 10 working days', true],
    ['PRE_RELEASE_MEETING_IN_TIME', 'Pre-release planning meeting held in time', true],
    ['ADDRESS_NOT_BY_RELEASE', 'No address confirmed by the day of release', false],
  ])('%s reads "%s" (plan columns: %p)', (figure, label, plan) => {
    expect(figureLabel(figure)).toBe(label);
    expect(isPlanFigure(figure)).toBe(plan);
    expect(isContinuityFigure(figure)).toBe(false);
  });

  it.each([
    ['CASE_MANAGER_NONE', 'No case manager allocated by the day of release'],
    ['CASE_MANAGER_TWO_OR_MORE_CHANGES', 'Case manager changed twice or more by the day of release'],
    ['INTERVENTION_REPEATED', 'Plan repeats an intervention the child did on an earlier order'],
  ])('%s reads "%s", listed with case-manager changes and interventions', (figure, label) => {
    expect(figureLabel(figure)).toBe(label);
    expect(isContinuityFigure(figure)).toBe(true);
    expect(isPlanFigure(figure)).toBe(false);
  });

  it.each([
    ['FIRST_NIGHT_NOT_AS_PLANNED', 'First night not at the accommodation planned, or not recorded'],
    ['ETE_STARTED_AS_PLANNED', 'Education, training or employment started as planned'],
    ['ETE_NOT_STARTED_AS_PLANNED', 'Education, training or employment not started as planned, or not recorded'],
    ['HEALTH_HANDOVER_BY_RELEASE', 'Health handover arranged by the day of release'],
    ['RELEASE_DAY_PLAN_NOT_CONFIRMED', 'Release-day plan not confirmed by the day of release'],
  ])('%s reads "%s", listed with what happened at release', (figure, label) => {
    expect(figureLabel(figure)).toBe(label);
    expect(isReleaseFigure(figure)).toBe(true);
    expect(isPlanFigure(figure)).toBe(false);
    expect(isContinuityFigure(figure)).toBe(false);
  });

  it('lists the address, told and ETE-place figures with their days, not the release’s facts', () => {
    for (const figure of ['ETE_BY_RELEASE', 'ETE_NOT_BY_RELEASE', 'ADDRESS_BY_RELEASE', 'PLAN_AGREED'])
      expect(isReleaseFigure(figure)).toBe(false);
  });

  it('knows no other figure', () => {
    expect(figureLabel('PLAN_SOMETHING')).toBeNull();
    expect(figureLabel('toString')).toBeNull();
  });
});

describe('breakdownTable', () => {
  const c = (display: string) => ({ display });
  const figure = (label: string, n: string, percentage: number | null, relativeRate: number | null) => ({
    measure: label.toUpperCase(),
    label,
    numerator: c(n),
    percentage,
    relativeRate,
  });
  const breakdown = {
    dimension: 'LOOKED_AFTER',
    label: 'Looked after',
    baseGroup: 'NO',
    groups: [
      { group: 'YES', label: 'Looked after', released: c('10'), figures: [figure('Address', '3', null, null)] },
      { group: 'NO', label: 'Not looked after', released: c('20'), figures: [figure('Address', '15', 75, 1)] },
    ],
  };

  it('shows each group with its counts and its rate against the largest group', () => {
    expect(breakdownTable(breakdown)).toEqual({
      head: ['Looked after', 'Children released', 'Address', 'Address: rate against the largest group'],
      rows: [
        ['Looked after', '10', '3', 'Not shown'],
        ['Not looked after', '20', '15 (75%)', 'Largest group'],
      ],
    });
  });

  it('puts each breakdown after the headline tables in the CSV, a table a section', () => {
    const sectioned = {
      ...breakdown,
      groups: breakdown.groups.map((g) => ({
        ...g,
        figures: [
          { ...g.figures[0], measure: 'ADDRESS_14_DAYS' },
          { ...g.figures[0], measure: 'FIRST_NIGHT_AS_PLANNED', label: 'First night' },
        ],
      })),
    };
    const rows = measuresCsvRows(
      {
        ...NO_MEASURES,
        released: c('30'),
        breakdowns: [sectioned],
      },
      chosenPeriod(undefined, '2026-12-06'),
      'Youth Justice Service A',
    );
    expect(rows.slice(-9)).toEqual([
      ['By looked after: before release'],
      ['Looked after', 'Children released', 'Address', 'Address: rate against the largest group'],
      ['Looked after', '10', '3', 'Not shown'],
      ['Not looked after', '20', '15 (75%)', 'Largest group'],
      [],
      ['By looked after: at release'],
      ['Looked after', 'Children released', 'First night', 'First night: rate against the largest group'],
      ['Looked after', '10', '3', 'Not shown'],
      ['Not looked after', '20', '15 (75%)', 'Largest group'],
    ]);
  });

  it('is a table a section, each captioned with the characteristic and the section', () => {
    const all = [
      'ADDRESS_28_DAYS',
      'TOLD_14_DAYS',
      'PLAN_AGREED',
      'PRE_RELEASE_MEETING_IN_TIME',
      'HEALTH_HANDOVER_BY_RELEASE',
      'RELEASE_DAY_PLAN_CONFIRMED',
    ];
    const b = {
      ...breakdown,
      groups: breakdown.groups.map((g) => ({
        ...g,
        figures: all.map((measure) => ({ ...g.figures[0], measure, label: measure })),
      })),
    };
    const tables = breakdownTables(b);
    expect(tables.map((t) => [t.id, t.caption, t.head.length])).toEqual([
      ['breakdown-looked_after-before-release', 'By looked after: before release', 2 + 2 * 2],
      ['breakdown-looked_after-plan', 'By looked after: the plan', 2 + 2 * 2],
      ['breakdown-looked_after-at-release', 'By looked after: at release', 2 + 2 * 2],
    ]);
    expect(tables[1].head.slice(2)).toEqual([
      'PLAN_AGREED',
      'PLAN_AGREED: rate against the largest group',
      'PRE_RELEASE_MEETING_IN_TIME',
      'PRE_RELEASE_MEETING_IN_TIME: rate against the largest group',
    ]);
    expect(tables[2].rows[1]).toEqual([
      'Not looked after',
      '20',
      '15 (75%)',
      'Largest group',
      '15 (75%)',
      'Largest group',
    ]);
  });

  it('is no table when nobody was released, and says so in the CSV', () => {
    const empty = { ...breakdown, groups: [] };
    expect(breakdownTables(empty)).toEqual([]);
    const rows = measuresCsvRows(
      {
        ...NO_MEASURES,
        released: c('0'),
        breakdowns: [empty],
      },
      chosenPeriod(undefined, '2026-12-06'),
      'Youth Justice Service A',
    );
    expect(rows.slice(-2)).toEqual([['By looked after'], ['No children released in the period']]);
  });

  it.each([
    [0.5, false, '0.50'],
    [1.234, false, '1.23'],
    [1, true, 'Largest group'],
    [null, false, 'Not shown'],
    [null, true, 'Not shown'],
  ])('rate %p (largest group %p) reads %p', (rate, base, text) => {
    expect(relativeRateText(rate, base)).toBe(text);
  });
});

describe('the trend', () => {
  it.each([
    ['2026-11', '2025-12-01', '2026-11-30'],
    ['12m-2026-11', '2025-12-01', '2026-11-30'],
    ['2026-02', '2025-03-01', '2026-02-28'],
  ])('period %s: the 12 months %s to %s', (value, from, to) => {
    expect(trendPeriod(chosenPeriod(value, '2026-12-06'))).toEqual({ from, to });
  });

  const c = (display: string) => ({ display });
  const months = [
    {
      label: 'October 2026',
      released: c('fewer than 5'),
      figures: [
        { measure: 'ADDRESS_14_DAYS', label: 'Address', numerator: c('fewer than 5'), percentage: null },
        {
          measure: 'INITIAL_MEETING_IN_TIME',
          label: 'Initial meeting',
          numerator: c('fewer than 5'),
          percentage: null,
        },
      ],
    },
    {
      label: 'November 2026',
      released: c('12'),
      figures: [
        { measure: 'ADDRESS_14_DAYS', label: 'Address', numerator: c('6'), percentage: 50 },
        { measure: 'INITIAL_MEETING_IN_TIME', label: 'Initial meeting', numerator: c('9'), percentage: 75 },
      ],
    },
  ];

  it('is a row a month, each measure with its per cent when shown', () => {
    expect(trendTable(months)).toEqual({
      head: ['Month', 'Children released', 'Address', 'Initial meeting'],
      rows: [
        ['October 2026', 'fewer than 5', 'fewer than 5', 'fewer than 5'],
        ['November 2026', '12', '6 (50%)', '9 (75%)'],
      ],
    });
  });

  it('is a table a section, on the page and in the CSV', () => {
    expect(trendTables(months).map((t) => [t.id, t.caption, t.head, t.rows[1]])).toEqual([
      [
        'measures-trend-before-release',
        'Before release, month by month',
        ['Month', 'Children released', 'Address'],
        ['November 2026', '12', '6 (50%)'],
      ],
      [
        'measures-trend-plan',
        'The plan, month by month',
        ['Month', 'Children released', 'Initial meeting'],
        ['November 2026', '12', '9 (75%)'],
      ],
    ]);
    const csv = measuresCsvRows(
      {
        ...NO_MEASURES,
        released: c('12'),
      },
      chosenPeriod(undefined, '2026-12-06'),
      'Youth Justice Service A',
      months,
    );
    expect(csv.slice(-9)).toEqual([
      ['Month by month'],
      ['Before release, month by month'],
      ['Month', 'Children released', 'Address'],
      ['October 2026', 'fewer than 5', 'fewer than 5'],
      ['November 2026', '12', '6 (50%)'],
      ['The plan, month by month'],
      ['Month', 'Children released', 'Initial meeting'],
      ['October 2026', 'fewer than 5', 'fewer than 5'],
      ['November 2026', '12', '9 (75%)'],
    ]);
  });
});

describe('the sections of the measures broken down and in the trend', () => {
  it('puts every measure the api breaks down in exactly one section: before release, the plan, at release', () => {
    const api = [
      'ADDRESS_28_DAYS',
      'ADDRESS_14_DAYS',
      'TOLD_14_DAYS',
      'ETE_BY_RELEASE',
      'PLAN_VIEWS_EVERY_PATHWAY',
      'PLAN_EXPLAINED',
      'PLAN_AGREED',
      'INITIAL_MEETING_IN_TIME',
      'PRE_RELEASE_MEETING_IN_TIME',
      'FIRST_NIGHT_AS_PLANNED',
      'ETE_STARTED_AS_PLANNED',
      'HEALTH_HANDOVER_BY_RELEASE',
      'RELEASE_DAY_PLAN_CONFIRMED',
    ];
    expect(MEASURE_SECTIONS.flatMap((s) => s.measures)).toEqual(api);
    expect(sectionsOf(api).map((s) => [s.title, s.measures.length])).toEqual([
      ['Before release', 4],
      ['The plan', 5],
      ['At release', 4],
    ]);
  });

  it('keeps a measure of no section in a section of its own, and leaves out a section with none', () => {
    expect(sectionsOf(['FIRST_NIGHT_AS_PLANNED', 'SOMETHING_NEW'])).toEqual([
      expect.objectContaining({ id: 'at-release', measures: ['FIRST_NIGHT_AS_PLANNED'] }),
      expect.objectContaining({ id: 'other', title: 'Other measures', measures: ['SOMETHING_NEW'] }),
    ]);
  });
});

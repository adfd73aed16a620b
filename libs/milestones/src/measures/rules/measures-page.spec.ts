import { BREAKDOWN_MEASURES, BreakdownDimension, BreakdownMeasure, GroupCounts } from './measure-breakdowns';
import { publishMeasuresPage } from './measures-page';
import { MeasureCounts, publishMeasures } from './resettlement-measures';
import { FEWER_THAN_5 } from './suppress-small-numbers';

const F = FEWER_THAN_5;

/** A child released: their address band (28+ days, 14 to 27, 0 to 13, not by release), groups and month. */
interface Child {
  band: 0 | 1 | 2 | 3;
  gender?: string;
  age?: string;
  month?: string;
}

/** `n` children alike. */
const many = (n: number, child: Child): Child[] => Array.from({ length: n }, () => child);

function headline(children: readonly Child[]): MeasureCounts {
  const n = children.length;
  const band = (b: number) => children.filter((c) => c.band === b).length;
  return {
    released: n,
    address: [band(0), band(1), band(2), band(3)],
    toldAtLeast14: 0,
    eteByRelease: 0,
    plan: { viewsEveryPathway: 0, explained: 0, agreed: 0, initialMeetingInTime: 0, preReleaseMeetingInTime: 0 },
    caseManagerChanges: [0, n, 0, 0],
    interventionRepeated: 0,
    release: { firstNightAsPlanned: 0, eteStartedAsPlanned: 0, healthHandoverByRelease: 0, releaseDayPlanConfirmed: 0 },
    deadlines: [],
  };
}

/** The children counted by a key (a dimension's group, a month): the address measures, every other yes 0. */
function groups(children: readonly Child[], key: (c: Child) => string | undefined): GroupCounts[] {
  const byGroup = new Map<string, Child[]>();
  for (const c of children) {
    const group = key(c);
    if (group) byGroup.set(group, [...(byGroup.get(group) ?? []), c]);
  }
  return [...byGroup].map(([group, cs]) => {
    const yes = Object.fromEntries(BREAKDOWN_MEASURES.map((m) => [m, 0])) as Record<BreakdownMeasure, number>;
    yes.ADDRESS_28_DAYS = cs.filter((c) => c.band === 0).length;
    yes.ADDRESS_14_DAYS = cs.filter((c) => c.band <= 1).length;
    return { group, released: cs.length, yes };
  });
}

const MONTHS = { '2026-10': 'October 2026', '2026-11': 'November 2026' } as const;

function page(children: readonly Child[], months: (keyof typeof MONTHS)[] = []) {
  const breakdowns = new Map<BreakdownDimension, GroupCounts[]>([
    ['GENDER', groups(children, (c) => c.gender)],
    ['AGE_BAND', groups(children, (c) => c.age)],
  ]);
  return publishMeasuresPage({
    headline: headline(children),
    breakdowns,
    months: months.map((month) => ({ month, label: MONTHS[month] })),
    monthly: groups(children, (c) => c.month),
  });
}

/** What a reader sees: the headline's four address bands, and a table's address at least 28 and 14 days per group. */
const bands = (published: { headline: ReturnType<typeof publishMeasures> }) =>
  published.headline.accommodation.map((f) => f.numerator.display);
const address = (groupsShown: { group: string; figures: { measure: string; numerator: { display: string } }[] }[]) =>
  Object.fromEntries(
    groupsShown.map((g) => [
      g.group,
      g.figures.filter((f) => f.measure.startsWith('ADDRESS_')).map((f) => f.numerator.display),
    ]),
  );
const breakdown = (published: ReturnType<typeof page>, dimension: BreakdownDimension) =>
  address(published.breakdowns.find((b) => b.dimension === dimension)!.groups);

describe('publishMeasuresPage: the headline, breakdowns and trend safe together', () => {
  // The portal test's November, by hand: 10 released, bands 5 / 0 / 0 / 5, all boys, all in November.
  // Alone the headline hides 28+ (5, to cover the two zeros) but shows "not by release" 5; the boys' address at least
  // 14 days is shown, 5 (its band 14-27 is 0, so at least 28 is hidden), and so is November's row of the trend.
  // 10 - 5 (at least 14 days) - 5 (not by release) = 0 would give the 0-13 band away: "not by release" is hidden too.
  // The reader knows 28+ and 14-27 add up to 5, 0-13 and not by release to 5: each pair two hidden, adding to 5.
  const november = many(5, { band: 0, gender: 'MALE', month: '2026-11' }).concat(
    many(5, { band: 3, gender: 'MALE', month: '2026-11' }),
  );

  it('the portal example: a breakdown column shown whole hides "not by release" in the headline', () => {
    expect(publishMeasures(headline(november)).accommodation.map((f) => f.numerator.display)).toEqual([F, F, F, '5']);
    const published = page(november, ['2026-11']);
    expect(bands(published)).toEqual([F, F, F, F]);
    expect(published.headline.released.display).toBe('10');
    expect(breakdown(published, 'GENDER')).toEqual({ MALE: [F, '5'] });
    expect(address(published.byMonth)).toEqual({ '2026-11': [F, '5'] });
  });

  it('a month period: the trend alone (its one row the headline) is enough to hide "not by release"', () => {
    const published = page(
      november.map((c) => ({ ...c, gender: undefined })),
      ['2026-11'],
    );
    expect(bands(published)).toEqual([F, F, F, F]);
    expect(address(published.byMonth)).toEqual({ '2026-11': [F, '5'] });
  });

  // 21 released, bands 6 / 12 / 3 / 0, all boys. Alone the headline hides 28+ (6, the smallest beside 3 and 0) and
  // shows 14-27, 12. The boys' address at least 28 days is shown whole (6 of 21; at least 14 days, 18, is not: its
  // no is 3), so 28+ is known, 6, and 21 - 6 - 12 = 3 would be the two small bands together. The segment known to be
  // 6 is shown; in the rest (15: 12, 3, 0) the 12 is hidden so that the hidden add up to 15.
  it('a column shown whole gives a band away: the band is shown, the rest of the row hidden more', () => {
    const children = many(6, { band: 0, gender: 'MALE' }).concat(
      many(12, { band: 1, gender: 'MALE' }),
      many(3, { band: 2, gender: 'MALE' }),
    );
    expect(publishMeasures(headline(children)).accommodation.map((f) => f.numerator.display)).toEqual([F, '12', F, F]);
    const published = page(children);
    expect(breakdown(published, 'GENDER')).toEqual({ MALE: ['6', F] });
    expect(bands(published)).toEqual(['6', F, F, F]);
  });

  // 27 released, bands 13 / 3 / 5 / 6. By gender: boys 13 (8 at 28+, 2 at 14-27, 3 at 0-13), girls 14 (5, 1, 2, 6).
  // The boys' at least 14 days has a no of 3, so that column is hidden; at least 28 is shown whole, 8 and 5: 13. By
  // age, everyone 17 or over: at least 14 days shown, 16 (its at least 28 hidden, the band being 3). 16 - 13 = 3, the
  // band the headline hides. No headline figure can hide it: one of the sums must go. Without at least 28 the
  // headline would hide all four bands; without at least 14 nothing more: so the age breakdown hides at least 14 days
  // (and then shows at least 28, 13, which gender shows already). The headline is as alone: 13, -, -, 6.
  it('two breakdowns between them giving a small band away: the column costing the headline least is hidden', () => {
    const children = [
      ...many(8, { band: 0, gender: 'MALE', age: '17_PLUS' }),
      ...many(2, { band: 1, gender: 'MALE', age: '17_PLUS' }),
      ...many(3, { band: 2, gender: 'MALE', age: '17_PLUS' }),
      ...many(5, { band: 0, gender: 'FEMALE', age: '17_PLUS' }),
      ...many(1, { band: 1, gender: 'FEMALE', age: '17_PLUS' }),
      ...many(2, { band: 2, gender: 'FEMALE', age: '17_PLUS' }),
      ...many(6, { band: 3, gender: 'FEMALE', age: '17_PLUS' }),
    ];
    const alone = publishMeasures(headline(children)).accommodation.map((f) => f.numerator.display);
    expect(alone).toEqual(['13', F, F, '6']);
    const published = page(children);
    expect(breakdown(published, 'GENDER')).toEqual({ MALE: ['8', F], FEMALE: ['5', F] });
    expect(breakdown(published, 'AGE_BAND')).toEqual({ '17_PLUS': ['13', F] });
    expect(bands(published)).toEqual(alone);
  });

  // Nothing more to hide: 23 released, bands 10 / 8 / 3 / 2, all girls in October. The headline hides 3 and 2 (two,
  // adding up to 5); the girls' at least 28 days (10) and at least 14 (18) are both shown, so 28+ and 14-27 are
  // known, as the headline shows them, and 0-13 with not by release add up to 5, as the headline's total says already.
  it('no over-suppression: sums the headline shows already change nothing', () => {
    const children = [
      ...many(10, { band: 0, gender: 'FEMALE', month: '2026-10' }),
      ...many(8, { band: 1, gender: 'FEMALE', month: '2026-10' }),
      ...many(3, { band: 2, gender: 'FEMALE', month: '2026-10' }),
      ...many(2, { band: 3, gender: 'FEMALE', month: '2026-10' }),
    ];
    const published = page(children, ['2026-10', '2026-11']);
    expect(bands(published)).toEqual(['10', '8', F, F]);
    expect(breakdown(published, 'GENDER')).toEqual({ FEMALE: ['10', '18'] });
    expect(published.headline).toEqual(publishMeasures(headline(children)));
  });

  it('no over-suppression: nothing small, every table as alone', () => {
    const children = [
      ...many(10, { band: 0, gender: 'MALE', month: '2026-10' }),
      ...many(8, { band: 1, gender: 'FEMALE', month: '2026-11' }),
      ...many(7, { band: 2, gender: 'MALE', month: '2026-11' }),
      ...many(5, { band: 3, gender: 'FEMALE', month: '2026-10' }),
    ];
    const published = page(children, ['2026-10', '2026-11']);
    expect(published.headline).toEqual(publishMeasures(headline(children)));
    expect(bands(published)).toEqual(['10', '8', '7', '5']);
  });

  // A trend over months is a table like a breakdown: October 11 (6 at 28+, 5 not by release), November 10 (5 at 14-27,
  // 5 not by release); 21 in all, bands 6 / 5 / 0 / 10. Alone the headline hides 0-13 (0) and 14-27 (5, the smallest
  // beside it). The months' address at least 14 days is shown whole, 6 and 5: 11 = 28+ and 14-27, so 14-27 would be
  // 11 - 6 and 0-13 21 - 11 - 10. The headline hides 28+ and not by release as well: each pair two hidden, adding to
  // 11 and 10. (At least 28 days is hidden in both months: October's band 14-27 is 0, November's 28+ is 0.)
  it('a trend of months adds up to the period: its columns shown whole count as a breakdown’s', () => {
    const children = [
      ...many(6, { band: 0, month: '2026-10' }),
      ...many(5, { band: 3, month: '2026-10' }),
      ...many(5, { band: 1, month: '2026-11' }),
      ...many(5, { band: 3, month: '2026-11' }),
    ];
    expect(publishMeasures(headline(children)).accommodation.map((f) => f.numerator.display)).toEqual([
      '6',
      F,
      F,
      '10',
    ]);
    const published = page(children, ['2026-10', '2026-11']);
    expect(address(published.byMonth)).toEqual({ '2026-10': [F, '6'], '2026-11': [F, '5'] });
    expect(bands(published)).toEqual([F, F, F, F]);
  });

  it('under 5 released: everything hidden, nothing to do', () => {
    const published = page(many(4, { band: 0, gender: 'MALE', month: '2026-11' }), ['2026-11']);
    expect(bands(published)).toEqual([F, F, F, F]);
    expect(published.headline.released.display).toBe(F);
    expect(breakdown(published, 'GENDER')).toEqual({ MALE: [F, F] });
  });
});

import { randomUUID } from 'node:crypto';
import { Role } from '@resettle/access';
import { MeasuresService } from '@resettle/milestones';
import { AccessWorld, buildAccessWorld } from './support/access-world';
import { Session, TestApp } from './support/test-app';

/**
 * The resettlement measures (issue 23, first slice) against a known synthetic cohort, every figure worked out by hand
 * below. The cohort is written straight into the tables as the facts leave them: released episodes (copies of each
 * side's episode, released on a known day) and their milestones, met by a fact on a known day (`met_at`, and for the
 * child told, `evidence.toldOn`), not met, or waived. Period: November 2026 (London days).
 *
 * Side A (8 released in November; one more on 31 October, outside it). R = release day.
 *   child  R      address (days before R)  told (days before R)  ETE place (due R-14)
 *   A1     11-10  10-05 (36)               10-20 (21)            11-02 (late)
 *   A2     11-12  10-10 (33)               10-25 (18)            11-12 (late, on the day)
 *   A3     11-13  10-16 (28)               10-30 (14)            none
 *   A4     11-16  10-20 (27, late)         11-03 (13, late)      11-20 (after release, late)
 *   A5     11-17  11-03 (14, late)         11-03 (14)            11-01 (on time)
 *   A6     11-18  11-18 (0, late)          none                  11-10 (late)
 *   A7     11-19  11-25 (after, late)      none                  waived
 *   A8     11-30* none                     none                  11-27 (late)
 *   * released at 23:30 UTC on 30 November: still 30 November in London. A0 left at 23:30 UTC on 31 October.
 * Side B (12 released on 20 November): address 30 days before (B1–B6), 20 days before (B7–B9, late), 5 days before
 * (B10–B12, late); told 15 days before (B1–B8), never (B9–B12); ETE place 20 days before (B1–B6, on time), none
 * (B7–B12).
 *
 *                                 A: raw → shown            A and B: raw → shown
 *   released                      8 → 8                     20 → 20
 *   address 28+/14–27/0–13/not    3,2,1,2 → all hidden      9,5,4,2 → 9, 5, hidden, hidden
 *   told 14+ / not                4,4 → both hidden         12,8 → 12 (60%), 8
 *   ETE by release / not          5,3 → both hidden (5 secondary)   11,9 → 11 (55%), 9
 *   deadlines (on time, late, not met, waived = total), A and B:
 *     ACCOMMODATION_CONFIRMED     9,10,1,0 = 20 → hidden, 10, hidden, hidden (1 and 0 add to under 5: 9 goes too)
 *     CHILD_TOLD_WHERE_LIVING     12,1,7,0 = 20 → 12, hidden, hidden, hidden
 *     ETE_PLACE_CONFIRMED         7,5,7,1 = 20 → 7, hidden, 7, hidden (the waived 1 alone would be 20-7-5-7)
 *     every other kind            0 → all hidden
 */
describe('resettlement measures (issue 23)', () => {
  let t: TestApp;
  let w: AccessWorld;
  let admin: Session;
  let managerA: Session;

  const F = 'fewer than 5';
  const QUERY = `query($input: ResettlementMeasuresInput!) { resettlementMeasures(input: $input) {
    from to youthJusticeServiceId released { value suppressed display }
    accommodation { key numerator { value display } denominator { value display } percentage }
    childTold { key numerator { value display } denominator { value display } percentage }
    ete { key numerator { value display } denominator { value display } percentage }
    deadlines { key metOnTime { display } metLate { display } notMet { display } waived { display } total { display } }
  } }`;
  const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };
  const shown = (figures: { numerator: { display: string } }[]) => figures.map((f) => f.numerator.display);
  const deadline = (rows: { key: string; [k: string]: unknown }[], key: string) => {
    const row = rows.find((r) => r.key === key) as Record<string, { display: string }>;
    return [row.metOnTime, row.metLate, row.notMet, row.waived, row.total].map((c) => c.display);
  };

  /** A London day at 10:00 (GMT in November, BST before 25 October). */
  const at = (day: string) => `${day}T10:00:00+${day < '2026-10-25' ? '01' : '00'}:00`;
  const minus = (day: string, n: number) =>
    new Date(Date.parse(`${day}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

  async function release(
    side: 'a' | 'b',
    releasedAt: string,
    releaseDay: string,
  ): Promise<{ id: string; childId: string }> {
    const id = randomUUID();
    const [row] = await t.dataSource.query(
      `INSERT INTO custodial_episode
         SELECT (jsonb_populate_record(e, jsonb_build_object('id', $2::uuid, 'status', 'RELEASED',
                 'released_at', $3::timestamptz, 'expected_release_date', $4::date))).*
           FROM custodial_episode e WHERE e.id = $1
       RETURNING id, child_id`,
      [w[side].episode.id, id, releasedAt, releaseDay],
    );
    return { id: row.id, childId: row.child_id };
  }

  /** A milestone of the episode: met on `metOn` (a London day), not met, or waived. */
  async function milestone(
    episode: { id: string; childId: string },
    key: string,
    dueDate: string,
    outcome: { metOn: string; toldOn?: string } | 'PENDING' | 'WAIVED',
  ) {
    const met = typeof outcome === 'object';
    await t.dataSource.query(
      `INSERT INTO milestone (episode_id, child_id, key, due_date, status, met_at, evidence, waived_reason, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)`,
      [
        episode.id,
        episode.childId,
        key,
        dueDate,
        met ? 'MET' : outcome,
        met ? at(outcome.metOn) : null,
        met ? { type: 'Synthetic', id: randomUUID(), at: at(outcome.metOn), toldOn: outcome.toldOn } : null,
        outcome === 'WAIVED' ? 'Synthetic cohort' : null,
      ],
    );
  }

  /** One released child: the day they left, and the day each fact was recorded (null: never). */
  async function child(
    side: 'a' | 'b',
    r: string,
    facts: { address: string | null; told: string | null; ete: string | 'WAIVED' | null },
    releasedAt = at(r),
  ) {
    const episode = await release(side, releasedAt, r);
    await milestone(
      episode,
      'ACCOMMODATION_CONFIRMED',
      minus(r, 28),
      facts.address ? { metOn: facts.address } : 'PENDING',
    );
    await milestone(
      episode,
      'CHILD_TOLD_WHERE_LIVING',
      minus(r, 14),
      facts.told ? { metOn: facts.told, toldOn: facts.told } : 'PENDING',
    );
    await milestone(
      episode,
      'ETE_PLACE_CONFIRMED',
      minus(r, 14),
      facts.ete === 'WAIVED' ? 'WAIVED' : facts.ete ? { metOn: facts.ete } : 'PENDING',
    );
  }

  /**
   * A child of their own (a copy of side A's, with this ethnicity key), released from side A's service on
   * `r`, with the address confirmed on `address` or never; nothing else met.
   */
  let copies = 0;
  async function childOf(ethnicity: string, r: string, address: string | null) {
    const childId = randomUUID();
    await t.dataSource.query(
      `INSERT INTO child
         SELECT (jsonb_populate_record(c, jsonb_build_object('id', $2::uuid, 'external_reference', $3::text,
                 'ethnicity', $4::text, 'date_of_birth', '2010-03-01'::date))).*
           FROM child c WHERE c.id = $1`,
      [w.a.child.id, childId, `MEASURES-${++copies}`, ethnicity],
    );
    const episode = await release('a', at(r), r);
    await t.dataSource.query(`UPDATE custodial_episode SET child_id = $2 WHERE id = $1`, [episode.id, childId]);
    await milestone(
      { id: episode.id, childId },
      'ACCOMMODATION_CONFIRMED',
      minus(r, 28),
      address ? { metOn: address } : 'PENDING',
    );
  }

  beforeAll(async () => {
    t = await TestApp.start();
    w = await buildAccessWorld(t);
    admin = w.sessions[Role.NATIONAL_ADMIN];
    managerA = w.sessions[Role.YJS_MANAGER];
    await child(
      'a',
      '2026-10-31',
      { address: '2026-10-01', told: '2026-10-02', ete: '2026-10-03' },
      '2026-10-31T23:30:00Z',
    );
    await child('a', '2026-11-10', { address: '2026-10-05', told: '2026-10-20', ete: '2026-11-02' });
    await child('a', '2026-11-12', { address: '2026-10-10', told: '2026-10-25', ete: '2026-11-12' });
    await child('a', '2026-11-13', { address: '2026-10-16', told: '2026-10-30', ete: null });
    await child('a', '2026-11-16', { address: '2026-10-20', told: '2026-11-03', ete: '2026-11-20' });
    await child('a', '2026-11-17', { address: '2026-11-03', told: '2026-11-03', ete: '2026-11-01' });
    await child('a', '2026-11-18', { address: '2026-11-18', told: null, ete: '2026-11-10' });
    await child('a', '2026-11-19', { address: '2026-11-25', told: null, ete: 'WAIVED' });
    await child('a', '2026-11-30', { address: null, told: null, ete: '2026-11-27' }, '2026-11-30T23:30:00Z');
    for (let i = 1; i <= 12; i++) {
      const r = '2026-11-20';
      await child('b', r, {
        address: minus(r, i <= 6 ? 30 : i <= 9 ? 20 : 5),
        told: i <= 8 ? minus(r, 15) : null,
        ete: i <= 6 ? minus(r, 20) : null,
      });
    }
    // The breakdown cohort, September 2026 (side A, all 16 on the day of release, released on the 15th):
    //   ethnic group  released  address 14+ days before   shown (released; address)
    //   White         12        7 (58%)                    12; 7, rate 1 (the largest group)
    //   Mixed         8         4                          hidden: hides Asian's size from the total; 4 and 4
    //   Asian         2         1                          hidden (small)
    //   Black         10        5 (50%)                    10; 5, relative rate 0.50 / 0.58 = 0.86
    // Hidden yes cells add up to 5 (4 + 1), and the no cells too: nothing more need be hidden. No child was told
    // or had a place: every yes is 0, so each group's figure is hidden.
    const r = '2026-09-15';
    for (const [ethnicity, released, yes] of [
      ['WHITE_BRITISH', 12, 7],
      ['MIXED_OTHER', 8, 4],
      ['ASIAN_PAKISTANI', 2, 1],
      ['BLACK_CARIBBEAN', 10, 5],
    ] as const)
      for (let i = 0; i < released; i++) await childOf(ethnicity, r, i < yes ? minus(r, 20) : null);
  });
  afterAll(async () => t?.stop());

  it('counts every figure in PostgreSQL, by hand (before suppression)', async () => {
    const measures = t.app.get(MeasuresService);
    const all = await measures.counts(NOVEMBER, null);
    expect(all).toMatchObject({ released: 20, address: [9, 5, 4, 2], toldAtLeast14: 12, eteByRelease: 11 });
    const byKey = Object.fromEntries(all.deadlines.map((d) => [d.key, [d.metOnTime, d.metLate, d.notMet, d.waived]]));
    expect(byKey).toMatchObject({
      ACCOMMODATION_CONFIRMED: [9, 10, 1, 0],
      CHILD_TOLD_WHERE_LIVING: [12, 1, 7, 0],
      ETE_PLACE_CONFIRMED: [7, 5, 7, 1],
      INITIAL_PLANNING_MEETING: [0, 0, 0, 0],
    });
    const a = await measures.counts(NOVEMBER, [w.a.youthJusticeService.id]);
    expect(a).toMatchObject({ released: 8, address: [3, 2, 1, 2], toldAtLeast14: 4, eteByRelease: 5 });
    // 31 October (23:30 UTC, after the clocks went back) is outside November; 30 November 23:30 UTC is inside.
    expect((await measures.counts({ from: '2026-10-31', to: '2026-10-31' }, null)).released).toBe(1);
  });

  it('a national admin sees England and Wales, suppressed', async () => {
    const { resettlementMeasures: m } = await admin.ok(QUERY, { input: NOVEMBER });
    expect(m).toMatchObject({ ...NOVEMBER, youthJusticeServiceId: null, released: { value: 20, display: '20' } });
    expect(shown(m.accommodation)).toEqual(['9', '5', F, F]);
    expect(m.accommodation[0]).toMatchObject({ denominator: { value: 20 }, percentage: 45 });
    expect(m.accommodation[2]).toMatchObject({ numerator: { value: null }, percentage: null });
    expect(shown(m.childTold)).toEqual(['12', '8']);
    expect(m.childTold[0].percentage).toBe(60);
    expect(shown(m.ete)).toEqual(['11', '9']);
    expect(m.ete[0].percentage).toBe(55);
    expect(deadline(m.deadlines, 'ACCOMMODATION_CONFIRMED')).toEqual([F, '10', F, F, '20']);
    expect(deadline(m.deadlines, 'CHILD_TOLD_WHERE_LIVING')).toEqual(['12', F, F, F, '20']);
    expect(deadline(m.deadlines, 'ETE_PLACE_CONFIRMED')).toEqual(['7', F, '7', F, '20']);
    expect(deadline(m.deadlines, 'INITIAL_PLANNING_MEETING')).toEqual([F, F, F, F, F]);
    // Counts only: no child, no episode, anywhere in the answer.
    const text = JSON.stringify(m);
    for (const id of [w.a.child.id, w.b.child.id, w.a.episode.id]) expect(text).not.toContain(id);
  });

  it('a national admin may ask for one service', async () => {
    const { resettlementMeasures: m } = await admin.ok(QUERY, {
      input: { ...NOVEMBER, youthJusticeServiceId: w.b.youthJusticeService.id },
    });
    expect(m.released.display).toBe('12');
    // 6, 3, 3, 0: three small cells hidden; 6 stays (the hidden three add up to 6).
    expect(shown(m.accommodation)).toEqual(['6', F, F, F]);
    expect(shown(m.childTold)).toEqual([F, F]);
    expect(shown(m.ete)).toEqual(['6', '6']);
  });

  it('a youth justice manager sees their own service: small numbers hidden, 5 given away by the total hidden too', async () => {
    const { resettlementMeasures: m } = await managerA.ok(QUERY, { input: NOVEMBER });
    expect(m.youthJusticeServiceId).toBe(w.a.youthJusticeService.id);
    expect(m.released).toEqual({ value: 8, suppressed: false, display: '8' });
    expect(shown(m.accommodation)).toEqual([F, F, F, F]);
    expect(shown(m.childTold)).toEqual([F, F]);
    // 5 is not small, but 8 - 3 would give the hidden 3 away: both hidden.
    expect(shown(m.ete)).toEqual([F, F]);
    expect(m.ete.map((f: { percentage: number | null }) => f.percentage)).toEqual([null, null]);
    // The audit: one row for the read, naming no child.
    const [row] = await t.dataSource.query(
      `SELECT action, resource_type, resource_id, child_id, outcome, detail FROM audit_event
        WHERE action = 'resettlementMeasures' AND actor_organisation_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT 1`,
      [w.a.youthJusticeService.id],
    );
    expect(row).toMatchObject({
      resource_type: 'ResettlementMeasures',
      resource_id: w.a.youthJusticeService.id,
      child_id: null,
      outcome: 'ALLOWED',
      detail: { ...NOVEMBER, youthJusticeServiceId: w.a.youthJusticeService.id },
    });
  });

  it('another service’s measures are NOT_FOUND to a manager; everyone else is refused at the door', async () => {
    const other = await managerA.graphql(QUERY, {
      input: { ...NOVEMBER, youthJusticeServiceId: w.b.youthJusticeService.id },
    });
    expect(other.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const caseManager = await w.sessions[Role.YJS_CASE_MANAGER].graphql(QUERY, { input: NOVEMBER });
    expect(caseManager.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  const SEPTEMBER = { from: '2026-09-01', to: '2026-09-30' };
  const BREAKDOWNS = `query($input: ResettlementMeasuresInput!) { resettlementMeasures(input: $input) {
    released { display }
    breakdowns { dimension label baseGroup groups { group label released { value display }
      figures { measure numerator { value display } percentage relativeRate } } } } }`;

  it('counts each group of each breakdown in PostgreSQL, by hand (before suppression)', async () => {
    const counts = await t.app.get(MeasuresService).breakdownCounts(SEPTEMBER, [w.a.youthJusticeService.id]);
    const ethnic = Object.fromEntries(
      counts.get('ETHNIC_GROUP')!.map((g) => [g.group, [g.released, g.yes.ADDRESS_14_DAYS, g.yes.TOLD_14_DAYS]]),
    );
    expect(ethnic).toEqual({ WHITE: [12, 7, 0], MIXED: [8, 4, 0], ASIAN: [2, 1, 0], BLACK: [10, 5, 0] });
    // Every child in exactly one group of each dimension.
    for (const dimension of ['GENDER', 'AGE_BAND', 'LOOKED_AFTER', 'CARE_LEAVER', 'LEGAL_STATUS'] as const)
      expect(counts.get(dimension)!.reduce((sum, g) => sum + g.released, 0)).toBe(32);
    expect(counts.get('AGE_BAND')).toEqual([expect.objectContaining({ group: '16', released: 32 })]);
  });

  it('a manager sees the measures by ethnic group: rates against the largest group, small groups hidden', async () => {
    const { resettlementMeasures: m } = await managerA.ok(BREAKDOWNS, { input: SEPTEMBER });
    expect(m.released.display).toBe('32');
    expect(m.breakdowns.map((b: { dimension: string }) => b.dimension)).toEqual([
      'ETHNIC_GROUP',
      'GENDER',
      'AGE_BAND',
      'LOOKED_AFTER',
      'CARE_LEAVER',
      'LEGAL_STATUS',
    ]);
    const ethnic = m.breakdowns[0];
    expect(ethnic.baseGroup).toBe('WHITE');
    expect(
      ethnic.groups.map((g: { label: string; released: { display: string } }) => [g.label, g.released.display]),
    ).toEqual([
      ['White', '12'],
      ['Mixed or multiple ethnic groups', F],
      ['Asian, Asian British or Asian Welsh', F],
      ['Black, Black British, Black Welsh, Caribbean or African', '10'],
    ]);
    const address = ethnic.groups.map((g: { figures: Record<string, unknown>[] }) => g.figures[0]);
    expect(address[0]).toMatchObject({
      measure: 'ADDRESS_14_DAYS',
      numerator: { value: 7 },
      percentage: 58,
      relativeRate: 1,
    });
    expect(address[3]).toMatchObject({ numerator: { value: 5 }, percentage: 50, relativeRate: 0.86 });
    for (const hidden of [address[1], address[2]])
      expect(hidden).toMatchObject({ numerator: { value: null, display: F }, percentage: null, relativeRate: null });
    // Nobody told: every group's 0 is hidden.
    expect(
      ethnic.groups.map((g: { figures: { numerator: { display: string } }[] }) => g.figures[1].numerator.display),
    ).toEqual([F, F, F, F]);
    // Counts only.
    expect(JSON.stringify(m)).not.toContain(w.a.child.id);
  });

  const BY_MONTH = `query($input: ResettlementMeasuresInput!) { resettlementMeasures(input: $input) {
    byMonth { group label released { display } figures { measure numerator { display } percentage relativeRate } } } }`;
  const monthRows = (m: {
    byMonth: {
      group: string;
      label: string;
      released: { display: string };
      figures: { numerator: { display: string }; percentage: number | null }[];
    }[];
  }) =>
    m.byMonth.map((g) => [
      g.group,
      g.label,
      g.released.display,
      g.figures[0].numerator.display,
      g.figures[0].percentage,
    ]);

  it('gives the trend month by month: a month nobody left shown as such, small months hidden with what gives them away', async () => {
    // August: nobody released. September: the 32 above, 17 with an address 14 days or more before.
    const { resettlementMeasures: summer } = await managerA.ok(BY_MONTH, {
      input: { from: '2026-08-01', to: '2026-09-30' },
    });
    expect(monthRows(summer)).toEqual([
      ['2026-08', 'August 2026', F, F, null],
      ['2026-09', 'September 2026', '32', '17', 53],
    ]);
    // October's one child is hidden, and so is November's 8 (else 41 - 32 - 8 gives October's away); November's 3
    // without an address 14 days before, with October's 0, would give the rest away: every address figure hidden.
    const { resettlementMeasures: autumn } = await managerA.ok(BY_MONTH, {
      input: { from: '2026-09-01', to: '2026-11-30' },
    });
    expect(monthRows(autumn)).toEqual([
      ['2026-09', 'September 2026', '32', F, null],
      ['2026-10', 'October 2026', F, F, null],
      ['2026-11', 'November 2026', F, F, null],
    ]);
    expect(
      autumn.byMonth.every((g: { figures: { relativeRate: number | null }[] }) =>
        g.figures.every((f) => f.relativeRate === null),
      ),
    ).toBe(true);
  });

  const CHILDREN = `query($input: MeasureChildrenInput!) { measureChildren(input: $input) {
    figure total page pageSize children { episodeId childId name releasedOn addressConfirmedOn toldOn etePlaceConfirmedOn } } }`;

  it('lists the children behind a figure for their own service’s manager, each read audited', async () => {
    // Side A in November, no address by the day of release: A7 (confirmed after) and A8 (never), in order of release.
    const { measureChildren: page } = await managerA.ok(CHILDREN, {
      input: { ...NOVEMBER, figure: 'ADDRESS_NOT_BY_RELEASE' },
    });
    expect(page).toMatchObject({ figure: 'ADDRESS_NOT_BY_RELEASE', total: 2, page: 1, pageSize: 50 });
    const [{ name }] = await t.dataSource.query(
      `SELECT coalesce(preferred_name, given_name) || ' ' || family_name AS name FROM child WHERE id = $1`,
      [w.a.child.id],
    );
    expect(
      page.children.map((c: Record<string, string | null>) => [c.name, c.releasedOn, c.addressConfirmedOn, c.toldOn]),
    ).toEqual([
      [name, '2026-11-19', '2026-11-25', null],
      [name, '2026-11-30', null, null],
    ]);
    // The same conditions as the counts: the four address bands are all 8 of side A's children, once each.
    let listed = 0;
    for (const figure of ['ADDRESS_28_DAYS', 'ADDRESS_14_DAYS', 'ADDRESS_BY_RELEASE', 'ADDRESS_NOT_BY_RELEASE'])
      listed += (await managerA.ok(CHILDREN, { input: { ...NOVEMBER, figure } })).measureChildren.total;
    expect(listed).toBe(8);
    const [{ episodes }] = await t.dataSource.query(
      `SELECT count(*)::int AS episodes FROM audit_event
        WHERE action = 'measureChildren' AND resource_type = 'CustodialEpisode' AND resource_id = ANY($1)`,
      [page.children.map((c: { episodeId: string }) => c.episodeId)],
    );
    expect(episodes).toBeGreaterThanOrEqual(2);
  });

  it('never lists children to a national admin, nor another service’s to a manager; a bad page names the field', async () => {
    const asAdmin = await admin.graphql(CHILDREN, { input: { ...NOVEMBER, figure: 'TOLD_14_DAYS' } });
    expect(asAdmin.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const other = await managerA.graphql(CHILDREN, {
      input: { ...NOVEMBER, figure: 'TOLD_14_DAYS', youthJusticeServiceId: w.b.youthJusticeService.id },
    });
    expect(other.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const bad = await managerA.graphql(CHILDREN, { input: { ...NOVEMBER, figure: 'TOLD_14_DAYS', page: 0 } });
    expect(bad.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors?.[0]?.extensions)).toContain('page');
    // Past the last page: no children, the total still right.
    const past = await managerA.ok(CHILDREN, { input: { ...NOVEMBER, figure: 'TOLD_14_DAYS', page: 3 } });
    expect(past.measureChildren).toMatchObject({ total: 4, page: 3, children: [] });
  });

  it.each<[string, Record<string, string>, string]>([
    ['a date that is not one', { from: '2026-02-30', to: '2026-03-01' }, 'from'],
    ['the end before the start', { from: '2026-11-30', to: '2026-11-01' }, 'to'],
    ['more than a year', { from: '2025-11-01', to: '2026-11-30' }, 'to'],
  ])('bad input: %s names the field', async (_name, input, field) => {
    const res = await admin.graphql(QUERY, { input });
    expect(res.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.errors?.[0]?.extensions)).toContain(field);
  });
});

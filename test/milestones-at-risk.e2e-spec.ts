import { Role } from '@resettle/access';
import { addDays } from '@resettle/common';
import { AccessWorld, buildAccessWorld } from './support/access-world';
import { Session, TestApp } from './support/test-app';

/**
 * The deadlines-at-risk list's filters for the portal's page (issue 20): by case manager, only missed, by kind of
 * deadline, and the case managers of the list with their counts, always within the caller's slice.
 */
describe('milestonesAtRisk: case manager, missed and kind filters, case managers counted', () => {
  let t: TestApp;
  let w: AccessWorld;
  let manager: Session;
  const cm: Record<'ash' | 'bea', { userId: string }> = {} as never;
  const episodes: string[] = [];

  const AT_RISK = `query($filter: MilestonesAtRiskFilter, $first: Int, $after: String) {
    milestonesAtRisk(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id key status dueDate episodeId episode { caseManagerId caseManager { givenName familyName } } } }
      caseManagers { caseManagerId name count missedCount } } }`;
  const list = async (filter: Record<string, unknown>, session: Session = manager, first = 100) =>
    (await session.ok(AT_RISK, { filter, first })).milestonesAtRisk;

  /** A child sentenced 35 days ago (the sentence deadlines past), with this case manager. */
  const sentenced = async (name: string, caseManagerId: string | null) => {
    const { registerChild } = await manager.ok(
      `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
      {
        input: {
          givenName: name,
          familyName: 'Atrisk',
          dateOfBirth: `2010-05-${String(10 + episodes.length).padStart(2, '0')}`,
          gender: 'MALE',
          lookedAfter: false,
          careLeaver: false,
          hasEhcp: false,
          disabilities: [],
        },
      },
    );
    const { startCustodialEpisode } = await manager.ok(
      `mutation($input: StartCustodialEpisodeInput!) { startCustodialEpisode(input: $input) { id } }`,
      {
        input: {
          childId: registerChild.id,
          establishmentId: w.a.establishment.id,
          supervisingServiceId: w.a.youthJusticeService.id,
          caseManagerId,
          sentence: {
            sentenceType: 'DTO',
            sentenceDate: addDays(t.clock.today(), -35),
            termMonths: 4,
            remandDays: 0,
            taggedBailDays: 0,
            qualifyingSeriousOffence: false,
            excludedFromFortyPercentRelease: false,
          },
        },
      },
    );
    episodes.push(startCustodialEpisode.id);
    return startCustodialEpisode.id as string;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    w = await buildAccessWorld(t);
    manager = w.sessions[Role.YJS_MANAGER];
    for (const [key, givenName] of [
      ['ash', 'Ash'],
      ['bea', 'Bea'],
    ] as const) {
      cm[key] = await t.userSession({
        organisationId: w.a.youthJusticeService.id,
        roles: [Role.YJS_CASE_MANAGER],
        givenName,
        familyName: 'Casework',
      });
    }
    const ash1 = await sentenced('Alfie', cm.ash.userId);
    await sentenced('Arlo', cm.ash.userId);
    await sentenced('Bilal', cm.bea.userId);
    // The engine marks missed ones; here, by hand: one of Ash's.
    await t.dataSource.query(
      `UPDATE milestone SET status = 'MISSED' WHERE episode_id = $1 AND key = 'INITIAL_PLANNING_MEETING'`,
      [ash1],
    );
  });
  afterAll(async () => t?.stop());

  it('keeps one case manager’s children, and pages through them', async () => {
    const all = await list({ caseManagerId: cm.ash.userId });
    expect(all.totalCount).toBeGreaterThan(2);
    expect(all.edges.every((e: any) => e.node.episode.caseManagerId === cm.ash.userId)).toBe(true);
    expect(all.edges[0].node.episode.caseManager).toEqual({ givenName: 'Ash', familyName: 'Casework' });
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (await manager.ok(AT_RISK, { filter: { caseManagerId: cm.ash.userId }, first: 2, after }))
        .milestonesAtRisk;
      seen.push(...page.edges.map((e: any) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all.edges.map((e: any) => e.node.id));
    // Another service's case manager's children are not in this slice.
    const otherCm = w.b.colleagueOf[w.b.youthJusticeService.id].id;
    expect((await list({ caseManagerId: otherCm })).totalCount).toBe(0);
  });

  it('only missed, none missed, and both refused together naming the field', async () => {
    const missed = await list({ onlyMissed: true });
    expect(missed.totalCount).toBeGreaterThan(0);
    expect(missed.edges.every((e: any) => e.node.status === 'MISSED')).toBe(true);
    // Missed ones are listed whenever they fell due, not only within withinDays.
    expect((await list({ onlyMissed: true, withinDays: 0 })).totalCount).toBe(missed.totalCount);
    const atRisk = await list({ includeMissed: false });
    expect(atRisk.edges.every((e: any) => e.node.status === 'PENDING')).toBe(true);
    expect((await list({})).totalCount).toBe(missed.totalCount + atRisk.totalCount);
    const both = await manager.graphql(AT_RISK, { filter: { onlyMissed: true, includeMissed: false } });
    expect(both.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: { 'filter.onlyMissed': [expect.any(String)] },
    });
    const badId = await manager.graphql(AT_RISK, { filter: { caseManagerId: 'not-an-id' } });
    expect(badId.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('keeps the kinds of deadline asked for', async () => {
    const keys = ['INITIAL_PLANNING_MEETING', 'ACCOMMODATION_REFERRAL_SENT'];
    const some = await list({ keys });
    expect(some.totalCount).toBeGreaterThanOrEqual(6);
    expect(new Set(some.edges.map((e: any) => e.node.key))).toEqual(new Set(keys));
    const bad = await manager.graphql(AT_RISK, { filter: { keys: ['NOT_A_DEADLINE'] } });
    expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('counts the list by case manager, by name, no case manager last, whatever the case manager filter', async () => {
    const whole = await list({});
    const byCm = whole.caseManagers;
    expect(byCm.map((c: any) => c.name)).toEqual(['Ash Casework', 'Bea Casework', null]);
    expect(byCm.reduce((n: number, c: any) => n + c.count, 0)).toBe(whole.totalCount);
    const ash = byCm[0];
    expect(ash).toMatchObject({ caseManagerId: cm.ash.userId, missedCount: 1 });
    expect(ash.count).toBe((await list({ caseManagerId: cm.ash.userId })).totalCount);
    // The other filters apply; the case manager filter does not (so the page can offer each).
    expect((await list({ caseManagerId: cm.bea.userId })).caseManagers).toEqual(byCm);
    const missedOnly = (await list({ onlyMissed: true })).caseManagers;
    expect(missedOnly.find((c: any) => c.caseManagerId === cm.ash.userId)).toMatchObject({ count: 1, missedCount: 1 });
    expect(missedOnly.some((c: any) => c.caseManagerId === cm.bea.userId)).toBe(false);
    // The other side sees none of side A's case managers; an establishment those it holds the children of.
    const otherManager = await t.userSession({ organisationId: w.b.youthJusticeService.id, roles: [Role.YJS_MANAGER] });
    expect((await list({}, otherManager)).caseManagers).toEqual([expect.objectContaining({ caseManagerId: null })]);
    const est = await list({}, w.sessions[Role.ESTABLISHMENT_STAFF]);
    expect(est.caseManagers.map((c: any) => c.name)).toEqual(['Ash Casework', 'Bea Casework', null]);
  });
});

import { Role } from '@resettle/access';
import { Session, TestApp } from './support/test-app';

/**
 * Issue 22, the partner inbox's api: orders done in SQL that page across pages with cursors naming their order, the
 * overdue filter (as urgency OVERDUE), and what is new on each referral for the person reading it (their unread
 * notices about it, marked read when its page is opened or the referral is acted on).
 */
describe('referral inbox: orders, overdue, news', () => {
  let t: TestApp;
  let service: Session;
  let officer: Session;
  let colleague: Session;
  const org: Record<string, { id: string }> = {};
  /** By given name: the referral and its episode. */
  const made: Record<string, { id: string; version: number; episodeId: string }> = {};

  const LIST = `query($filter: ReferralFilter, $orderBy: ReferralOrder, $first: Int, $after: String) {
    referrals(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id status urgency news summary { givenName } } } } }`;
  const codeOf = (res: { errors?: { extensions: { code: string } }[] }) => res.errors?.[0]?.extensions.code;

  /** Every page of the list, 2 at a time, by given name. */
  async function names(session: Session, variables: Record<string, unknown>): Promise<string[]> {
    const out: string[] = [];
    let after: string | undefined;
    for (;;) {
      const { referrals } = await session.ok(LIST, { ...variables, first: 2, after });
      out.push(...referrals.edges.map((e: { node: { summary: { givenName: string } } }) => e.node.summary.givenName));
      if (!referrals.pageInfo.hasNextPage) return out;
      after = referrals.pageInfo.endCursor;
    }
  }

  async function move(session: Session, mutation: string, name: string, extra: Record<string, unknown> = {}) {
    const inputType = {
      acknowledgeReferral: 'ReferralMoveInput',
      offerReferral: 'OfferReferralInput',
      confirmReferral: 'ReferralMoveInput',
      requestReferralInformation: 'RequestReferralInformationInput',
      sendReferral: 'ReferralMoveInput',
      withdrawReferral: 'ReferralReasonInput',
    }[mutation];
    const result = await session.ok(`mutation($input: ${inputType}!) { ${mutation}(input: $input) { id version } }`, {
      input: { referralId: made[name].id, expectedVersion: made[name].version, ...extra },
    });
    made[name].version = result[mutation].version;
  }

  beforeAll(async () => {
    t = await TestApp.start();
    const insertOrg = async (key: string, code: string, type: string, la: string | null = null) => {
      [org[key]] = await t.dataSource.query(
        `INSERT INTO organisation (code, name, type, local_authority_id, nation, region) VALUES ($1, $1, $2, $3, 'ENGLAND', 'Test') RETURNING id`,
        [code, type, la],
      );
    };
    await insertOrg('la', 'LA-RI', 'LOCAL_AUTHORITY');
    await insertOrg('yjs', 'YJS-RI', 'YOUTH_JUSTICE_SERVICE', org.la.id);
    await insertOrg('yoi', 'YOI-RI', 'YOI');
    service = await t.userSession({ organisationId: org.yjs.id, roles: [Role.YJS_MANAGER], email: 'm@ri.example.com' });
    officer = await t.userSession({
      organisationId: org.la.id,
      roles: [Role.LA_ACCOMMODATION_OFFICER],
      email: 'officer@ri.example.com',
    });
    colleague = await t.userSession({
      organisationId: org.la.id,
      roles: [Role.LA_ACCOMMODATION_OFFICER],
      email: 'colleague@ri.example.com',
    });
    // Sent in this order (newest last), with release (and so deadline) order Cy, Ann, Dee, and Bo on remand.
    let day = 1;
    for (const [givenName, familyName, termMonths] of [
      ['Ann', 'Zeta', 12],
      ['Bo', 'Young', null],
      ['Cy', 'Able', 6],
      ['Dee', 'Able', 24],
    ] as const) {
      const { registerChild: child } = await service.ok(
        `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
        {
          input: {
            givenName,
            familyName,
            dateOfBirth: `2010-04-0${day++}`,
            gender: 'MALE',
            responsibleAuthorityId: org.la.id,
            homeAuthorityId: org.la.id,
          },
        },
      );
      const { startCustodialEpisode: episode } = await service.ok(
        `mutation($input: StartCustodialEpisodeInput!) { startCustodialEpisode(input: $input) { id version } }`,
        {
          input: {
            childId: child.id,
            establishmentId: org.yoi.id,
            supervisingServiceId: org.yjs.id,
            remandDate: t.clock.today(),
          },
        },
      );
      if (termMonths)
        await service.ok(`mutation($input: RecordSentenceInput!) { recordSentence(input: $input) { id } }`, {
          input: {
            episodeId: episode.id,
            expectedVersion: episode.version,
            sentence: { sentenceType: 'DTO', sentenceDate: t.clock.today(), termMonths },
          },
        });
      const { resettlementPlan } = await service.ok(
        `query($id: ID!) { resettlementPlan(episodeId: $id) { pathways { id type } } }`,
        { id: episode.id },
      );
      const pathwayId = resettlementPlan.pathways.find((p: { type: string }) => p.type === 'ACCOMMODATION').id;
      const { createReferral } = await service.ok(
        `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id version } }`,
        { input: { pathwayId, type: 'ACCOMMODATION', toOrganisationId: org.la.id } },
      );
      made[givenName] = { ...createReferral, episodeId: episode.id };
      await move(service, 'sendReferral', givenName);
      t.clock.advance(60_000);
    }
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('each order pages across pages in the api, ties broken by id; the default is soonest release', async () => {
    expect(await names(officer, {})).toEqual(['Cy', 'Ann', 'Dee', 'Bo']);
    expect(await names(officer, { orderBy: 'RELEASE_DATE' })).toEqual(['Cy', 'Ann', 'Dee', 'Bo']);
    // The deadline each referral meets (the address 28 days before release); on remand, none: last.
    expect(await names(officer, { orderBy: 'DEADLINE' })).toEqual(['Cy', 'Ann', 'Dee', 'Bo']);
    expect(await names(officer, { orderBy: 'CHILD_NAME' })).toEqual(['Cy', 'Dee', 'Bo', 'Ann']);
    // Newest sent first.
    expect(await names(officer, { orderBy: 'RECEIVED' })).toEqual(['Dee', 'Cy', 'Bo', 'Ann']);
    // With a filter, across pages.
    expect(await names(officer, { orderBy: 'CHILD_NAME', filter: { childName: 'able' } })).toEqual(['Cy', 'Dee']);
  });

  it('a cursor pages only the order it came from: another order’s is BAD_USER_INPUT naming after', async () => {
    const { referrals } = await officer.ok(LIST, { orderBy: 'CHILD_NAME', first: 1 });
    for (const orderBy of ['RELEASE_DATE', 'DEADLINE', 'RECEIVED']) {
      const res = await officer.graphql(LIST, { orderBy, first: 1, after: referrals.pageInfo.endCursor });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.errors)).toContain('after');
    }
    const bad = await officer.graphql(LIST, { orderBy: 'SOONEST' });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
  });

  it('overdue: past the deadline (missed, or due before today) with nothing confirmed, as urgency says', async () => {
    const setDeadline = (name: string, dueDate: string, status: string) =>
      t.dataSource.query(
        `UPDATE milestone SET due_date = $2, status = $3 WHERE episode_id = $1 AND key = 'ACCOMMODATION_CONFIRMED'`,
        [made[name].episodeId, dueDate, status],
      );
    expect((await officer.ok(LIST, { filter: { overdue: true } })).referrals.totalCount).toBe(0);
    await setDeadline('Ann', '2026-11-01', 'PENDING'); // due before today (23 November)
    await setDeadline('Cy', '2026-11-02', 'MISSED');
    await setDeadline('Dee', '2026-11-03', 'WAIVED'); // waived by a manager: not late
    expect(await names(officer, { filter: { overdue: true } })).toEqual(['Cy', 'Ann']);
    expect(await names(officer, { filter: { overdue: false } })).toEqual(['Dee', 'Bo']);
    const { referrals } = await officer.ok(LIST, { filter: { overdue: true } });
    expect(referrals.edges.map((e: { node: { urgency: string } }) => e.node.urgency)).toEqual(['OVERDUE', 'OVERDUE']);
    // With the tab and the order: the overdue ones needing action, by name.
    expect(await names(officer, { filter: { overdue: true, queue: 'NEEDS_ACTION' }, orderBy: 'CHILD_NAME' })).toEqual([
      'Cy',
      'Ann',
    ]);
    // Confirmed: no longer late.
    await move(officer, 'acknowledgeReferral', 'Ann');
    await move(officer, 'offerReferral', 'Ann', {
      offer: {
        addressOrPlace: '1 Test Street',
        placementType: 'Supported lodgings',
        provider: 'P',
        startDate: '2027-01-10',
      },
    });
    await move(officer, 'confirmReferral', 'Ann');
    expect(await names(officer, { filter: { overdue: true } })).toEqual(['Cy']);
    const bad = await officer.graphql(LIST, { filter: { overdue: 'yes' } });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
  });

  it('news: new for each officer until opened; acting on it marks the actor’s read, not a colleague’s', async () => {
    const newsOf = async (session: Session) =>
      Object.fromEntries(
        (await session.ok(LIST, { orderBy: 'CHILD_NAME' })).referrals.edges.map(
          (e: { node: { news: string | null; summary: { givenName: string } } }) => [
            e.node.summary.givenName,
            e.node.news,
          ],
        ),
      );
    // Ann was acted on by the officer (read); for the colleague, dealt with by their organisation: no longer news.
    expect(await newsOf(officer)).toEqual({ Cy: 'NEW', Dee: 'NEW', Bo: 'NEW', Ann: null });
    expect(await newsOf(colleague)).toEqual({ Cy: 'NEW', Dee: 'NEW', Bo: 'NEW', Ann: null });

    // Opening the page (what the portal does on every page) marks only that referral's, only for its reader.
    await officer.ok(`mutation($link: String!) { markNotificationsReadAt(input: { link: $link }) }`, {
      link: `/referrals/${made.Dee.id}`,
    });
    expect((await newsOf(officer)).Dee).toBeNull();
    expect((await newsOf(colleague)).Dee).toBe('NEW');

    // Asking for information, then the service answers and sends again: information given, for both officers.
    await move(colleague, 'requestReferralInformation', 'Cy', { note: 'Which school?' });
    expect((await newsOf(colleague)).Cy).toBeNull();
    await move(service, 'sendReferral', 'Cy');
    expect((await newsOf(officer)).Cy).toBe('INFORMATION_GIVEN');
    expect((await newsOf(colleague)).Cy).toBe('INFORMATION_GIVEN');

    // A message from the service on a referral already read; a message the officer writes marks theirs read.
    await service.ok(`mutation($input: PostReferralMessageInput!) { postReferralMessage(input: $input) { id } }`, {
      input: { referralId: made.Dee.id, body: 'He has a dog.' },
    });
    expect((await newsOf(officer)).Dee).toBe('NEW_MESSAGE');
    const POST = `mutation($input: PostReferralMessageInput!) { postReferralMessage(input: $input) { id } }`;
    await officer.ok(POST, { input: { referralId: made.Dee.id, body: 'Noted.' } });
    expect((await newsOf(officer)).Dee).toBeNull();

    // Withdrawn: news for the partner.
    await move(service, 'withdrawReferral', 'Bo', { reason: 'Moved area' });
    expect((await newsOf(officer)).Bo).toBe('WITHDRAWN');

    // The service's own list: the partner's answers are news for it.
    const serviceNews = Object.fromEntries(
      (await service.ok(LIST, { orderBy: 'CHILD_NAME' })).referrals.edges.map(
        (e: { node: { news: string | null; summary: { givenName: string } } }) => [
          e.node.summary.givenName,
          e.node.news,
        ],
      ),
    );
    expect(serviceNews).toMatchObject({ Ann: 'ANSWERED', Bo: null });

    // Marking read on acting is audited with the move, in its transaction.
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE actor_user_id = $1 AND action <> 'markNotificationsReadAt' AND detail->>'event' = 'NOTIFICATIONS_READ_AT_PAGE'`,
      [officer.userId],
    );
    expect(n).toBeGreaterThanOrEqual(2);
  });
});

import {
  carer,
  CHILD_DEFAULTS,
  custodyWorld,
  Directory,
  DTO_12,
  expectError,
  SENTENCE_DEFAULTS,
  TODAY,
} from './support/custody-world';
import { Session, TestApp } from './support/test-app';

/**
 * The custody record end to end, from remand to sentence and the release dates that follow, moved earlier or later.
 * GraphQL in, PostgreSQL and Redis behind, the clock fixed at Monday 2026-11-23; DOMAIN.md "The custodial episode"
 * gives the rules the dates follow.
 * Shared setup and helpers: test/support/custody-world.ts.
 */
describe('the custody record: sentencing and release dates (GraphQL, PostgreSQL, Redis)', () => {
  const world = custodyWorld();
  const { mutate, mutateOk, episode, calculate, snapshot, remandedChild, sentencedChild } = world;
  let t: TestApp;
  let dir: Directory;
  let leeds: Session;
  beforeAll(() => {
    ({ t, dir, leeds } = world);
  });

  describe('a remanded child is sentenced', () => {
    let childId: string;
    let remand: any;
    let sentenced: any;

    it('registers the child with their parents and carers', async () => {
      const data = await leeds.ok(
        `mutation($input: RegisterChildInput!) { registerChild(input: $input) {
          id givenName familyName dateOfBirth age lookedAfter responsibleAuthority { name }
          parentsCarers { name relationship email phone hasParentalResponsibility } currentEpisode { id } episodes { id } } }`,
        {
          input: {
            ...CHILD_DEFAULTS,
            givenName: 'Jordan',
            familyName: 'Tester',
            dateOfBirth: '2010-04-12',
            gender: 'MALE',
            lookedAfter: true,
            responsibleAuthorityId: dir.leeds.id,
            parentsCarers: [
              {
                name: 'Dana Tester',
                relationship: 'Mother',
                email: 'Dana.Tester@Example.com',
                hasParentalResponsibility: true,
              },
              carer({ name: 'Lee Tester', relationship: 'Grandfather', phone: '0113 496 0000' }),
            ],
          },
        },
      );
      const child = data.registerChild;
      childId = child.id;
      expect(child).toMatchObject({
        givenName: 'Jordan',
        dateOfBirth: '2010-04-12',
        age: 16,
        lookedAfter: true,
        responsibleAuthority: { name: 'Leeds City Council' },
        currentEpisode: null,
        episodes: [],
      });
      expect(child.parentsCarers).toEqual([
        {
          name: 'Dana Tester',
          relationship: 'Mother',
          email: 'dana.tester@example.com',
          phone: null,
          hasParentalResponsibility: true,
        },
        {
          name: 'Lee Tester',
          relationship: 'Grandfather',
          email: null,
          phone: '0113 496 0000',
          hasParentalResponsibility: false,
        },
      ]);
    });

    it('starts a custodial episode on remand: no release date, first placement, history', async () => {
      remand = await mutateOk('startCustodialEpisode', {
        childId,
        establishmentId: dir.wetherby.id,
        supervisingServiceId: dir.leedsYjs.id,
        caseManagerId: dir.leedsCaseManager.id,
        remandDate: '2026-08-01',
      });
      expect(remand).toMatchObject({
        status: 'REMANDED',
        version: 1,
        startDate: '2026-08-01',
        remandDate: '2026-08-01',
        sentenceType: null,
        releaseDate: null,
        expectedReleaseDate: null,
        daysToRelease: null,
        midTermDate: null,
        sentenceEndDate: null,
        currentEstablishment: { id: dir.wetherby.id, name: 'HMYOI Wetherby' },
        supervisingService: { id: dir.leedsYjs.id, name: 'Leeds Youth Justice Service' },
        caseManager: { id: dir.leedsCaseManager.id, email: 'priya.tester@example.com' },
        sentences: [],
      });
      // Who did it is recorded: the signed-in Leeds manager, on the placement, the history and the assignment.
      expect(remand.transfers).toEqual([
        {
          fromEstablishmentId: null,
          toEstablishmentId: dir.wetherby.id,
          transferDate: '2026-08-01',
          reason: 'Remanded to youth detention accommodation',
          recordedById: leeds.userId,
        },
      ]);
      expect(remand.history).toHaveLength(1);
      expect(remand.history[0]).toMatchObject({
        type: 'EPISODE_STARTED',
        effectiveDate: '2026-08-01',
        recordedById: leeds.userId,
      });
      expect(remand.history[0].summary).toContain('HMYOI Wetherby');
      expect(remand.caseManagerHistory).toEqual([
        {
          caseManagerId: dir.leedsCaseManager.id,
          assignedFrom: '2026-11-23T10:00:00.000Z',
          assignedUntil: null,
          reason: expect.any(String),
          assignedById: leeds.userId,
        },
      ]);

      // The child's side shows it, and the record reads back the same.
      const child = (
        await leeds.ok(`query($id: ID!) { child(id: $id) { currentEpisode { id status } episodes { id } } }`, {
          id: childId,
        })
      ).child;
      expect(child).toEqual({ currentEpisode: { id: remand.id, status: 'REMANDED' }, episodes: [{ id: remand.id }] });
      expect(await episode(remand.id)).toEqual(remand);
    });

    it('records a DTO on the remand: the dates are the public calculator’s, with remand credit', async () => {
      sentenced = await mutateOk('recordSentence', {
        episodeId: remand.id,
        expectedVersion: remand.version,
        sentence: DTO_12,
      });
      const calc = await calculate({ ...SENTENCE_DEFAULTS, ...DTO_12, dateOfBirth: '2010-04-12' });

      // The worked arithmetic (DOMAIN.md): 365-day term from the 1st, MTD day 183 = 2027-03-02, less 31 days.
      expect(calc).toMatchObject({
        sentenceEndDate: '2027-07-31',
        midTermDate: '2027-01-30',
        earliestReleaseDate: '2026-12-30',
        latestReleaseDate: '2027-02-28',
        releaseDate: '2027-01-29',
        fridayOrPreHolidayRelease: true,
        broughtForwardDate: '2027-01-28',
        immediateRelease: false,
        furtherSupervisionEndDate: null,
      });
      const { notes, ...dates } = calc;
      expect(sentenced).toMatchObject({ ...dates, releaseDateNotes: notes });
      expect(sentenced).toMatchObject({
        status: 'SENTENCED',
        sentenceType: 'DTO',
        version: remand.version + 1,
        expectedReleaseDate: calc.releaseDate,
        daysToRelease: 67,
        startDate: '2026-08-01',
        remandDate: '2026-08-01',
        earlyReleaseDate: null,
        lateReleaseDate: null,
      });
      expect(sentenced.sentences).toEqual([
        { sentenceType: 'DTO', sentenceDate: '2026-09-01', termMonths: 12, remandDays: 31, recordedById: leeds.userId },
      ]);

      expect(sentenced.history.map((e: any) => e.type)).toEqual(['EPISODE_STARTED', 'SENTENCE_RECORDED']);
      const event = sentenced.history[1];
      expect(event.recordedById).toBe(leeds.userId);
      expect(event.effectiveDate).toBe('2026-09-01');
      expect(event.summary).toContain('2027-01-29');
      expect(event.details.before).toMatchObject({ releaseDate: null, midTermDate: null, sentenceEndDate: null });
      expect(event.details.after).toMatchObject({
        releaseDate: '2027-01-29',
        midTermDate: '2027-01-30',
        sentenceEndDate: '2027-07-31',
      });
      expect(event.details.expectedReleaseDate).toEqual({ before: null, after: '2027-01-29' });

      // Stored, not just returned.
      const [row] = await t.dataSource.query(
        `SELECT version, status, expected_release_date::text AS d FROM custodial_episode WHERE id = $1`,
        [remand.id],
      );
      expect(row).toEqual({ version: remand.version + 1, status: 'SENTENCED', d: '2027-01-29' });
    });

    it('refuses a sentence dated before the episode began or in the future, writing nothing', async () => {
      const before = await snapshot(sentenced.id);
      const early = await mutate('recordSentence', {
        episodeId: sentenced.id,
        expectedVersion: sentenced.version,
        sentence: { ...DTO_12, sentenceDate: '2026-07-01' },
      });
      expectError(early, 'BAD_USER_INPUT', 'sentence.sentenceDate');
      const future = await mutate('recordSentence', {
        episodeId: sentenced.id,
        expectedVersion: sentenced.version,
        sentence: { ...DTO_12, sentenceDate: '2026-11-24' },
      });
      expectError(future, 'BAD_USER_INPUT', 'sentence.sentenceDate');
      expect(await snapshot(sentenced.id)).toEqual(before);
    });
  });

  describe('early and late release', () => {
    it('grants early release on the earliest release date by default', async () => {
      const { ep } = await sentencedChild();
      const granted = await mutateOk('grantEarlyRelease', { episodeId: ep.id, expectedVersion: ep.version });
      expect(granted).toMatchObject({
        earlyReleaseDate: '2026-12-30',
        expectedReleaseDate: '2026-12-30',
        releaseDate: '2027-01-29',
        version: ep.version + 1,
      });
      expect(granted.history.at(-1)).toMatchObject({
        type: 'EARLY_RELEASE_GRANTED',
        effectiveDate: TODAY,
        details: {
          before: { earlyReleaseDate: null },
          after: { earlyReleaseDate: '2026-12-30' },
          expectedReleaseDate: { before: '2027-01-29', after: '2026-12-30' },
        },
      });
    });

    it.each([
      // Saturday 2 January 2027; Friday 1 January is New Year's Day, so the nearest earlier working day is Thursday.
      [
        '2027-01-02',
        'Saturday 2 January 2027 is not a working day: the nearest earlier working day is Thursday 31 December 2026',
      ],
      [
        '2027-01-01',
        "Friday 1 January 2027 is not a working day (New Year's Day, a bank holiday): the nearest earlier working day is Thursday 31 December 2026",
      ],
      [
        '2027-01-17',
        'Sunday 17 January 2027 is not a working day: the nearest earlier working day is Friday 15 January 2027',
      ],
    ])(
      'refuses early release on %s, not a working day: BAD_USER_INPUT naming releaseOn, nothing written',
      async (releaseOn, why) => {
        const { ep } = await sentencedChild();
        const before = await snapshot(ep.id);
        const res = await mutate('grantEarlyRelease', { episodeId: ep.id, expectedVersion: ep.version, releaseOn });
        expectError(res, 'BAD_USER_INPUT', 'releaseOn');
        expect(res.errors![0].extensions.fieldErrors).toEqual({ releaseOn: [why] });
        expect(await snapshot(ep.id)).toEqual(before);
        // The working day it names is granted, and the history says "granted for" the day the child leaves.
        const granted = await mutateOk('grantEarlyRelease', {
          episodeId: ep.id,
          expectedVersion: ep.version,
          releaseOn: releaseOn === '2027-01-17' ? '2027-01-15' : '2026-12-31',
        });
        expect(granted.earlyReleaseDate).toBe(granted.expectedReleaseDate);
        expect(granted.history.at(-1).summary).toBe(`Early release granted for ${granted.earlyReleaseDate}`);
      },
    );

    it('a late release order replaces the early release', async () => {
      const { ep } = await sentencedChild();
      const early = await mutateOk('grantEarlyRelease', { episodeId: ep.id, expectedVersion: ep.version });
      const late = await mutateOk('orderLateRelease', { episodeId: ep.id, expectedVersion: early.version });
      // Latest release date Sunday 2027-02-28: the child leaves on Friday 26 February.
      expect(late).toMatchObject({
        lateReleaseDate: '2027-02-28',
        earlyReleaseDate: null,
        expectedReleaseDate: '2027-02-26',
        version: ep.version + 2,
      });
      expect(late.history.at(-1).summary).toBe(
        'Youth court ordered late release on 2027-02-28: 2027-02-28 is a Sunday, so the child leaves on 2027-02-26, ' +
          'the last working day before it',
      );
      expect(late.history.map((e: any) => e.type)).toEqual([
        'EPISODE_STARTED',
        'SENTENCE_RECORDED',
        'EARLY_RELEASE_GRANTED',
        'LATE_RELEASE_ORDERED',
      ]);

      const partLate = await mutateOk('orderLateRelease', {
        episodeId: ep.id,
        expectedVersion: late.version,
        releaseOn: '2027-02-10',
      });
      expect(partLate).toMatchObject({ lateReleaseDate: '2027-02-10', expectedReleaseDate: '2027-02-10' });
    });

    it.each([
      ['grantEarlyRelease', '2026-12-29'], // the day before the earliest release date
      ['grantEarlyRelease', '2027-01-30'], // the mid-term date itself is not early
      ['orderLateRelease', '2027-01-30'], // the mid-term date is not late
      ['orderLateRelease', '2027-03-01'], // after the latest release date
    ])('%s on %s is BAD_USER_INPUT naming releaseOn and writes nothing', async (mutation, releaseOn) => {
      const { ep } = await sentencedChild();
      const before = await snapshot(ep.id);
      expectError(
        await mutate(mutation, { episodeId: ep.id, expectedVersion: ep.version, releaseOn }),
        'BAD_USER_INPUT',
        'releaseOn',
      );
      expect(await snapshot(ep.id)).toEqual(before);
    });

    it('early release on a section 250 sentence is CONFLICT', async () => {
      const { ep } = await sentencedChild({ sentenceType: 'S250', sentenceDate: '2026-09-01', termMonths: 24 });
      expect(ep.sentenceType).toBe('S250');
      expect(ep.earliestReleaseDate).not.toBeNull();
      const before = await snapshot(ep.id);
      expectError(await mutate('grantEarlyRelease', { episodeId: ep.id, expectedVersion: ep.version }), 'CONFLICT');
      expectError(await mutate('orderLateRelease', { episodeId: ep.id, expectedVersion: ep.version }), 'CONFLICT');
      expect(await snapshot(ep.id)).toEqual(before);
    });

    it('early release on a remand is CONFLICT', async () => {
      const { ep } = await remandedChild();
      expectError(await mutate('grantEarlyRelease', { episodeId: ep.id, expectedVersion: ep.version }), 'CONFLICT');
    });
  });
});

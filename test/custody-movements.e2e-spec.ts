import { custodyWorld, Directory, expectError, walkCaseload } from './support/custody-world';
import { Session, TestApp } from './support/test-app';

/**
 * The custody record end to end, what happens to an episode over time: transfers, a release date set by hand, a new
 * case manager, release and recall. GraphQL in, PostgreSQL and Redis behind, the clock fixed at Monday 2026-11-23;
 * DOMAIN.md "The custodial episode" gives the rules the dates follow.
 * Shared setup and helpers: test/support/custody-world.ts.
 */
describe('the custody record: transfers, release and recall (GraphQL, PostgreSQL, Redis)', () => {
  const world = custodyWorld();
  const { registerChild, mutate, mutateOk, episode, snapshot, episodeRowsOfChild, remandedChild, sentencedChild } =
    world;
  let t: TestApp;
  let dir: Directory;
  let leeds: Session;
  let kent: Session;
  let wetherby: Session;
  let oakhill: Session;
  beforeAll(() => {
    ({ t, dir, leeds, kent, wetherby, oakhill } = world);
  });

  describe('transfers', () => {
    it('moves the child to Oakhill and keeps every placement', async () => {
      const { ep } = await remandedChild();
      // Recorded by Wetherby, which holds the child.
      const moved = await mutateOk(
        'transferEpisode',
        {
          episodeId: ep.id,
          expectedVersion: ep.version,
          toEstablishmentId: dir.oakhill.id,
          transferDate: '2026-10-15',
          reason: 'Nearer home for family contact',
        },
        wetherby,
      );
      expect(moved).toMatchObject({
        currentEstablishmentId: dir.oakhill.id,
        currentEstablishment: { name: 'Oakhill Secure Training Centre' },
        status: 'REMANDED',
        version: ep.version + 1,
      });
      expect(moved.transfers).toEqual([
        {
          fromEstablishmentId: null,
          toEstablishmentId: dir.wetherby.id,
          transferDate: '2026-08-01',
          reason: 'Remanded to youth detention accommodation',
          recordedById: leeds.userId,
        },
        {
          fromEstablishmentId: dir.wetherby.id,
          toEstablishmentId: dir.oakhill.id,
          transferDate: '2026-10-15',
          reason: 'Nearer home for family contact',
          recordedById: wetherby.userId,
        },
      ]);
      expect(moved.history.at(-1)).toMatchObject({
        type: 'TRANSFERRED',
        effectiveDate: '2026-10-15',
        recordedById: wetherby.userId,
        details: { before: { establishmentId: dir.wetherby.id }, after: { establishmentId: dir.oakhill.id } },
      });

      // Oakhill holds the child now and reads the same record; Wetherby no longer changes it (NOT_FOUND, nothing
      // written).
      expect(await episode(ep.id, oakhill)).toEqual(moved);
      const before = await snapshot(ep.id);
      const back = await mutate(
        'transferEpisode',
        {
          episodeId: ep.id,
          expectedVersion: moved.version,
          toEstablishmentId: dir.wetherby.id,
          transferDate: '2026-11-20',
          reason: 'Back again',
        },
        wetherby,
      );
      expectError(back, 'NOT_FOUND');
      expect(await snapshot(ep.id)).toEqual(before);
    });

    it('refuses a transfer to where the child already is (BAD_USER_INPUT) and to a non-establishment (NOT_FOUND)', async () => {
      const { ep } = await remandedChild();
      const before = await snapshot(ep.id);
      const same = await mutate('transferEpisode', {
        episodeId: ep.id,
        expectedVersion: ep.version,
        toEstablishmentId: dir.wetherby.id,
        transferDate: '2026-10-15',
        reason: 'Moving wings',
      });
      expectError(same, 'BAD_USER_INPUT', 'toEstablishmentId');
      const yjs = await mutate('transferEpisode', {
        episodeId: ep.id,
        expectedVersion: ep.version,
        toEstablishmentId: dir.kentYjs.id,
        transferDate: '2026-10-15',
        reason: 'Wrong kind of place',
      });
      expectError(yjs, 'NOT_FOUND');
      const future = await mutate('transferEpisode', {
        episodeId: ep.id,
        expectedVersion: ep.version,
        toEstablishmentId: dir.oakhill.id,
        transferDate: '2026-11-30',
        reason: 'Planned move',
      });
      expectError(future, 'BAD_USER_INPUT', 'transferDate');
      const beforeStart = await mutate('transferEpisode', {
        episodeId: ep.id,
        expectedVersion: ep.version,
        toEstablishmentId: dir.oakhill.id,
        transferDate: '2026-07-31',
        reason: 'Backdated move',
      });
      expectError(beforeStart, 'BAD_USER_INPUT', 'transferDate');
      expect(await snapshot(ep.id)).toEqual(before);
      expect((await episode(ep.id)).currentEstablishmentId).toBe(dir.wetherby.id);
    });
  });

  describe('manual release date and case manager', () => {
    it('overrides the release date with a reason, then clears it back to the calculated day', async () => {
      const { ep } = await sentencedChild();
      const overridden = await mutateOk('overrideReleaseDate', {
        episodeId: ep.id,
        expectedVersion: ep.version,
        releaseDate: '2027-01-15',
        reason: 'Youth court ordered release at the review hearing',
      });
      expect(overridden).toMatchObject({
        releaseDateOverride: '2027-01-15',
        releaseDateOverrideReason: 'Youth court ordered release at the review hearing',
        expectedReleaseDate: '2027-01-15',
        releaseDate: '2027-01-29',
        daysToRelease: 53,
      });
      expect(overridden.history.at(-1)).toMatchObject({
        type: 'RELEASE_DATE_OVERRIDDEN',
        details: { after: { releaseDateOverride: '2027-01-15' } },
      });

      const cleared = await mutateOk('clearReleaseDateOverride', {
        episodeId: ep.id,
        expectedVersion: overridden.version,
      });
      expect(cleared).toMatchObject({
        releaseDateOverride: null,
        releaseDateOverrideReason: null,
        expectedReleaseDate: '2027-01-29',
        version: ep.version + 2,
      });
      expect(cleared.history.map((e: any) => e.type).slice(-2)).toEqual([
        'RELEASE_DATE_OVERRIDDEN',
        'RELEASE_DATE_OVERRIDE_CLEARED',
      ]);

      // Nothing left to clear.
      const before = await snapshot(ep.id);
      expectError(
        await mutate('clearReleaseDateOverride', { episodeId: ep.id, expectedVersion: cleared.version }),
        'CONFLICT',
      );
      expect(await snapshot(ep.id)).toEqual(before);
    });

    it('refuses an override without a reason or before the episode began, writing nothing', async () => {
      const { ep } = await sentencedChild();
      const before = await snapshot(ep.id);
      expectError(
        await mutate('overrideReleaseDate', {
          episodeId: ep.id,
          expectedVersion: ep.version,
          releaseDate: '2027-01-15',
          reason: '',
        }),
        'BAD_USER_INPUT',
        'reason',
      );
      expectError(
        await mutate('overrideReleaseDate', {
          episodeId: ep.id,
          expectedVersion: ep.version,
          releaseDate: '2026-07-01',
          reason: 'Typed the wrong year',
        }),
        'BAD_USER_INPUT',
        'releaseDate',
      );
      expect(await snapshot(ep.id)).toEqual(before);
    });

    it('reassigns the case manager and keeps every assignment with its dates', async () => {
      const { ep } = await remandedChild();
      t.clock.advance(5 * 60_000);
      const firstChange = t.clock.now().toISOString();
      const toSam = await mutateOk('assignCaseManager', {
        episodeId: ep.id,
        expectedVersion: ep.version,
        caseManagerId: dir.leedsCaseManager2.id,
        reason: 'Priya on leave',
      });
      t.clock.advance(5 * 60_000);
      const secondChange = t.clock.now().toISOString();
      const back = await mutateOk('assignCaseManager', {
        episodeId: ep.id,
        expectedVersion: toSam.version,
        caseManagerId: dir.leedsCaseManager.id,
        reason: 'Priya back',
      });

      expect(toSam.caseManager).toEqual({ id: dir.leedsCaseManager2.id, email: 'sam.tester@example.com' });
      expect(back).toMatchObject({ caseManagerId: dir.leedsCaseManager.id, version: ep.version + 2 });
      // Each assignment names the manager who made it.
      expect(back.caseManagerHistory).toEqual([
        {
          caseManagerId: dir.leedsCaseManager.id,
          assignedFrom: ep.caseManagerHistory[0].assignedFrom,
          assignedUntil: firstChange,
          reason: expect.any(String),
          assignedById: leeds.userId,
        },
        {
          caseManagerId: dir.leedsCaseManager2.id,
          assignedFrom: firstChange,
          assignedUntil: secondChange,
          reason: 'Priya on leave',
          assignedById: leeds.userId,
        },
        {
          caseManagerId: dir.leedsCaseManager.id,
          assignedFrom: secondChange,
          assignedUntil: null,
          reason: 'Priya back',
          assignedById: leeds.userId,
        },
      ]);
      expect(back.history.at(-1)).toMatchObject({
        type: 'CASE_MANAGER_CHANGED',
        recordedById: leeds.userId,
        details: {
          before: { caseManagerId: dir.leedsCaseManager2.id },
          after: { caseManagerId: dir.leedsCaseManager.id },
        },
      });
    });

    it('refuses a case manager from another service (BAD_USER_INPUT naming caseManagerId) and writes nothing', async () => {
      const { ep } = await remandedChild();
      const before = await snapshot(ep.id);
      const res = await mutate('assignCaseManager', {
        episodeId: ep.id,
        expectedVersion: ep.version,
        caseManagerId: dir.kentCaseManager.id,
      });
      expectError(res, 'BAD_USER_INPUT', 'caseManagerId');
      expect(await snapshot(ep.id)).toEqual(before);

      // And at the start of an episode too: no episode is created.
      const child = await registerChild();
      const start = await mutate('startCustodialEpisode', {
        childId: child.id,
        establishmentId: dir.wetherby.id,
        supervisingServiceId: dir.leedsYjs.id,
        caseManagerId: dir.kentCaseManager.id,
        remandDate: '2026-11-01',
      });
      expectError(start, 'BAD_USER_INPUT', 'caseManagerId');
      expect(await episodeRowsOfChild(child.id)).toBe(0);
    });
  });

  describe('release and recall', () => {
    /** DTO 8 months from 2026-06-15: mid-term date (and release day) Thursday 2026-10-15. */
    const DTO_8 = { sentenceType: 'DTO', sentenceDate: '2026-06-15', termMonths: 8 };

    async function isOnCaseload(episodeId: string, as: Session, filter?: Record<string, unknown>): Promise<boolean> {
      const { nodes } = await walkCaseload(as, filter, 100);
      return nodes.some((n) => n.id === episodeId);
    }

    // A Kent child held at Wetherby: Kent records and supervises them, Wetherby records the release, Kent the recall.
    it('releases the child (off the caseload), then recalls them (back on it, at a new establishment)', async () => {
      const child = await registerChild({ dateOfBirth: '2009-12-01' }, kent);
      const ep = await mutateOk(
        'startCustodialEpisode',
        {
          childId: child.id,
          establishmentId: dir.wetherby.id,
          supervisingServiceId: dir.kentYjs.id,
          caseManagerId: dir.kentCaseManager.id,
          sentence: DTO_8,
        },
        kent,
      );
      expect(ep).toMatchObject({
        status: 'SENTENCED',
        midTermDate: '2026-10-15',
        releaseDate: '2026-10-15',
        sentenceEndDate: '2027-02-14',
      });
      expect(ep.transfers).toEqual([
        {
          fromEstablishmentId: null,
          toEstablishmentId: dir.wetherby.id,
          transferDate: '2026-06-15',
          reason: 'Sentenced to custody',
          recordedById: kent.userId,
        },
      ]);
      expect(ep.sentences).toEqual([
        { sentenceType: 'DTO', sentenceDate: '2026-06-15', termMonths: 8, remandDays: 0, recordedById: kent.userId },
      ]);
      expect(await isOnCaseload(ep.id, kent, { youthJusticeServiceId: dir.kentYjs.id })).toBe(true);
      expect(await isOnCaseload(ep.id, wetherby)).toBe(true);

      // Not yet: later today is still the future.
      const before = await snapshot(ep.id);
      expectError(
        await mutate(
          'recordRelease',
          { episodeId: ep.id, expectedVersion: ep.version, releasedAt: '2026-11-23T15:00:00Z' },
          wetherby,
        ),
        'BAD_USER_INPUT',
        'releasedAt',
      );
      expect(await snapshot(ep.id)).toEqual(before);

      const released = await mutateOk(
        'recordRelease',
        { episodeId: ep.id, expectedVersion: ep.version, releasedAt: '2026-10-15T09:30:00Z' },
        wetherby,
      );
      expect(released).toMatchObject({
        status: 'RELEASED',
        releasedAt: '2026-10-15T09:30:00.000Z',
        version: ep.version + 1,
      });
      expect(released.history.at(-1)).toMatchObject({
        type: 'RELEASED',
        effectiveDate: '2026-10-15',
        recordedById: wetherby.userId,
      });
      expect(await isOnCaseload(ep.id, kent, { youthJusticeServiceId: dir.kentYjs.id })).toBe(false);
      expect(await isOnCaseload(ep.id, wetherby)).toBe(false);
      const childAfter = (
        await kent.ok(`query($id: ID!) { child(id: $id) { currentEpisode { id status } } }`, { id: child.id })
      ).child;
      expect(childAfter.currentEpisode).toEqual({ id: ep.id, status: 'RELEASED' });

      // No establishment holds a released child, so only the supervising service recalls them.
      const afterRelease = await snapshot(ep.id);
      const byWetherby = await mutate(
        'recordRecall',
        {
          episodeId: ep.id,
          expectedVersion: released.version,
          recalledOn: '2026-11-20',
          establishmentId: dir.oakhill.id,
          reason: 'Breach of the notice of supervision',
        },
        wetherby,
      );
      expectError(byWetherby, 'NOT_FOUND');
      expect(await snapshot(ep.id)).toEqual(afterRelease);

      const recalled = await mutateOk(
        'recordRecall',
        {
          episodeId: ep.id,
          expectedVersion: released.version,
          recalledOn: '2026-11-20',
          establishmentId: dir.oakhill.id,
          reason: 'Breach of the notice of supervision',
        },
        kent,
      );
      expect(recalled).toMatchObject({
        status: 'RECALLED',
        currentEstablishmentId: dir.oakhill.id,
        currentEstablishment: { name: 'Oakhill Secure Training Centre' },
        recalledAt: '2026-11-20T00:00:00.000Z',
        version: ep.version + 2,
      });
      expect(recalled.transfers).toHaveLength(2);
      expect(recalled.transfers[1]).toEqual({
        fromEstablishmentId: dir.wetherby.id,
        toEstablishmentId: dir.oakhill.id,
        transferDate: '2026-11-20',
        reason: 'Recall: Breach of the notice of supervision',
        recordedById: kent.userId,
      });
      expect(recalled.history.map((e: any) => e.type)).toEqual(['EPISODE_STARTED', 'RELEASED', 'RECALLED']);
      expect(recalled.history.at(-1).recordedById).toBe(kent.userId);
      expect(await isOnCaseload(ep.id, kent, { youthJusticeServiceId: dir.kentYjs.id })).toBe(true);
      expect(await isOnCaseload(ep.id, oakhill)).toBe(true);

      // A child in custody (recalled) cannot start another episode.
      const again = await mutate(
        'startCustodialEpisode',
        {
          childId: child.id,
          establishmentId: dir.wetherby.id,
          supervisingServiceId: dir.kentYjs.id,
          remandDate: '2026-11-21',
        },
        kent,
      );
      expectError(again, 'CONFLICT');
      expect(await episodeRowsOfChild(child.id)).toBe(1);
    });

    it('dates a release by the day in England (just after midnight in summer time is the next day)', async () => {
      const child = await registerChild();
      const ep = await mutateOk('startCustodialEpisode', {
        childId: child.id,
        establishmentId: dir.wetherby.id,
        supervisingServiceId: dir.leedsYjs.id,
        remandDate: '2026-06-01',
      });
      // 00:30 BST on 16 October 2026.
      const released = await mutateOk('recordRelease', {
        episodeId: ep.id,
        expectedVersion: ep.version,
        releasedAt: '2026-10-15T23:30:00Z',
      });
      expect(released.history.at(-1)).toMatchObject({ type: 'RELEASED', effectiveDate: '2026-10-16' });
    });

    it('refuses a second episode for a child already in custody (CONFLICT), even when both arrive at once', async () => {
      const { child, ep } = await remandedChild();
      const again = await mutate('startCustodialEpisode', {
        childId: child.id,
        establishmentId: dir.oakhill.id,
        supervisingServiceId: dir.leedsYjs.id,
        remandDate: '2026-11-01',
      });
      expectError(again, 'CONFLICT');
      expect(await episodeRowsOfChild(child.id)).toBe(1);
      expect((await snapshot(ep.id)).transfers).toBe(1);

      const other = await registerChild();
      const input = {
        childId: other.id,
        establishmentId: dir.wetherby.id,
        supervisingServiceId: dir.leedsYjs.id,
        remandDate: '2026-11-01',
      };
      const results = await Promise.all([
        mutate('startCustodialEpisode', input),
        mutate('startCustodialEpisode', input),
      ]);
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      const loser = results.find((r) => r.errors)!;
      expect(loser.errors![0].extensions.code).toBe('CONFLICT');
      expect(await episodeRowsOfChild(other.id)).toBe(1);
    });

    it('a release far from the expected day needs a reason, named in the history; none is asked of a remand', async () => {
      const child = await registerChild({ dateOfBirth: '2009-12-01' }, kent);
      const ep = await mutateOk(
        'startCustodialEpisode',
        {
          childId: child.id,
          establishmentId: dir.wetherby.id,
          supervisingServiceId: dir.kentYjs.id,
          sentence: DTO_8,
        },
        kent,
      );
      expect(ep.expectedReleaseDate).toBe('2026-10-15');
      // Five days early without a word: refused, naming the field, nothing written.
      const before = await snapshot(ep.id);
      const input = { episodeId: ep.id, expectedVersion: ep.version, releasedAt: '2026-10-10T09:30:00Z' };
      const refused = await mutate('recordRelease', input, wetherby);
      expectError(refused, 'BAD_USER_INPUT', 'reasonForDifferentDay');
      expect(refused.errors![0].message).toContain('5 days before the expected release day 2026-10-15');
      expect(await snapshot(ep.id)).toEqual(before);

      const reason = 'Released early on home detention, agreed by the youth court';
      const released = await mutateOk('recordRelease', { ...input, reasonForDifferentDay: reason }, wetherby);
      expect(released.history.at(-1)).toMatchObject({
        type: 'RELEASED',
        effectiveDate: '2026-10-10',
        summary: `Released on 2026-10-10, 5 days before the expected release day 2026-10-15: ${reason}`,
        details: { expectedReleaseDate: '2026-10-15', reasonForDifferentDay: reason },
      });
    });

    it('a release a day or two from the expected day, or from remand, needs no reason', async () => {
      const sentenced = await mutateOk(
        'startCustodialEpisode',
        {
          childId: (await registerChild({ dateOfBirth: '2009-12-01' }, kent)).id,
          establishmentId: dir.wetherby.id,
          supervisingServiceId: dir.kentYjs.id,
          sentence: DTO_8,
        },
        kent,
      );
      const released = await mutateOk(
        'recordRelease',
        { episodeId: sentenced.id, expectedVersion: sentenced.version, releasedAt: '2026-10-14T09:30:00Z' },
        wetherby,
      );
      expect(released.history.at(-1)).toMatchObject({ summary: 'Released on 2026-10-14' });
      expect(released.history.at(-1).details.reasonForDifferentDay).toBeUndefined();
    });

    it('refuses to recall a child still in custody, or one released from remand', async () => {
      const { ep } = await remandedChild();
      expectError(
        await mutate('recordRecall', {
          episodeId: ep.id,
          expectedVersion: ep.version,
          recalledOn: '2026-11-20',
          establishmentId: dir.oakhill.id,
          reason: 'Breach',
        }),
        'CONFLICT',
      );
      const released = await mutateOk('recordRelease', {
        episodeId: ep.id,
        expectedVersion: ep.version,
        releasedAt: '2026-11-10T12:00:00Z',
      });
      const before = await snapshot(ep.id);
      expectError(
        await mutate('recordRecall', {
          episodeId: ep.id,
          expectedVersion: released.version,
          recalledOn: '2026-11-20',
          establishmentId: dir.oakhill.id,
          reason: 'Breach',
        }),
        'CONFLICT',
      );
      expect(await snapshot(ep.id)).toEqual(before);
    });
  });
});

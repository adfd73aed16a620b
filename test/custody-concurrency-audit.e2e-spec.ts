import { Role } from '@resettle/access';
import { custodyWorld, Directory, expectError } from './support/custody-world';
import { countQueries, Session, TestApp } from './support/test-app';

/**
 * The custody record end to end, two people at once and the audit of every change.
 * GraphQL in, PostgreSQL and Redis behind, the clock fixed at Monday 2026-11-23; DOMAIN.md "The custodial episode"
 * gives the rules the dates follow.
 * Shared setup and helpers: test/support/custody-world.ts.
 */
describe('the custody record: concurrency and audit (GraphQL, PostgreSQL, Redis)', () => {
  const world = custodyWorld();
  const { mutate, mutateOk, episode, snapshot, sentencedChild } = world;
  let t: TestApp;
  let dir: Directory;
  let leeds: Session;
  let wetherby: Session;
  beforeAll(() => {
    ({ t, dir, leeds, wetherby } = world);
  });

  describe('optimistic concurrency', () => {
    // Two agencies at once: the Leeds manager sets the release date while Wetherby, which holds the child, moves them.
    it('refuses a second edit made against the same version, with the current version, and writes nothing for it', async () => {
      const { ep } = await sentencedChild();
      const first = await mutateOk('overrideReleaseDate', {
        episodeId: ep.id,
        expectedVersion: ep.version,
        releaseDate: '2027-01-15',
        reason: 'Court listed a review hearing',
      });
      expect(first.version).toBe(ep.version + 1);
      const afterFirst = await snapshot(ep.id);

      const second = await mutate(
        'transferEpisode',
        {
          episodeId: ep.id,
          expectedVersion: ep.version,
          toEstablishmentId: dir.oakhill.id,
          transferDate: '2026-11-20',
          reason: 'Nearer home',
        },
        wetherby,
      );
      expectError(second, 'CONFLICT');
      expect(second.errors![0].extensions).toMatchObject({
        expectedVersion: ep.version,
        currentVersion: ep.version + 1,
      });
      expect(second.errors![0].message).toMatch(/changed since you loaded it/);

      expect(await snapshot(ep.id)).toEqual(afterFirst);
      const now = await episode(ep.id);
      expect(now).toMatchObject({
        currentEstablishmentId: dir.wetherby.id,
        releaseDateOverride: '2027-01-15',
        version: ep.version + 1,
      });
      expect(now.history).toHaveLength(ep.history.length + 1);
    });

    it('lets exactly one of two simultaneous edits win', async () => {
      const { ep } = await sentencedChild();
      const before = await snapshot(ep.id);
      const [override, transfer] = await Promise.all([
        mutate('overrideReleaseDate', {
          episodeId: ep.id,
          expectedVersion: ep.version,
          releaseDate: '2027-01-15',
          reason: 'Court listed a review hearing',
        }),
        mutate(
          'transferEpisode',
          {
            episodeId: ep.id,
            expectedVersion: ep.version,
            toEstablishmentId: dir.oakhill.id,
            transferDate: '2026-11-20',
            reason: 'Nearer home',
          },
          wetherby,
        ),
      ]);
      const winners = [override, transfer].filter((r) => !r.errors);
      const losers = [override, transfer].filter((r) => r.errors);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(losers[0].errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: ep.version + 1 });

      const after = await snapshot(ep.id);
      expect(after.events).toBe(before.events + 1);
      expect(after.row.version).toBe(ep.version + 1);
      const now = await episode(ep.id);
      if (winners[0] === override) {
        expect(now).toMatchObject({ releaseDateOverride: '2027-01-15', currentEstablishmentId: dir.wetherby.id });
        expect(after.transfers).toBe(before.transfers);
      } else {
        expect(now).toMatchObject({ releaseDateOverride: null, currentEstablishmentId: dir.oakhill.id });
        expect(after.transfers).toBe(before.transfers + 1);
      }
    });
  });

  describe('audit of changes', () => {
    const auditRows = (resourceId: string, action: string) =>
      t.dataSource.query(
        `SELECT action, outcome, before, after, actor_user_id FROM audit_event WHERE resource_id = $1 AND action = $2 ORDER BY id, position`,
        [resourceId, action],
      );

    it('writes the audit row, with before, after and the person, in the same transaction as the change', async () => {
      const { ep } = await sentencedChild();
      const { result: overridden, statements } = await countQueries(() =>
        mutateOk('overrideReleaseDate', {
          episodeId: ep.id,
          expectedVersion: ep.version,
          releaseDate: '2027-01-15',
          reason: 'Court listed a review hearing',
        }),
      );
      expect(overridden.releaseDateOverride).toBe('2027-01-15');

      const rows = await auditRows(ep.id, 'overrideReleaseDate');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        action: 'overrideReleaseDate',
        outcome: 'SUCCEEDED',
        actor_user_id: leeds.userId,
      });
      expect(rows[0].before.releaseDateOverride).toBeNull();
      expect(rows[0].after.releaseDateOverride).toBe('2027-01-15');

      // The INSERT into audit_event sits between the change's START TRANSACTION and its COMMIT, with the UPDATE of
      // the episode: one commits only with the other.
      const auditInsert = statements.findIndex((sql) => /^INSERT INTO "audit_record"/i.test(sql));
      expect(auditInsert).toBeGreaterThan(0);
      expect(statements.filter((sql) => /^INSERT INTO "audit_record"/i.test(sql))).toHaveLength(1);
      const begin = statements
        .slice(0, auditInsert)
        .map((sql) => /^START TRANSACTION/i.test(sql))
        .lastIndexOf(true);
      const commit = auditInsert + statements.slice(auditInsert).findIndex((sql) => /^COMMIT/i.test(sql));
      expect(begin).toBeGreaterThanOrEqual(0);
      expect(commit).toBeGreaterThan(auditInsert);
      const inTransaction = statements.slice(begin, commit + 1);
      expect(inTransaction.some((sql) => /^UPDATE "custodial_episode"/i.test(sql))).toBe(true);
      expect(inTransaction.slice(1, -1).some((sql) => /^(COMMIT|ROLLBACK|START TRANSACTION)/i.test(sql))).toBe(false);
    });

    it('leaves a FAILED row, and no SUCCEEDED one, for a change made against a stale version', async () => {
      const { ep } = await sentencedChild();
      await mutateOk('overrideReleaseDate', {
        episodeId: ep.id,
        expectedVersion: ep.version,
        releaseDate: '2027-01-15',
        reason: 'Court listed a review hearing',
      });
      // A Leeds case manager working from the page as it was before that change.
      const colleague = await t.userSession({
        organisationId: dir.leedsYjs.id,
        roles: [Role.YJS_CASE_MANAGER],
        email: 'stale.colleague@example.com',
      });
      const before = await snapshot(ep.id);
      const stale = await mutate(
        'transferEpisode',
        {
          episodeId: ep.id,
          expectedVersion: ep.version,
          toEstablishmentId: dir.oakhill.id,
          transferDate: '2026-11-20',
          reason: 'Nearer home',
        },
        colleague,
      );
      expectError(stale, 'CONFLICT');
      expect(await snapshot(ep.id)).toEqual(before);

      const attempts = await t.dataSource.query(
        `SELECT outcome, detail FROM audit_event WHERE actor_user_id = $1 AND action = 'transferEpisode'`,
        [colleague.userId],
      );
      expect(attempts).toHaveLength(1);
      expect(attempts[0]).toMatchObject({ outcome: 'FAILED', detail: { code: 'CONFLICT' } });
      // Nothing claims the transfer happened: no SUCCEEDED row for it, by this person or on this episode.
      const succeeded = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE outcome = 'SUCCEEDED' AND action = 'transferEpisode' AND (actor_user_id = $1 OR resource_id = $2)`,
        [colleague.userId, ep.id],
      );
      expect(succeeded[0].n).toBe(0);
      // The override before it is there, once: the audit is not simply empty.
      expect(await auditRows(ep.id, 'overrideReleaseDate')).toEqual([
        expect.objectContaining({ outcome: 'SUCCEEDED', actor_user_id: leeds.userId }),
      ]);
    });
  });
});

import { randomUUID } from 'node:crypto';
import { caseManagerChangesForEpisodesSql } from '@resettle/custody';
import { AccessWorld, buildAccessWorld } from './support/access-world';
import { TestApp } from './support/test-app';

/**
 * Custody's `caseManagerChangesForEpisodesSql` (issue 23, set-based): the case manager's changes of many episodes in
 * one statement, each episode to its own day. A table of cases, every episode of them read together, so that one
 * episode's assignments can never count in another's (the window is per episode) and each episode's day is its own.
 * X, Y two people; `day` the London day the changes are counted to (inclusive).
 */
describe("case manager's changes of a set of episodes (issue 23)", () => {
  let t: TestApp;
  let w: AccessWorld;
  const x = randomUUID();
  const y = randomUUID();

  /** An assignment: who, from when (an instant), and when it was written (`created_at`). */
  type Assigned = [who: string, from: string, created?: string];
  const CASES: { name: string; day: string; assigned: Assigned[]; changes: number | null }[] = [
    { name: 'nobody allocated', day: '2026-11-10', assigned: [], changes: null },
    { name: 'nobody allocated by the day', day: '2026-11-10', assigned: [[x, '2026-11-11T10:00:00Z']], changes: null },
    { name: 'one, never changed', day: '2026-11-10', assigned: [[x, '2026-09-01T10:00:00Z']], changes: 0 },
    {
      name: 'the same person again is no change',
      day: '2026-11-10',
      assigned: [
        [x, '2026-09-01T10:00:00Z'],
        [x, '2026-10-01T10:00:00Z'],
      ],
      changes: 0,
    },
    {
      name: 'X then Y',
      day: '2026-11-10',
      assigned: [
        [x, '2026-09-01T10:00:00Z'],
        [y, '2026-10-01T10:00:00Z'],
      ],
      changes: 1,
    },
    {
      name: 'X, Y, X again',
      day: '2026-11-10',
      assigned: [
        [x, '2026-09-01T10:00:00Z'],
        [y, '2026-10-01T10:00:00Z'],
        [x, '2026-11-01T10:00:00Z'],
      ],
      changes: 2,
    },
    {
      name: 'Y after the day does not count',
      day: '2026-11-10',
      assigned: [
        [x, '2026-09-01T10:00:00Z'],
        [y, '2026-11-11T10:00:00Z'],
      ],
      changes: 0,
    },
    {
      name: 'Y on the day counts',
      day: '2026-11-10',
      assigned: [
        [x, '2026-09-01T10:00:00Z'],
        [y, '2026-11-10T23:30:00Z'],
      ],
      changes: 1,
    },
    {
      name: 'Y at 23:30 UTC on the day in summer is the next London day',
      day: '2026-06-10',
      assigned: [
        [x, '2026-05-01T10:00:00Z'],
        [y, '2026-06-10T23:30:00Z'],
      ],
      changes: 0,
    },
    {
      name: 'the same instant: the order they were written decides (Y, X, X: one change)',
      day: '2026-11-10',
      assigned: [
        [y, '2026-09-01T10:00:00Z', '2026-09-01T10:00:01Z'],
        [x, '2026-09-01T10:00:00Z', '2026-09-01T10:00:02Z'],
        [x, '2026-10-01T10:00:00Z'],
      ],
      changes: 1,
    },
    // Two episodes side by side, X in one and Y in the other: neither changed (a window across episodes would see
    // one), each to its own day (the second's X after the first's day but before its own).
    { name: 'first of two, X', day: '2026-08-01', assigned: [[x, '2026-07-01T10:00:00Z']], changes: 0 },
    {
      name: 'second of two, Y then X before its own day',
      day: '2026-09-01',
      assigned: [
        [y, '2026-07-01T10:00:00Z'],
        [x, '2026-08-15T10:00:00Z'],
      ],
      changes: 1,
    },
  ];

  beforeAll(async () => {
    t = await TestApp.start();
    w = await buildAccessWorld(t);
  });
  afterAll(async () => t?.stop());

  it('counts each episode to its own day, none counting another’s', async () => {
    const episodes: { id: string; day: string }[] = [];
    for (const c of CASES) {
      const id = randomUUID();
      await t.dataSource.query(
        `INSERT INTO custodial_episode
           SELECT (jsonb_populate_record(e, jsonb_build_object('id', $2::uuid, 'status', 'RELEASED',
                   'released_at', $3::timestamptz))).*
             FROM custodial_episode e WHERE e.id = $1`,
        [w.a.episode.id, id, `${c.day}T10:00:00Z`],
      );
      for (const [who, from, created] of c.assigned)
        await t.dataSource.query(
          `INSERT INTO case_manager_assignment (episode_id, case_manager_id, assigned_from, created_at)
           VALUES ($1, $2, $3, coalesce($4::timestamptz, now()))`,
          [id, who, from, created ?? null],
        );
      episodes.push({ id, day: c.day });
    }
    const values = episodes.map((_, i) => `($${2 * i + 1}::uuid, $${2 * i + 2}::date)`).join(', ');
    const rows: { episode_id: string; case_manager_changes: number }[] = await t.dataSource.query(
      caseManagerChangesForEpisodesSql(`SELECT * FROM (VALUES ${values}) AS v(id, until_day)`),
      episodes.flatMap((e) => [e.id, e.day]),
    );
    const changes = new Map(rows.map((row) => [row.episode_id, row.case_manager_changes]));
    expect(CASES.map((c, i) => [c.name, changes.get(episodes[i].id) ?? null])).toEqual(
      CASES.map((c) => [c.name, c.changes]),
    );
    // No row for an episode with nobody allocated by its day, one for each other.
    expect(rows).toHaveLength(CASES.filter((c) => c.changes !== null).length);
  });
});

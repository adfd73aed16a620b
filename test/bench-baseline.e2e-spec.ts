import { Client } from 'pg';
import { startBaseline } from '../bench/baseline-server';
import { buildTargets, chooseSubjects, compareBodies, ensureReferrals } from '../bench/lib/http-phase';
import { seedDemoData } from '../scripts/seed/seed-demo-data';
import { TestApp } from './support/test-app';

/**
 * The bench compares the api with a raw SQL baseline (bench/baseline-server.ts) only if both answer the same JSON.
 * This runs the bench's own setup and comparison at a small size against the real api, so a change to the api's
 * reads or to the schema that the baseline no longer matches fails here, not silently in a benchmark. No timing.
 */
describe('bench: the raw baseline answers what the api answers', () => {
  let t: TestApp;
  let baseline: Awaited<ReturnType<typeof startBaseline>>;
  let graphqlUrl: string;

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-23T10:00:00Z' });
    await seedDemoData(t.db.ownerUrl, { children: 150, seed: 7, today: '2026-11-23' });
    await t.app.listen(0, '127.0.0.1');
    graphqlUrl = `${await t.app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
    baseline = await startBaseline(t.db.url);
  });
  afterAll(async () => {
    await baseline?.close();
    await t?.stop();
  });

  it('gives identical bodies, with the same ids in the same order, for every read the bench measures', async () => {
    const db = new Client({ connectionString: t.db.url });
    await db.connect();
    try {
      const subjects = await chooseSubjects(db);
      expect(await ensureReferrals(db, graphqlUrl, subjects)).toBeGreaterThan(0);
      // Pages of 10, so the caseload has a second page at this size.
      const targets = await buildTargets(db, graphqlUrl, subjects, 10);
      const matches = await compareBodies(targets, graphqlUrl, baseline.url);
      expect(matches.map((m) => m.target)).toEqual([
        'caseload-establishment-p1',
        'caseload-establishment-p2',
        'caseload-yjs',
        'referral-inbox',
        'plan',
      ]);
      for (const m of matches) {
        expect({ target: m.target, bodiesEqual: m.bodiesEqual, note: m.note }).toEqual({
          target: m.target,
          bodiesEqual: true,
          note: undefined,
        });
        expect(m.sameIdsInOrder).toBe(true);
      }
    } finally {
      await db.end();
    }
  });
});

import { Client } from 'pg';
import { measureMeasures, measuresPeriods } from '../bench/lib/measures-phase';
import { generateReleasedChildren } from '../bench/lib/released-generator';
import { seedDemoData } from '../scripts/seed/seed-demo-data';
import { TestApp } from './support/test-app';

/**
 * The bench's measures phase at a small size: the bulk generator of released children writes what the real api's
 * measures count (the same children, each figure's bands adding up), makes nobody twice, and the phase reads the page
 * as a service's manager and as the national admin. No timing is asserted. On the real clock: the bench uses it.
 */
describe('bench: released children generated in bulk, read through the measures', () => {
  let t: TestApp;
  let graphqlUrl: string;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

  beforeAll(async () => {
    t = await TestApp.start();
    // The estate and the demo staff only (no caseload): the generator needs the services and their case managers.
    await seedDemoData(t.db.ownerUrl, { children: 0, seed: 7, today });
    await t.app.listen(0, '127.0.0.1');
    graphqlUrl = `${await t.app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await t?.stop();
  });

  const withOwner = async <T>(fn: (db: Client) => Promise<T>): Promise<T> => {
    const db = new Client({ connectionString: t.db.ownerUrl });
    await db.connect();
    try {
      return await fn(db);
    } finally {
      await db.end();
    }
  };
  const n = (count: { display: string }) => Number(count.display.replace(/,/g, ''));

  it('writes children the measures count, once, and the phase reads them', async () => {
    expect(await withOwner((db) => generateReleasedChildren(db, { count: 400, today }))).toBe(400);
    expect(await withOwner((db) => generateReleasedChildren(db, { count: 400, today }))).toBe(0);

    const { year } = measuresPeriods(today);
    const [{ released }] = await t.dataSource.query(
      `SELECT count(*)::int AS released FROM custodial_episode
        WHERE status = 'RELEASED' AND (released_at AT TIME ZONE 'Europe/London')::date BETWEEN $1 AND $2`,
      [year.from, year.to],
    );
    const admin = await t.signIn('admin@yjb.national.example.com', 'resettle-demo-password');
    const { resettlementMeasures: m } = await admin.ok(
      `query($input: ResettlementMeasuresInput!) { resettlementMeasures(input: $input) {
        released { display }
        accommodation { numerator { display } }
        caseManagerChanges { numerator { display } }
        interventionRepeated { numerator { display } }
        escalations { key level3 { display } total { display } }
      } }`,
      { input: { from: year.from, to: year.to } },
    );
    expect(n(m.released)).toBe(released);
    expect(released).toBeGreaterThan(300);
    // Every band shown (a mix, each at least 5), adding up to the children released.
    const sum = (figures: { numerator: { display: string } }[]) => figures.reduce((s, f) => s + n(f.numerator), 0);
    expect(sum(m.accommodation)).toBe(released);
    expect(m.caseManagerChanges.slice(1).every((f: any) => n(f.numerator) >= 5)).toBe(true);
    expect(n(m.interventionRepeated[0].numerator)).toBeGreaterThanOrEqual(5);
    const confirmed = m.escalations.find((e: any) => e.key === 'ACCOMMODATION_CONFIRMED');
    expect(n(confirmed.level3)).toBeGreaterThanOrEqual(5);

    const figures = await withOwner((db) => measureMeasures({ db, graphqlUrl, repetitions: 1, log: () => undefined }));
    expect(figures.releasedLast12Months).toBe(released);
    expect(figures.rows.map((r) => `${r.case}: ${r.read}`)).toEqual(
      [
        'service, last month',
        'service, 12 months',
        'England and Wales, last month',
        'England and Wales, 12 months',
      ].flatMap((c) => ['figures', 'trend', 'page'].map((read) => `${c}: ${read}`)),
    );
  }, 120_000);
});

import { Client } from 'pg';
import { createMarkedDatabase, dropDatabase, TestDatabase } from '@resettle/database';
import { seedDemoData } from '../scripts/seed/seed-demo-data';

describe('npm run seed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await TestDatabase.create();
  });
  afterAll(async () => {
    await db?.drop();
  });

  const count = async (sql: string) => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };

  it('refuses a database that is not marked for demo or test use, writing nothing', async () => {
    const url = db.url.replace(/resettle_test_/, 'resettle_unmarked_');
    await createMarkedDatabase(url, 'test');
    const admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query(`ALTER DATABASE "${url.split('/').pop()}" RESET resettle.purpose`);
    await admin.end();
    try {
      await expect(seedDemoData(url, { children: 5, seed: 1, today: '2026-11-23' })).rejects.toThrow(/not marked for demo or test use/);
    } finally {
      await dropDatabase(url);
    }
  });

  it('builds the national estate and a caseload, and running it again changes nothing', async () => {
    const first = await seedDemoData(db.url, { children: 200, seed: 42, today: '2026-11-23' });
    expect(first.childrenAdded).toBe(200);
    const second = await seedDemoData(db.url, { children: 200, seed: 42, today: '2026-11-23' });
    expect(second).toMatchObject({ childrenAdded: 0, childrenSkipped: 200, episodesAdded: 0 });

    const [orgs] = await count(`SELECT
        count(*) FILTER (WHERE type = 'YOI') AS yoi, count(*) FILTER (WHERE type = 'STC') AS stc,
        count(*) FILTER (WHERE type = 'LOCAL_AUTHORITY') AS la, count(*) FILTER (WHERE type = 'YOUTH_JUSTICE_SERVICE') AS yjs
      FROM organisation`);
    expect(Number(orgs.yoi)).toBe(4);
    expect(Number(orgs.stc)).toBe(1);
    expect(Number(orgs.la)).toBeGreaterThanOrEqual(170);
    expect(Number(orgs.yjs)).toBe(Number(orgs.la));

    const [mix] = await count(`SELECT count(*) AS total, count(*) FILTER (WHERE status = 'REMANDED') AS remanded,
        count(*) FILTER (WHERE status = 'SENTENCED' AND expected_release_date IS NULL AND sentence_type <> 'DHMP') AS sentenced_without_date,
        count(*) FILTER (WHERE expected_release_date < '2026-11-23') AS released_in_past
      FROM custodial_episode`);
    expect(Number(mix.total)).toBe(200);
    // About 44% of children in custody are on remand (DOMAIN.md); a 200-child sample lands near it.
    expect(Number(mix.remanded) / 200).toBeGreaterThan(0.3);
    expect(Number(mix.remanded) / 200).toBeLessThan(0.6);
    expect(Number(mix.sentenced_without_date)).toBe(0);
    expect(Number(mix.released_in_past)).toBe(0);

    // Demo data is synthetic: drama-range phone numbers and example.com addresses only.
    const [contacts] = await count(`SELECT count(*) FILTER (WHERE phone !~ '^07700 900[0-9]{3}$') AS bad_phone,
        count(*) FILTER (WHERE email !~ '@example\\.com$') AS bad_email FROM parent_carer`);
    expect(contacts).toEqual({ bad_phone: '0', bad_email: '0' });
  });
});

import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { migrationDataSourceOptions, runMigrations, TestDatabase } from '@resettle/database';
import { seedDemoData } from '../scripts/seed/seed-demo-data';

const MIGRATION = 'WorkPhoneAndQuestionsInThread1796410000000';

/**
 * Issue 22: questions asked for more information before the thread held them are copied into it by the migration,
 * as they were asked (person, organisation, words, time, the move they belong to), so the answer follows its
 * question. The demo seed's referrals are made through the service; undoing the migration takes the thread back to
 * what it was before (no questions in it), and doing it again puts them back from the events.
 */
describe('migration: earlier questions into the thread', () => {
  let db: TestDatabase;
  const query = async (sql: string) => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };
  const QUESTIONS = `SELECT e.id AS event_id, m.event_id AS message_event_id, m.body = btrim(e.note) AS same_words,
      m.author_user_id = e.actor_user_id AND m.author_organisation_id = e.actor_organisation_id AS same_author,
      m.created_at = e.created_at AS same_time
    FROM referral_event e LEFT JOIN referral_message m ON m.event_id = e.id
    WHERE e.to_status = 'INFORMATION_REQUESTED' ORDER BY e.id`;

  beforeAll(async () => {
    db = await TestDatabase.create();
    await seedDemoData(db.ownerUrl, { children: 20, seed: 7, today: '2026-11-23' });
  }, 180_000);
  afterAll(async () => {
    await db?.drop();
  });

  it('copies each question into its thread once, and undoing it removes only the copies', async () => {
    const before = await query(QUESTIONS);
    // One asking referral per demo area at least, each question in the thread already (written by the service).
    expect(before.length).toBeGreaterThanOrEqual(4);
    const [{ n: messagesBefore }] = await query(`SELECT count(*)::int AS n FROM referral_message`);

    const ds = new DataSource(migrationDataSourceOptions(db.ownerUrl, db.url));
    await ds.initialize();
    try {
      // Back to before this migration (and any made after it).
      for (;;) {
        const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM schema_migration WHERE name = $1`, [MIGRATION]);
        if (n === 0) break;
        await ds.undoLastMigration({ transaction: 'each' });
      }
    } finally {
      await ds.destroy();
    }
    const [{ n: messagesUndone }] = await query(`SELECT count(*)::int AS n FROM referral_message`);
    expect(messagesUndone).toBe(messagesBefore - before.length);

    await runMigrations(db.ownerUrl, db.url);
    const after = await query(QUESTIONS);
    expect(after).toHaveLength(before.length);
    for (const row of after) {
      expect(row).toEqual({
        event_id: row.event_id,
        message_event_id: row.event_id,
        same_words: true,
        same_author: true,
        same_time: true,
      });
    }
    const [{ n: messagesAfter }] = await query(`SELECT count(*)::int AS n FROM referral_message`);
    expect(messagesAfter).toBe(messagesBefore);
    // In each thread the question comes before the answer that was written after it.
    const firsts = await query(`SELECT DISTINCT ON (m.referral_id) m.event_id IS NOT NULL AS question_first
      FROM referral_message m JOIN referral_event e ON e.referral_id = m.referral_id AND e.to_status = 'INFORMATION_REQUESTED'
      ORDER BY m.referral_id, m.created_at, m.event_id IS NULL`);
    expect(firsts.map((r) => r.question_first)).toEqual(firsts.map(() => true));
  }, 180_000);
});

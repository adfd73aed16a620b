import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23, set-based measures (`bench/README.md`, "The resettlement measures"): a youth justice service's measures
 * read the children it released in a period (custody's `releasedInPeriodSql`, `supervising_service_id` and the London
 * day of release). Each part of the set-based statement (milestones, case manager's assignments, plans) reads that
 * set again, and with only `ix_custodial_episode_released_day` each read was a range of every service's children in
 * the period, filtered (98,638 rows for a service's 3,207 in 12 months at 100,000). On both columns it is the
 * service's own range. An index is kept by PostgreSQL in each writing transaction, so it is always correct.
 */
export class MeasuresReleasedDayByService1796440000000 implements MigrationInterface {
  name = 'MeasuresReleasedDayByService1796440000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_custodial_episode_service_released_day" ON "custodial_episode" ("supervising_service_id", (("released_at" AT TIME ZONE 'Europe/London')::date))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_custodial_episode_service_released_day"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23's bench (`bench/README.md`, "The resettlement measures"): the measures count the children released in a
 * period by the London day they left, `(released_at AT TIME ZONE 'Europe/London')::date` (custody's
 * `releasedInPeriodSql`). Without an index on that expression every read scanned every episode ever, and PostgreSQL,
 * having no statistics on the expression, guessed 500 children released whatever the period (98,638 at 100,000
 * children), so it planned every per-child step for the wrong size. The index is on the expression itself, so
 * ANALYZE keeps statistics on it, and a period's children are an index range whatever the history behind them. Not
 * partial: PostgreSQL keeps no statistics for a partial index's expression. An index is kept by PostgreSQL in each
 * writing transaction, so it is always correct.
 */
export class MeasuresReleasedDay1796420000000 implements MigrationInterface {
  name = 'MeasuresReleasedDay1796420000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_custodial_episode_released_day" ON "custodial_episode" ((("released_at" AT TIME ZONE 'Europe/London')::date))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_custodial_episode_released_day"`);
  }
}

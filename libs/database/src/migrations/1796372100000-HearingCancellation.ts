import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A court hearing can be cancelled (issue 21): the court vacated the listing, or it was entered in error. A cancelled
 * hearing keeps its row (when, by whom, why) and no longer waits for its outcome, so the partial unique index of the
 * next hearing leaves it out. The episode history gains its own event type, added alone and first used by later code.
 */
export class HearingCancellation1796372100000 implements MigrationInterface {
  name = 'HearingCancellation1796372100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."episode_event_type" ADD VALUE IF NOT EXISTS 'HEARING_CANCELLED'`);
    await queryRunner.query(`
      ALTER TABLE "court_hearing"
        ADD "cancelled_at" TIMESTAMP WITH TIME ZONE,
        ADD "cancelled_by_id" uuid,
        ADD "cancellation_reason" text,
        ADD CONSTRAINT "chk_court_hearing_cancelled_or_outcome" CHECK ("cancelled_at" IS NULL OR "outcome" IS NULL),
        ADD CONSTRAINT "chk_court_hearing_cancellation_reason" CHECK (("cancelled_at" IS NULL) = ("cancellation_reason" IS NULL))`);
    await queryRunner.query(`DROP INDEX "public"."uq_court_hearing_next_per_episode"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_court_hearing_next_per_episode" ON "court_hearing" ("episode_id") WHERE "outcome" IS NULL AND "cancelled_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_court_hearing_next_per_episode"`);
    // A cancelled hearing has no outcome: without the column it would look like the next hearing again.
    await queryRunner.query(`DELETE FROM "court_hearing" WHERE "cancelled_at" IS NOT NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_court_hearing_next_per_episode" ON "court_hearing" ("episode_id") WHERE "outcome" IS NULL`,
    );
    await queryRunner.query(`
      ALTER TABLE "court_hearing"
        DROP CONSTRAINT "chk_court_hearing_cancellation_reason",
        DROP CONSTRAINT "chk_court_hearing_cancelled_or_outcome",
        DROP COLUMN "cancellation_reason",
        DROP COLUMN "cancelled_by_id",
        DROP COLUMN "cancelled_at"`);
    // The enum value added stays: PostgreSQL cannot drop one.
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 22. A user's work phone (optional; the referral page names the child's case manager with it), and the
 * partner's question when asking for more information put into the referral's thread: a message that names the move
 * (`referral_message.event_id`, one message per move at most). Questions asked before this are copied into their
 * threads as they were asked (same person, organisation, words and time), so an earlier answer follows its question.
 */
export class WorkPhoneAndQuestionsInThread1796410000000 implements MigrationInterface {
  name = 'WorkPhoneAndQuestionsInThread1796410000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "work_phone" text`);
    await queryRunner.query(`ALTER TABLE "referral_message" ADD "event_id" uuid`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_referral_message_event" ON "referral_message" ("event_id")`);
    await queryRunner.query(`
      ALTER TABLE "referral_message"
        ADD CONSTRAINT "fk_referral_message_event" FOREIGN KEY ("event_id") REFERENCES "referral_event"("id")
        ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`
      INSERT INTO "referral_message" ("referral_id", "author_user_id", "author_organisation_id", "body", "created_at", "event_id")
      SELECT e."referral_id", e."actor_user_id", e."actor_organisation_id", btrim(e."note"), e."created_at", e."id"
        FROM "referral_event" e
       WHERE e."to_status" = 'INFORMATION_REQUESTED' AND btrim(coalesce(e."note", '')) <> ''`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The questions live on in the timeline (the event's note); their copies in the thread go with the column.
    await queryRunner.query(`DELETE FROM "referral_message" WHERE "event_id" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "referral_message" DROP CONSTRAINT "fk_referral_message_event"`);
    await queryRunner.query(`DROP INDEX "public"."uq_referral_message_event"`);
    await queryRunner.query(`ALTER TABLE "referral_message" DROP COLUMN "event_id"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "work_phone"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 5, notifications: the in-app notification (unique dedupe key, so a job delivered twice makes one; what was
 * emailed and the last email failure) and each person's email preference (immediate, daily digest, none).
 */
export class Notifications1795470000001 implements MigrationInterface {
  name = 'Notifications1795470000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "notification" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "recipient_user_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "title" text NOT NULL,
                "body" text NOT NULL,
                "link" text,
                "child_id" uuid,
                "dedupe_key" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "read_at" TIMESTAMP WITH TIME ZONE,
                "emailed_at" TIMESTAMP WITH TIME ZONE,
                "email_error" text,
                "email_attempts" integer NOT NULL DEFAULT '0',
                CONSTRAINT "pk_notification" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_notification_dedupe_key" ON "notification" ("dedupe_key")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notification_unemailed" ON "notification" ("recipient_user_id", "created_at")
            WHERE emailed_at IS NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notification_recipient_unread" ON "notification" ("recipient_user_id", "created_at")
            WHERE read_at IS NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notification_recipient_created" ON "notification" ("recipient_user_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."notification_email_mode" AS ENUM('IMMEDIATE', 'DAILY_DIGEST', 'NONE')
        `);
    await queryRunner.query(`
            CREATE TABLE "notification_preference" (
                "user_id" uuid NOT NULL,
                "email_mode" "public"."notification_email_mode" NOT NULL DEFAULT 'IMMEDIATE',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "pk_notification_preference" PRIMARY KEY ("user_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "notification"
            ADD CONSTRAINT "fk_notification_recipient" FOREIGN KEY ("recipient_user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "notification_preference"
            ADD CONSTRAINT "fk_notification_preference_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "notification_preference" DROP CONSTRAINT "fk_notification_preference_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "notification" DROP CONSTRAINT "fk_notification_recipient"
        `);
    await queryRunner.query(`
            DROP TABLE "notification_preference"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."notification_email_mode"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_notification_recipient_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_notification_recipient_unread"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_notification_unemailed"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_notification_dedupe_key"
        `);
    await queryRunner.query(`
            DROP TABLE "notification"
        `);
  }
}

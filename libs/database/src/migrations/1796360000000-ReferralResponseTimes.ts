import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApplication, revokeFromApplication } from '../application-grants';

/**
 * Partners' response times (issue 22): each step a council owes on an accommodation referral has a target in working
 * days, national defaults (organisation_id NULL) and per-council overrides; each reminder and escalation sent is a
 * row (primary key: the step's start and the kind), so the scheduler tells nobody twice; each step answered is a row
 * with the working days it took, for the measures. Notification preferences gain the kinds a person wants no email of.
 */
export class ReferralResponseTimes1796360000000 implements MigrationInterface {
  name = 'ReferralResponseTimes1796360000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."referral_response_step" AS ENUM('ACKNOWLEDGE', 'ANSWER', 'OFFER', 'CONFIRM')`,
    );
    await queryRunner.query(`
      CREATE TABLE "referral_response_target" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "organisation_id" uuid,
        "step" "public"."referral_response_step" NOT NULL,
        "working_days" integer NOT NULL,
        "updated_by_id" uuid,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_referral_response_target" PRIMARY KEY ("id"),
        CONSTRAINT "ck_referral_response_target_working_days" CHECK ("working_days" BETWEEN 1 AND 60),
        CONSTRAINT "fk_referral_response_target_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE
      )`);
    // One target per (council, step), and one national default (the council NULL) per step.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_referral_response_target_council" ON "referral_response_target" ("organisation_id", "step") WHERE organisation_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_referral_response_target_national" ON "referral_response_target" ("step") WHERE organisation_id IS NULL`,
    );
    await queryRunner.query(
      `INSERT INTO "referral_response_target" ("organisation_id", "step", "working_days")
       VALUES (NULL, 'ACKNOWLEDGE', 2), (NULL, 'ANSWER', 3), (NULL, 'OFFER', 10), (NULL, 'CONFIRM', 3)`,
    );
    await queryRunner.query(`
      CREATE TABLE "referral_response_notice" (
        "referral_id" uuid NOT NULL,
        "step_started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "kind" text NOT NULL,
        "step" "public"."referral_response_step" NOT NULL,
        "due_date" date NOT NULL,
        "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_referral_response_notice" PRIMARY KEY ("referral_id", "step_started_at", "kind"),
        CONSTRAINT "ck_referral_response_notice_kind" CHECK ("kind" IN ('REMINDER', 'ESCALATION')),
        CONSTRAINT "fk_referral_response_notice_referral" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE "referral_response_time" (
        "referral_id" uuid NOT NULL,
        "step_started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "step" "public"."referral_response_step" NOT NULL,
        "organisation_id" uuid NOT NULL,
        "from_service_id" uuid NOT NULL,
        "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "due_date" date NOT NULL,
        "working_days" integer NOT NULL,
        CONSTRAINT "pk_referral_response_time" PRIMARY KEY ("referral_id", "step_started_at"),
        CONSTRAINT "fk_referral_response_time_referral" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_referral_response_time_answered" ON "referral_response_time" ("answered_at")`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_preference" ADD "email_off_kinds" text array NOT NULL DEFAULT '{}'`,
    );
    // When each referral came into its status, by the service's clock; existing ones from their latest event.
    await queryRunner.query(`ALTER TABLE "referral" ADD "status_since" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `UPDATE "referral" r SET "status_since" = (SELECT max(e.created_at) FROM "referral_event" e WHERE e.referral_id = r.id)
        WHERE r.status <> 'DRAFT'`,
    );
    await grantToApplication(queryRunner, 'referral_response_target', ['SELECT', 'INSERT', 'UPDATE']);
    await grantToApplication(queryRunner, 'referral_response_notice', ['SELECT', 'INSERT']);
    await grantToApplication(queryRunner, 'referral_response_time', ['SELECT', 'INSERT']);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['referral_response_time', 'referral_response_notice', 'referral_response_target']) {
      await revokeFromApplication(queryRunner, table);
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
    await queryRunner.query(`DROP TYPE "public"."referral_response_step"`);
    await queryRunner.query(`ALTER TABLE "notification_preference" DROP COLUMN "email_off_kinds"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP COLUMN "status_since"`);
  }
}

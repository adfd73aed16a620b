import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 4: planning meetings (scheduled, rescheduled, cancelled with their reason, held with attendance,
 * participation, decisions and actions), their invitees, and each user's secret calendar feed (only the SHA-256 of
 * its token is stored). One initial meeting per plan unless cancelled is held by a partial unique index.
 */
export class PlanningMeetings1795461600000 implements MigrationInterface {
  name = 'PlanningMeetings1795461600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."meeting_type" AS ENUM(
                'INITIAL',
                'REVIEW',
                'PRE_RELEASE',
                'POST_RELEASE',
                'OTHER'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."meeting_status" AS ENUM('SCHEDULED', 'HELD', 'CANCELLED')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."meeting_participation" AS ENUM(
                'IN_PERSON',
                'REMOTELY',
                'VIEWS_SHARED_BEFOREHAND',
                'NOT_PARTICIPATING'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "planning_meeting" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "child_id" uuid NOT NULL,
                "type" "public"."meeting_type" NOT NULL,
                "status" "public"."meeting_status" NOT NULL DEFAULT 'SCHEDULED',
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "location" text,
                "call_link" text,
                "child_participation" "public"."meeting_participation" NOT NULL,
                "child_participation_notes" text,
                "parent_carer_participation" "public"."meeting_participation",
                "parent_carer_participation_notes" text,
                "notes" text,
                "scheduled_by_id" uuid,
                "cancelled_at" TIMESTAMP WITH TIME ZONE,
                "cancellation_reason" text,
                "held_at" TIMESTAMP WITH TIME ZONE,
                "child_participation_at_meeting" "public"."meeting_participation",
                "child_participation_at_meeting_notes" text,
                "parent_carer_participation_at_meeting" "public"."meeting_participation",
                "parent_carer_participation_at_meeting_notes" text,
                "decisions" text array NOT NULL DEFAULT '{}',
                "outcome_notes" text,
                "outcome_recorded_by_id" uuid,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_planning_meeting" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_planning_meeting_initial" ON "planning_meeting" ("plan_id")
            WHERE "type" = 'INITIAL'
                AND "status" <> 'CANCELLED'
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_planning_meeting_starts_at" ON "planning_meeting" ("starts_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_planning_meeting_scheduled_by" ON "planning_meeting" ("scheduled_by_id", "starts_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_planning_meeting_plan" ON "planning_meeting" ("plan_id", "starts_at")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."meeting_attendance" AS ENUM('ATTENDED', 'APOLOGIES', 'DID_NOT_ATTEND')
        `);
    await queryRunner.query(`
            CREATE TABLE "meeting_invitee" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "meeting_id" uuid NOT NULL,
                "organisation_id" uuid,
                "user_id" uuid,
                "name" text,
                "email" text,
                "role" text,
                "attendance" "public"."meeting_attendance",
                "position" integer NOT NULL DEFAULT '0',
                CONSTRAINT "pk_meeting_invitee" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_meeting_invitee_email" ON "meeting_invitee" ("email")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_meeting_invitee_user" ON "meeting_invitee" ("user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_meeting_invitee_meeting" ON "meeting_invitee" ("meeting_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "calendar_feed" (
                "user_id" uuid NOT NULL,
                "token_hash" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "rotated_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_calendar_feed" PRIMARY KEY ("user_id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_calendar_feed_token_hash" ON "calendar_feed" ("token_hash")
        `);
    await queryRunner.query(`
            ALTER TABLE "planning_meeting"
            ADD CONSTRAINT "fk_planning_meeting_plan" FOREIGN KEY ("plan_id") REFERENCES "resettlement_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "planning_meeting"
            ADD CONSTRAINT "fk_planning_meeting_child" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_invitee"
            ADD CONSTRAINT "fk_meeting_invitee_meeting" FOREIGN KEY ("meeting_id") REFERENCES "planning_meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_invitee"
            ADD CONSTRAINT "fk_meeting_invitee_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_invitee"
            ADD CONSTRAINT "fk_meeting_invitee_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "calendar_feed"
            ADD CONSTRAINT "fk_calendar_feed_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // Actions a meeting agreed point back at it.
    await queryRunner.query(`
            CREATE INDEX "ix_pathway_action_source_meeting" ON "pathway_action" ("source_meeting_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "pathway_action"
            ADD CONSTRAINT "fk_pathway_action_source_meeting" FOREIGN KEY ("source_meeting_id") REFERENCES "planning_meeting"("id") ON DELETE SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pathway_action" DROP CONSTRAINT "fk_pathway_action_source_meeting"`);
    await queryRunner.query(`DROP INDEX "public"."ix_pathway_action_source_meeting"`);
    await queryRunner.query(`
            ALTER TABLE "calendar_feed" DROP CONSTRAINT "fk_calendar_feed_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_invitee" DROP CONSTRAINT "fk_meeting_invitee_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_invitee" DROP CONSTRAINT "fk_meeting_invitee_organisation"
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_invitee" DROP CONSTRAINT "fk_meeting_invitee_meeting"
        `);
    await queryRunner.query(`
            ALTER TABLE "planning_meeting" DROP CONSTRAINT "fk_planning_meeting_child"
        `);
    await queryRunner.query(`
            ALTER TABLE "planning_meeting" DROP CONSTRAINT "fk_planning_meeting_plan"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_calendar_feed_token_hash"
        `);
    await queryRunner.query(`
            DROP TABLE "calendar_feed"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_meeting_invitee_meeting"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_meeting_invitee_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_meeting_invitee_email"
        `);
    await queryRunner.query(`
            DROP TABLE "meeting_invitee"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."meeting_attendance"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_planning_meeting_plan"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_planning_meeting_scheduled_by"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_planning_meeting_starts_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_planning_meeting_initial"
        `);
    await queryRunner.query(`
            DROP TABLE "planning_meeting"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."meeting_participation"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."meeting_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."meeting_type"
        `);
  }
}

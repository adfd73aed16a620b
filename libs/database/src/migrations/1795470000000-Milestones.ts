import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 5 (milestones): each custodial episode's deadlines (`milestone`: due date, status, the evidence that met
 * it, escalation level; one per episode and key), a youth justice service's changes to the default policy
 * (`milestone_policy_override`), and the transactional outbox (`outbox_message`, with its partial index of
 * unpublished rows) that changes write in their own transaction for the worker to relay to BullMQ.
 * Milestones of existing episodes are not backfilled here: `refreshAllEpisodes` (libs/milestones) creates them.
 */
export class Milestones1795470000000 implements MigrationInterface {
  name = 'Milestones1795470000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "outbox_message" (
                "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "topic" character varying NOT NULL,
                "payload" jsonb NOT NULL DEFAULT '{}',
                "job_id" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "published_at" TIMESTAMP WITH TIME ZONE,
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                CONSTRAINT "pk_outbox_message" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_outbox_message_unpublished" ON "outbox_message" ("id")
            WHERE published_at IS NULL
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."milestone_key" AS ENUM(
                'DETENTION_PLACEMENT_PLAN',
                'INITIAL_PLANNING_MEETING',
                'ACCOMMODATION_REFERRAL_SENT',
                'ACCOMMODATION_CONFIRMED',
                'CHILD_TOLD_WHERE_LIVING',
                'ETE_PLACE_CONFIRMED',
                'HEALTH_HANDOVER_ARRANGED',
                'DAY_OF_RELEASE_PLAN_CONFIRMED',
                'PRE_RELEASE_MEETING_HELD'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."milestone_status" AS ENUM('PENDING', 'MET', 'MISSED', 'WAIVED')
        `);
    await queryRunner.query(`
            CREATE TABLE "milestone" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "episode_id" uuid NOT NULL,
                "child_id" uuid NOT NULL,
                "key" "public"."milestone_key" NOT NULL,
                "due_date" date,
                "status" "public"."milestone_status" NOT NULL DEFAULT 'PENDING',
                "met_at" TIMESTAMP WITH TIME ZONE,
                "evidence" jsonb,
                "waived_reason" text,
                "waived_by_id" uuid,
                "escalation_level" integer NOT NULL DEFAULT '0',
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_f8372abce331f60ba7b33fe23a7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_milestone_child" ON "milestone" ("child_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_milestone_open_due" ON "milestone" ("due_date")
            WHERE status IN ('PENDING', 'MISSED')
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_milestone_episode_key" ON "milestone" ("episode_id", "key")
        `);
    await queryRunner.query(`
            CREATE TABLE "milestone_policy_override" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "youth_justice_service_id" uuid NOT NULL,
                "key" "public"."milestone_key" NOT NULL,
                "offset_amount" integer,
                "offset_unit" text,
                "offset_direction" text,
                "reminders" jsonb,
                "disabled" boolean NOT NULL DEFAULT false,
                "updated_by_id" uuid,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_milestone_policy_override" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_milestone_policy_override_service_key" ON "milestone_policy_override" ("youth_justice_service_id", "key")
        `);
    await queryRunner.query(`
            ALTER TABLE "milestone"
            ADD CONSTRAINT "fk_milestone_episode" FOREIGN KEY ("episode_id") REFERENCES "custodial_episode"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "milestone_policy_override"
            ADD CONSTRAINT "fk_milestone_policy_override_service" FOREIGN KEY ("youth_justice_service_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "milestone_policy_override" DROP CONSTRAINT "fk_milestone_policy_override_service"
        `);
    await queryRunner.query(`
            ALTER TABLE "milestone" DROP CONSTRAINT "fk_milestone_episode"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_milestone_policy_override_service_key"
        `);
    await queryRunner.query(`
            DROP TABLE "milestone_policy_override"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_milestone_episode_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_milestone_open_due"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_milestone_child"
        `);
    await queryRunner.query(`
            DROP TABLE "milestone"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."milestone_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."milestone_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_message_unpublished"
        `);
    await queryRunner.query(`
            DROP TABLE "outbox_message"
        `);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 4: the resettlement plan (one per custodial episode), its nine pathways with actions, circumstances,
 * interventions done on earlier orders, and the plan's history. Episodes that already exist get their plan here.
 */
export class Planning1795461574500 implements MigrationInterface {
  name = 'Planning1795461574500';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."plan_status" AS ENUM('DRAFT', 'AGREED')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."agreement_response" AS ENUM(
                'AGREES',
                'PARTLY_AGREES',
                'DISAGREES',
                'NOT_ASKED'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "resettlement_plan" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "episode_id" uuid NOT NULL,
                "child_id" uuid NOT NULL,
                "status" "public"."plan_status" NOT NULL DEFAULT 'DRAFT',
                "self_assessment" text,
                "aspirations" text,
                "strengths" text,
                "interests" text,
                "learning_style" text,
                "communication_needs" text,
                "communication_adaptations" text,
                "explained_on" date,
                "explained_by_id" uuid,
                "explained_how" text,
                "child_agreement" "public"."agreement_response",
                "child_agreement_words" text,
                "parent_carer_agreement" "public"."agreement_response",
                "parent_carer_agreement_words" text,
                "agreed_at" TIMESTAMP WITH TIME ZONE,
                "agreed_by_id" uuid,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "REL_b7c0b6cfe69e4890ecf59f74cc" UNIQUE ("episode_id"),
                CONSTRAINT "PK_78a5be348c61e52a141b8de5d24" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_resettlement_plan_episode" ON "resettlement_plan" ("episode_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_resettlement_plan_child" ON "resettlement_plan" ("child_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "prior_intervention" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "child_id" uuid NOT NULL,
                "name" character varying NOT NULL,
                "order_description" text,
                "completed_on" date,
                "recorded_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a00e77d2dcab6245cae852d4355" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_prior_intervention_child" ON "prior_intervention" ("child_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."plan_event_type" AS ENUM(
                'PLAN_CREATED',
                'CHILD_VOICE_UPDATED',
                'PATHWAY_UPDATED',
                'PATHWAY_ACTION_ADDED',
                'PATHWAY_ACTION_UPDATED',
                'CIRCUMSTANCE_RECORDED',
                'PRIOR_INTERVENTION_RECORDED',
                'PLAN_EXPLAINED',
                'PLAN_AGREED',
                'MEETING_SCHEDULED',
                'MEETING_CHANGED',
                'MEETING_CANCELLED',
                'MEETING_HELD',
                'RELEASE_DAY_PLANNED',
                'RELEASE_DAY_CONFIRMED',
                'RELEASE_RECORDED',
                'APPOINTMENT_RECORDED',
                'BARRIER_ASSESSED',
                'SUPERVISION_RECORDED'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "plan_event" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "type" "public"."plan_event_type" NOT NULL,
                "summary" character varying NOT NULL,
                "details" jsonb NOT NULL DEFAULT '{}',
                "recorded_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_29284541f209ad400a5bfa92c5e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_plan_event_plan" ON "plan_event" ("plan_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."circumstance_kind" AS ENUM(
                'LOOKED_AFTER',
                'CARE_LEAVER',
                'GENDER',
                'ETHNICITY',
                'DISABILITY',
                'EHCP',
                'PARENT',
                'EXPECTING_PARENT'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "plan_circumstance" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "kind" "public"."circumstance_kind" NOT NULL,
                "detail" text,
                "response" character varying NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_0f512102c23f7037a2549ee2198" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_plan_circumstance_kind" ON "plan_circumstance" ("plan_id", "kind")
        `);
    await queryRunner.query(`
            CREATE TABLE "pathway_action" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "pathway_id" uuid NOT NULL,
                "description" character varying NOT NULL,
                "intervention" text,
                "owner_organisation_id" uuid,
                "owner_name" text,
                "due_date" date,
                "done_on" date,
                "source_meeting_id" uuid,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_92a2f26b991fdd9a83986625ee3" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_pathway_action_pathway" ON "pathway_action" ("pathway_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."pathway_type" AS ENUM(
                'ACCOMMODATION',
                'EDUCATION_TRAINING_EMPLOYMENT',
                'PHYSICAL_HEALTH',
                'MENTAL_HEALTH',
                'SUBSTANCE_MISUSE',
                'SPEECH_LANGUAGE_COMMUNICATION',
                'FAMILY_AND_RELATIONSHIPS',
                'FINANCE_BENEFITS_ID',
                'CONSTRUCTIVE_ACTIVITIES'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."need_level" AS ENUM('NONE', 'LOW', 'MEDIUM', 'HIGH')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."pathway_status" AS ENUM(
                'NOT_STARTED',
                'SUPPORT_REQUIRED',
                'IN_PROGRESS',
                'ARRANGED',
                'SUPPORT_NOT_REQUIRED',
                'SUPPORT_DECLINED'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "pathway" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "type" "public"."pathway_type" NOT NULL,
                "need_level" "public"."need_level",
                "need_summary" text,
                "responsible_organisation_id" uuid,
                "owner_name" text,
                "owner_user_id" uuid,
                "status" "public"."pathway_status" NOT NULL DEFAULT 'NOT_STARTED',
                "child_view" text,
                "child_view_unavailable_reason" text,
                "notes" text,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d593326dc88056b1e118fd40f5a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_pathway_responsible_organisation" ON "pathway" ("responsible_organisation_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_pathway_plan_type" ON "pathway" ("plan_id", "type")
        `);
    await queryRunner.query(`
            ALTER TABLE "resettlement_plan"
            ADD CONSTRAINT "fk_resettlement_plan_episode" FOREIGN KEY ("episode_id") REFERENCES "custodial_episode"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "resettlement_plan"
            ADD CONSTRAINT "fk_resettlement_plan_child" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "prior_intervention"
            ADD CONSTRAINT "fk_prior_intervention_child" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "plan_event"
            ADD CONSTRAINT "fk_plan_event_plan" FOREIGN KEY ("plan_id") REFERENCES "resettlement_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "plan_circumstance"
            ADD CONSTRAINT "fk_plan_circumstance_plan" FOREIGN KEY ("plan_id") REFERENCES "resettlement_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "pathway_action"
            ADD CONSTRAINT "fk_pathway_action_pathway" FOREIGN KEY ("pathway_id") REFERENCES "pathway"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "pathway_action"
            ADD CONSTRAINT "fk_pathway_action_owner_organisation" FOREIGN KEY ("owner_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "pathway"
            ADD CONSTRAINT "fk_pathway_plan" FOREIGN KEY ("plan_id") REFERENCES "resettlement_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "pathway"
            ADD CONSTRAINT "fk_pathway_responsible_organisation" FOREIGN KEY ("responsible_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // Every episode has a plan: create those of episodes recorded before plans existed.
    await queryRunner.query(`
            WITH new_plan AS (
                INSERT INTO "resettlement_plan" ("episode_id", "child_id", "version")
                SELECT e.id, e.child_id, 1 FROM "custodial_episode" e
                 WHERE NOT EXISTS (SELECT 1 FROM "resettlement_plan" p WHERE p.episode_id = e.id)
                RETURNING id
            )
            INSERT INTO "pathway" ("plan_id", "type", "version")
            SELECT n.id, t.type, 1 FROM new_plan n CROSS JOIN unnest(enum_range(NULL::"pathway_type")) AS t(type)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "pathway" DROP CONSTRAINT "fk_pathway_responsible_organisation"
        `);
    await queryRunner.query(`
            ALTER TABLE "pathway" DROP CONSTRAINT "fk_pathway_plan"
        `);
    await queryRunner.query(`
            ALTER TABLE "pathway_action" DROP CONSTRAINT "fk_pathway_action_owner_organisation"
        `);
    await queryRunner.query(`
            ALTER TABLE "pathway_action" DROP CONSTRAINT "fk_pathway_action_pathway"
        `);
    await queryRunner.query(`
            ALTER TABLE "plan_circumstance" DROP CONSTRAINT "fk_plan_circumstance_plan"
        `);
    await queryRunner.query(`
            ALTER TABLE "plan_event" DROP CONSTRAINT "fk_plan_event_plan"
        `);
    await queryRunner.query(`
            ALTER TABLE "prior_intervention" DROP CONSTRAINT "fk_prior_intervention_child"
        `);
    await queryRunner.query(`
            ALTER TABLE "resettlement_plan" DROP CONSTRAINT "fk_resettlement_plan_child"
        `);
    await queryRunner.query(`
            ALTER TABLE "resettlement_plan" DROP CONSTRAINT "fk_resettlement_plan_episode"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_pathway_plan_type"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_pathway_responsible_organisation"
        `);
    await queryRunner.query(`
            DROP TABLE "pathway"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."pathway_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."need_level"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."pathway_type"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_pathway_action_pathway"
        `);
    await queryRunner.query(`
            DROP TABLE "pathway_action"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_plan_circumstance_kind"
        `);
    await queryRunner.query(`
            DROP TABLE "plan_circumstance"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."circumstance_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_plan_event_plan"
        `);
    await queryRunner.query(`
            DROP TABLE "plan_event"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."plan_event_type"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_prior_intervention_child"
        `);
    await queryRunner.query(`
            DROP TABLE "prior_intervention"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_resettlement_plan_child"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_resettlement_plan_episode"
        `);
    await queryRunner.query(`
            DROP TABLE "resettlement_plan"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."agreement_response"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."plan_status"
        `);
  }
}

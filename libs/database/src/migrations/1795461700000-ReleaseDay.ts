import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 4, the day of release and after it: the release-day plan (one per resettlement plan, confirmed explicitly),
 * the record of the day of release and the first night, appointments after release, barriers to engagement and
 * supervision compliance checks. Each hangs off the resettlement plan and goes with it.
 */
export class ReleaseDay1795461700000 implements MigrationInterface {
  name = 'ReleaseDay1795461700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."supervision_compliance" AS ENUM('COMPLIANT', 'PARTLY_COMPLIANT', 'NON_COMPLIANT')
        `);
    await queryRunner.query(`
            CREATE TABLE "supervision_check" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "period_ending" date NOT NULL,
                "compliance" "public"."supervision_compliance" NOT NULL,
                "notes" text,
                "recorded_by_id" uuid,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_supervision_check" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_supervision_check_plan_period" ON "supervision_check" ("plan_id", "period_ending")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."first_night_placement_type" AS ENUM(
                'FAMILY_HOME',
                'FOSTER_CARE',
                'CHILDRENS_HOME',
                'SUPPORTED_ACCOMMODATION',
                'OTHER',
                'NO_FIXED_ABODE'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "release_record" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "released_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "met_at_gate" boolean NOT NULL,
                "met_by_name" text,
                "met_by_relationship" text,
                "first_night_address" text NOT NULL,
                "first_night_placement_type" "public"."first_night_placement_type" NOT NULL,
                "first_night_as_planned" boolean NOT NULL,
                "ete_started_as_planned" boolean,
                "first_appointments_kept" boolean,
                "notes" text,
                "recorded_by_id" uuid,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_release_record" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_release_record_plan" ON "release_record" ("plan_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "release_day_plan" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "met_by_name" text,
                "met_by_relationship" text,
                "appropriate_adult" boolean,
                "meeting_date" date,
                "meeting_time" TIME,
                "travel_arrangements" text,
                "first_destination" text,
                "first_appointment_date" date,
                "first_appointment_time" TIME,
                "first_appointment_with" text,
                "first_appointment_place" text,
                "medication" text,
                "id_documents" text,
                "phone" text,
                "money_and_property" text,
                "supervision_explained_by_id" uuid,
                "supervision_explained_by_name" text,
                "supervision_explained_on" date,
                "confirmed_at" TIMESTAMP WITH TIME ZONE,
                "confirmed_by_id" uuid,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_release_day_plan" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_release_day_plan_plan" ON "release_day_plan" ("plan_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."appointment_kind" AS ENUM(
                'YJS',
                'HEALTH',
                'EDUCATION',
                'ACCOMMODATION',
                'OTHER'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."appointment_outcome" AS ENUM('PLANNED', 'KEPT', 'MISSED', 'RESCHEDULED')
        `);
    await queryRunner.query(`
            CREATE TABLE "release_appointment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "kind" "public"."appointment_kind" NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "with_whom" text NOT NULL,
                "place" text,
                "outcome" "public"."appointment_outcome" NOT NULL DEFAULT 'PLANNED',
                "notes" text,
                "recorded_by_id" uuid,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_release_appointment" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_release_appointment_plan" ON "release_appointment" ("plan_id", "at")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."barrier_status" AS ENUM('OPEN', 'ADDRESSED')
        `);
    await queryRunner.query(`
            CREATE TABLE "engagement_barrier" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "barrier" text NOT NULL,
                "assessment" text NOT NULL,
                "plan_to_address" text NOT NULL,
                "status" "public"."barrier_status" NOT NULL DEFAULT 'OPEN',
                "recorded_by_id" uuid,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_engagement_barrier" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_engagement_barrier_plan" ON "engagement_barrier" ("plan_id", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "supervision_check"
            ADD CONSTRAINT "fk_supervision_check_plan" FOREIGN KEY ("plan_id") REFERENCES "resettlement_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "release_record"
            ADD CONSTRAINT "fk_release_record_plan" FOREIGN KEY ("plan_id") REFERENCES "resettlement_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "release_day_plan"
            ADD CONSTRAINT "fk_release_day_plan_plan" FOREIGN KEY ("plan_id") REFERENCES "resettlement_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "release_appointment"
            ADD CONSTRAINT "fk_release_appointment_plan" FOREIGN KEY ("plan_id") REFERENCES "resettlement_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "engagement_barrier"
            ADD CONSTRAINT "fk_engagement_barrier_plan" FOREIGN KEY ("plan_id") REFERENCES "resettlement_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "engagement_barrier" DROP CONSTRAINT "fk_engagement_barrier_plan"
        `);
    await queryRunner.query(`
            ALTER TABLE "release_appointment" DROP CONSTRAINT "fk_release_appointment_plan"
        `);
    await queryRunner.query(`
            ALTER TABLE "release_day_plan" DROP CONSTRAINT "fk_release_day_plan_plan"
        `);
    await queryRunner.query(`
            ALTER TABLE "release_record" DROP CONSTRAINT "fk_release_record_plan"
        `);
    await queryRunner.query(`
            ALTER TABLE "supervision_check" DROP CONSTRAINT "fk_supervision_check_plan"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_engagement_barrier_plan"
        `);
    await queryRunner.query(`
            DROP TABLE "engagement_barrier"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."barrier_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_release_appointment_plan"
        `);
    await queryRunner.query(`
            DROP TABLE "release_appointment"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."appointment_outcome"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."appointment_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_release_day_plan_plan"
        `);
    await queryRunner.query(`
            DROP TABLE "release_day_plan"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_release_record_plan"
        `);
    await queryRunner.query(`
            DROP TABLE "release_record"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."first_night_placement_type"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_supervision_check_plan_period"
        `);
    await queryRunner.query(`
            DROP TABLE "supervision_check"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."supervision_compliance"
        `);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 6: referrals to partners (accommodation, education, health), their moves and message threads. */
export class Referrals1795480000000 implements MigrationInterface {
  name = 'Referrals1795480000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."referral_type" AS ENUM('ACCOMMODATION', 'EDUCATION', 'HEALTH')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."referral_status" AS ENUM(
                'DRAFT',
                'SENT',
                'ACKNOWLEDGED',
                'INFORMATION_REQUESTED',
                'OFFERED',
                'CONFIRMED',
                'DECLINED',
                'WITHDRAWN',
                'FELL_THROUGH'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "referral" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "type" "public"."referral_type" NOT NULL,
                "status" "public"."referral_status" NOT NULL DEFAULT 'DRAFT',
                "child_id" uuid NOT NULL,
                "episode_id" uuid NOT NULL,
                "plan_id" uuid NOT NULL,
                "pathway_id" uuid NOT NULL,
                "from_service_id" uuid NOT NULL,
                "to_organisation_id" uuid NOT NULL,
                "needs_and_risks" text,
                "child_wishes" text,
                "family_views" text,
                "summary" jsonb,
                "offer_address_or_place" text,
                "offer_placement_type" text,
                "offer_provider" text,
                "offer_start_date" date,
                "decline_reason" text,
                "withdraw_reason" text,
                "fell_through_reason" text,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "confirmed_at" TIMESTAMP WITH TIME ZONE,
                "created_by_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a2d3e935a6591168066defec5ad" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_referral_child" ON "referral" ("child_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_referral_from_service" ON "referral" ("from_service_id", "status")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_referral_to_organisation" ON "referral" ("to_organisation_id", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "referral_message" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "referral_id" uuid NOT NULL,
                "author_user_id" uuid NOT NULL,
                "author_organisation_id" uuid NOT NULL,
                "body" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_413e624387128cc68e0e5d4590f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_referral_message_referral" ON "referral_message" ("referral_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "referral_event" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "referral_id" uuid NOT NULL,
                "from_status" "public"."referral_status",
                "to_status" "public"."referral_status" NOT NULL,
                "actor_user_id" uuid NOT NULL,
                "actor_organisation_id" uuid NOT NULL,
                "note" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_1f356dbe2fffc9e93b0132e1216" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_referral_event_referral" ON "referral_event" ("referral_id", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "referral"
            ADD CONSTRAINT "fk_referral_child" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "referral"
            ADD CONSTRAINT "fk_referral_episode" FOREIGN KEY ("episode_id") REFERENCES "custodial_episode"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "referral"
            ADD CONSTRAINT "fk_referral_plan" FOREIGN KEY ("plan_id") REFERENCES "resettlement_plan"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "referral"
            ADD CONSTRAINT "fk_referral_pathway" FOREIGN KEY ("pathway_id") REFERENCES "pathway"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "referral"
            ADD CONSTRAINT "fk_referral_from_service" FOREIGN KEY ("from_service_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "referral"
            ADD CONSTRAINT "fk_referral_to_organisation" FOREIGN KEY ("to_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "referral_message"
            ADD CONSTRAINT "fk_referral_message_referral" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "referral_event"
            ADD CONSTRAINT "fk_referral_event_referral" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "referral_event" DROP CONSTRAINT "fk_referral_event_referral"
        `);
    await queryRunner.query(`
            ALTER TABLE "referral_message" DROP CONSTRAINT "fk_referral_message_referral"
        `);
    await queryRunner.query(`
            ALTER TABLE "referral" DROP CONSTRAINT "fk_referral_to_organisation"
        `);
    await queryRunner.query(`
            ALTER TABLE "referral" DROP CONSTRAINT "fk_referral_from_service"
        `);
    await queryRunner.query(`
            ALTER TABLE "referral" DROP CONSTRAINT "fk_referral_pathway"
        `);
    await queryRunner.query(`
            ALTER TABLE "referral" DROP CONSTRAINT "fk_referral_plan"
        `);
    await queryRunner.query(`
            ALTER TABLE "referral" DROP CONSTRAINT "fk_referral_episode"
        `);
    await queryRunner.query(`
            ALTER TABLE "referral" DROP CONSTRAINT "fk_referral_child"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_referral_event_referral"
        `);
    await queryRunner.query(`
            DROP TABLE "referral_event"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_referral_message_referral"
        `);
    await queryRunner.query(`
            DROP TABLE "referral_message"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_referral_to_organisation"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_referral_from_service"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_referral_child"
        `);
    await queryRunner.query(`
            DROP TABLE "referral"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."referral_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."referral_type"
        `);
  }
}

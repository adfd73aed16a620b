import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApplication, revokeFromApplication } from '../application-grants';

/**
 * Circumstances and earlier interventions, editable in the portal (issue 20): each row gets a version, so a change
 * made on a stale page is refused rather than overwriting someone else's; an earlier intervention says by whom it
 * was delivered and how it went; both may be removed (with a line in the plan's history). A young carer is a
 * circumstance of its own. New enum values are added, never the type made again (other features add values too).
 */
export class CircumstancesAndInterventions1796330000000 implements MigrationInterface {
  name = 'CircumstancesAndInterventions1796330000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."circumstance_kind" ADD VALUE IF NOT EXISTS 'YOUNG_CARER'`);
    await queryRunner.query(`ALTER TYPE "public"."plan_event_type" ADD VALUE IF NOT EXISTS 'CIRCUMSTANCE_REMOVED'`);
    await queryRunner.query(
      `ALTER TYPE "public"."plan_event_type" ADD VALUE IF NOT EXISTS 'PRIOR_INTERVENTION_CHANGED'`,
    );
    await queryRunner.query(
      `ALTER TYPE "public"."plan_event_type" ADD VALUE IF NOT EXISTS 'PRIOR_INTERVENTION_REMOVED'`,
    );
    // Existing rows start at version 1; new ones get theirs from TypeORM, like every other versioned table.
    await queryRunner.query(`ALTER TABLE "plan_circumstance" ADD "version" integer NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE "plan_circumstance" ALTER COLUMN "version" DROP DEFAULT`);
    await queryRunner.query(`
            ALTER TABLE "prior_intervention"
              ADD "delivered_by" text,
              ADD "outcome" text,
              ADD "version" integer NOT NULL DEFAULT 1,
              ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "prior_intervention" ALTER COLUMN "version" DROP DEFAULT`);
    await grantToApplication(queryRunner, 'plan_circumstance', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
    await grantToApplication(queryRunner, 'prior_intervention', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The enum values stay (PostgreSQL cannot drop one, and other features' values share the types).
    await revokeFromApplication(queryRunner, 'prior_intervention');
    await grantToApplication(queryRunner, 'prior_intervention', ['SELECT', 'INSERT']);
    await revokeFromApplication(queryRunner, 'plan_circumstance');
    await grantToApplication(queryRunner, 'plan_circumstance', ['SELECT', 'INSERT', 'UPDATE']);
    await queryRunner.query(
      `ALTER TABLE "prior_intervention" DROP COLUMN "updated_at", DROP COLUMN "version", DROP COLUMN "outcome", DROP COLUMN "delivered_by"`,
    );
    await queryRunner.query(`ALTER TABLE "plan_circumstance" DROP COLUMN "version"`);
  }
}

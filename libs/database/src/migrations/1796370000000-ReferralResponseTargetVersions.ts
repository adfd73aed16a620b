import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApplication, revokeFromApplication } from '../application-grants';

/**
 * Partners' response targets get a version (issue 22): one per council's targets as a whole, and one for the national
 * defaults (the row without a council), so a save made on a stale page is refused instead of silently replacing
 * someone else's. Councils that have saved targets start at version 1, as do the national defaults; a council that
 * never saved any has no row (version 0). A step set back to the national default is stored as no row of the
 * council's for that step (the national default then applies, including a later change of it), so the application
 * may now delete a council's target.
 */
export class ReferralResponseTargetVersions1796370000000 implements MigrationInterface {
  name = 'ReferralResponseTargetVersions1796370000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "referral_response_target_version" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "organisation_id" uuid,
        "version" integer NOT NULL,
        "updated_by_id" uuid,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_referral_response_target_version" PRIMARY KEY ("id"),
        CONSTRAINT "fk_referral_response_target_version_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE
      )`);
    // One row per council (NULLs are distinct: the national row is the only one without a council, made here).
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_referral_response_target_version_organisation" ON "referral_response_target_version" ("organisation_id")`,
    );
    await queryRunner.query(
      `INSERT INTO "referral_response_target_version" ("organisation_id", "version") VALUES (NULL, 1)`,
    );
    await queryRunner.query(
      `INSERT INTO "referral_response_target_version" ("organisation_id", "version")
       SELECT DISTINCT "organisation_id", 1 FROM "referral_response_target" WHERE "organisation_id" IS NOT NULL`,
    );
    await grantToApplication(queryRunner, 'referral_response_target_version', ['SELECT', 'INSERT', 'UPDATE']);
    await grantToApplication(queryRunner, 'referral_response_target', ['DELETE']);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await revokeFromApplication(queryRunner, 'referral_response_target');
    await grantToApplication(queryRunner, 'referral_response_target', ['SELECT', 'INSERT', 'UPDATE']);
    await revokeFromApplication(queryRunner, 'referral_response_target_version');
    await queryRunner.query(`DROP TABLE "referral_response_target_version"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 5, the deadline engine: an organisation's named lead (head of a youth justice service, lead of a partner). */

export class OrganisationLead1795470000004 implements MigrationInterface {
  name = 'OrganisationLead1795470000004';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "organisation"
            ADD "lead_user_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation"
            ADD CONSTRAINT "fk_organisation_lead_user" FOREIGN KEY ("lead_user_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "organisation" DROP CONSTRAINT "fk_organisation_lead_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation" DROP COLUMN "lead_user_id"
        `);
  }
}

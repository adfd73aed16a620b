import { MigrationInterface, QueryRunner } from 'typeorm';

export class MilestoneEscalations1795470000003 implements MigrationInterface {
  name = 'MilestoneEscalations1795470000003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "milestone_escalation" (
                "milestone_id" uuid NOT NULL,
                "level" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_milestone_escalation" PRIMARY KEY ("milestone_id", "level")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_milestone_escalation_created" ON "milestone_escalation" ("created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "milestone_escalation"
            ADD CONSTRAINT "fk_milestone_escalation_milestone" FOREIGN KEY ("milestone_id") REFERENCES "milestone"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "milestone_escalation" DROP CONSTRAINT "fk_milestone_escalation_milestone"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_milestone_escalation_created"
        `);
    await queryRunner.query(`
            DROP TABLE "milestone_escalation"
        `);
  }
}

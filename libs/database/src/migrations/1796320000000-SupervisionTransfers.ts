import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApplication, revokeFromApplication } from '../application-grants';

/**
 * A child moves to another youth justice service (issue 21): each hand-over of an episode's supervision, kept as
 * history (the application may read and add them, never change them). The episode history gains its own event type;
 * the value is added alone and first used by later code, never in this migration.
 */
export class SupervisionTransfers1796320000000 implements MigrationInterface {
  name = 'SupervisionTransfers1796320000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TYPE "public"."episode_event_type" ADD VALUE IF NOT EXISTS 'SUPERVISION_TRANSFERRED'`,
    );
    await queryRunner.query(`
      CREATE TABLE "supervision_transfer" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "episode_id" uuid NOT NULL,
        "from_service_id" uuid NOT NULL,
        "to_service_id" uuid NOT NULL,
        "effective_date" date NOT NULL,
        "reason" character varying NOT NULL,
        "transferred_by_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_supervision_transfer" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_supervision_transfer_services" CHECK ("from_service_id" <> "to_service_id"),
        CONSTRAINT "FK_f27e86bb2a384d3ec0bc62a1302" FOREIGN KEY ("episode_id")
          REFERENCES "custodial_episode"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_20eeaab30c544cb9e443cce3056" FOREIGN KEY ("from_service_id")
          REFERENCES "organisation"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_efb57464feb7cf8103f4454860e" FOREIGN KEY ("to_service_id")
          REFERENCES "organisation"("id") ON DELETE RESTRICT
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_f27e86bb2a384d3ec0bc62a130" ON "supervision_transfer" ("episode_id")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_20eeaab30c544cb9e443cce305" ON "supervision_transfer" ("from_service_id")`,
    );
    await grantToApplication(queryRunner, 'supervision_transfer', ['SELECT', 'INSERT']);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await revokeFromApplication(queryRunner, 'supervision_transfer');
    await queryRunner.query(`DROP TABLE "supervision_transfer"`);
  }
}

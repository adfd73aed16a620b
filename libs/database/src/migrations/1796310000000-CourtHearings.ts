import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApplication, revokeFromApplication } from '../application-grants';

const HEARING_MILESTONE_KEYS = [
  'HEARING_ACCOMMODATION_OPTION_IDENTIFIED',
  'HEARING_CHILDRENS_SERVICES_INFORMED',
  'HEARING_ETE_ARRANGEMENTS',
  'HEARING_HEALTH_ARRANGEMENTS',
];
const HEARING_EVENT_TYPES = ['HEARING_SCHEDULED', 'HEARING_MOVED', 'HEARING_OUTCOME_RECORDED'];

/**
 * Court hearings of a custodial episode (issue 21, remand): each hearing's date, court and purpose, every move of its
 * date with the reason, and its outcome. At most one hearing of an episode waits for its outcome at a time: that is
 * the next hearing, the date the hearing deadlines hang on.
 *
 * New values of shared enums are added, never made again (other changes add values in parallel); none is used here.
 */
export class CourtHearings1796310000000 implements MigrationInterface {
  name = 'CourtHearings1796310000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const key of HEARING_MILESTONE_KEYS) {
      await queryRunner.query(`ALTER TYPE "public"."milestone_key" ADD VALUE IF NOT EXISTS '${key}'`);
    }
    for (const type of HEARING_EVENT_TYPES) {
      await queryRunner.query(`ALTER TYPE "public"."episode_event_type" ADD VALUE IF NOT EXISTS '${type}'`);
    }
    await queryRunner.query(
      `CREATE TYPE "public"."court_hearing_outcome" AS ENUM('REMANDED', 'SENTENCED', 'RELEASED_ON_BAIL', 'REMANDED_TO_LOCAL_AUTHORITY')`,
    );
    await queryRunner.query(`
            CREATE TABLE "court_hearing" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "episode_id" uuid NOT NULL,
                "child_id" uuid NOT NULL,
                "hearing_date" date NOT NULL,
                "court" text NOT NULL,
                "purpose" text NOT NULL,
                "moves" jsonb NOT NULL DEFAULT '[]',
                "outcome" "public"."court_hearing_outcome",
                "outcome_recorded_at" TIMESTAMP WITH TIME ZONE,
                "outcome_recorded_by_id" uuid,
                "went_to" text,
                "next_hearing_id" uuid,
                "scheduled_by_id" uuid,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_court_hearing" PRIMARY KEY ("id")
            )`);
    await queryRunner.query(
      `CREATE INDEX "ix_court_hearing_episode" ON "court_hearing" ("episode_id", "hearing_date")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_court_hearing_next_per_episode" ON "court_hearing" ("episode_id") WHERE "outcome" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "court_hearing" ADD CONSTRAINT "fk_court_hearing_episode" FOREIGN KEY ("episode_id") REFERENCES "custodial_episode"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "court_hearing" ADD CONSTRAINT "fk_court_hearing_next" FOREIGN KEY ("next_hearing_id") REFERENCES "court_hearing"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    // A hearing is moved and given its outcome, never deleted.
    await grantToApplication(queryRunner, 'court_hearing', ['SELECT', 'INSERT', 'UPDATE']);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await revokeFromApplication(queryRunner, 'court_hearing');
    await queryRunner.query(`DROP TABLE "court_hearing"`);
    await queryRunner.query(`DROP TYPE "public"."court_hearing_outcome"`);
    // The enum values added stay: PostgreSQL cannot drop one, and other changes may use them.
    await queryRunner.query(`DELETE FROM "milestone" WHERE "key"::text = ANY($1)`, [HEARING_MILESTONE_KEYS]);
    await queryRunner.query(`DELETE FROM "milestone_policy_override" WHERE "key"::text = ANY($1)`, [
      HEARING_MILESTONE_KEYS,
    ]);
  }
}

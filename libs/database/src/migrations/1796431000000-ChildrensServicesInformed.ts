import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApplication, revokeFromApplication } from '../application-grants';

/**
 * Children's services told of a remanded child's court hearing (issue 21, facts not ticks): the hearing's "children's
 * services informed" deadline is met by this record, never again by a pathway's status. An append (the application
 * may read and insert, never change). The plan history gains its event type, added alone and first used by later code.
 *
 * Then existing data, as `PlanFacts1796230000000` did for the release facts: a HEARING_CHILDRENS_SERVICES_INFORMED
 * milestone met only by the family and relationships pathway's status (evidence type 'Pathway') is PENDING again, its
 * reminders and escalation started afresh, with a line in the plan's history saying why. The deadline engine then
 * decides (a date already past is MISSED at its next pass).
 */
export class ChildrensServicesInformed1796431000000 implements MigrationInterface {
  name = 'ChildrensServicesInformed1796431000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TYPE "public"."plan_event_type" ADD VALUE IF NOT EXISTS 'CHILDRENS_SERVICES_INFORMED'`,
    );
    await queryRunner.query(`
            CREATE TABLE "childrens_services_informed" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "hearing_id" uuid NOT NULL,
                "hearing_date" date NOT NULL,
                "local_authority_id" uuid NOT NULL,
                "informed_on" date NOT NULL,
                "informed_by" text NOT NULL,
                "informed_whom" text,
                "recorded_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_childrens_services_informed" PRIMARY KEY ("id")
            )`);
    await queryRunner.query(
      `CREATE INDEX "ix_childrens_services_informed_plan" ON "childrens_services_informed" ("plan_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "childrens_services_informed" ADD CONSTRAINT "fk_childrens_services_informed_plan" FOREIGN KEY ("plan_id") REFERENCES "resettlement_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "childrens_services_informed" ADD CONSTRAINT "fk_childrens_services_informed_authority" FOREIGN KEY ("local_authority_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await grantToApplication(queryRunner, 'childrens_services_informed', ['SELECT', 'INSERT']);

    // Met only by a status: pending again, each with a line in its plan's history.
    await queryRunner.query(`
      WITH reopened AS (
        UPDATE milestone m
           SET status = 'PENDING', met_at = NULL, evidence = NULL, escalation_level = 0, reminders_sent = 0, reminders_sent_for = NULL,
               version = m.version + 1, updated_at = now()
         WHERE m.status = 'MET' AND m.evidence->>'type' = 'Pathway' AND m.key = 'HEARING_CHILDRENS_SERVICES_INFORMED'
        RETURNING m.id, m.episode_id)
      INSERT INTO plan_event (plan_id, type, summary, details, recorded_by_id)
      SELECT p.id, 'MILESTONE_REOPENED',
             'Deadline "children''s services informed of the hearing" is open again: it was met only by the family and '
               || 'relationships pathway''s status, which is not a recorded fact. Record that children''s services were told of the hearing to meet it.',
             jsonb_build_object('record', jsonb_build_object('type', 'Milestone', 'id', r.id), 'before', jsonb_build_object('status', 'MET'),
                                'after', jsonb_build_object('status', 'PENDING')),
             NULL
        FROM reopened r JOIN resettlement_plan p ON p.episode_id = r.episode_id`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The milestones re-opened stay open (a status never was a fact). The history lines of the new type go.
    await queryRunner.query(`DELETE FROM plan_event WHERE type::text = 'CHILDRENS_SERVICES_INFORMED'`);
    await revokeFromApplication(queryRunner, 'childrens_services_informed');
    await queryRunner.query(`DROP TABLE "childrens_services_informed"`);
    // The enum value added stays: PostgreSQL cannot drop one.
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deadline engine survives faults (issue 17):
 * - reminders become recorded facts on the milestone (`reminders_sent` for `reminders_sent_for`), like escalation
 *   levels, so PostgreSQL alone says which deadline action is still owed;
 * - escalations are reached per due date: a milestone re-opened with a new due date climbs the ladder again (before,
 *   its old escalation rows silently stopped every later escalation);
 * - `queue_rebuild`: each rebuild of Redis from PostgreSQL, and `deadline_engine_status`: what each worker last saw.
 */
export class DeadlineEngineFaults1795500000000 implements MigrationInterface {
  name = 'DeadlineEngineFaults1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "milestone" ADD "reminders_sent" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE "milestone" ADD "reminders_sent_for" date`);
    // Reminders sent before this migration are known from their notifications (dedupe key
    // milestone:<id>:<due>:reminder:<n>:<user>): the highest for the current due date.
    await queryRunner.query(`
      UPDATE milestone m SET reminders_sent = r.sent, reminders_sent_for = m.due_date
        FROM (SELECT split_part(n.dedupe_key, ':', 2)::uuid AS milestone_id, split_part(n.dedupe_key, ':', 3) AS due,
                     max(split_part(n.dedupe_key, ':', 5)::int) AS sent
                FROM notification n
               WHERE n.kind = 'MILESTONE_REMINDER' AND n.dedupe_key ~ '^milestone:[0-9a-f-]{36}:[0-9]{4}-[0-9]{2}-[0-9]{2}:reminder:[0-9]+:'
               GROUP BY 1, 2) r
       WHERE r.milestone_id = m.id AND r.due = m.due_date::text`);

    await queryRunner.query(`ALTER TABLE "milestone_escalation" ADD "due_date" date`);
    // Rows reached before this migration were for the milestone's due date then: the current one, unless it has
    // since been cleared (then the day before the escalation, a date it can no longer be due on).
    await queryRunner.query(`
      UPDATE milestone_escalation e SET due_date = COALESCE(m.due_date, (e.created_at AT TIME ZONE 'Europe/London')::date - 1)
        FROM milestone m WHERE m.id = e.milestone_id`);
    await queryRunner.query(`ALTER TABLE "milestone_escalation" ALTER COLUMN "due_date" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "milestone_escalation" DROP CONSTRAINT "pk_milestone_escalation"`);
    await queryRunner.query(
      `ALTER TABLE "milestone_escalation" ADD CONSTRAINT "pk_milestone_escalation" PRIMARY KEY ("milestone_id", "due_date", "level")`,
    );

    await queryRunner.query(`
      CREATE TABLE "queue_rebuild" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "worker_id" text NOT NULL,
        "reason" text NOT NULL,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "finished_at" TIMESTAMP WITH TIME ZONE,
        "outcome" text,
        "error" text,
        CONSTRAINT "pk_queue_rebuild" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_queue_rebuild_started" ON "queue_rebuild" ("started_at")`);

    await queryRunner.query(`
      CREATE TABLE "deadline_engine_status" (
        "worker_id" text NOT NULL,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_reconcile_at" TIMESTAMP WITH TIME ZONE,
        "last_reconcile_ms" integer,
        "last_reconcile_milestones" integer,
        "watchdog_at" TIMESTAMP WITH TIME ZONE,
        "late_actions" integer NOT NULL DEFAULT 0,
        "queue_state_ok" boolean NOT NULL DEFAULT true,
        CONSTRAINT "pk_deadline_engine_status" PRIMARY KEY ("worker_id")
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "deadline_engine_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_queue_rebuild_started"`);
    await queryRunner.query(`DROP TABLE "queue_rebuild"`);
    await queryRunner.query(`ALTER TABLE "milestone_escalation" DROP CONSTRAINT "pk_milestone_escalation"`);
    await queryRunner.query(
      `DELETE FROM milestone_escalation e USING milestone m WHERE m.id = e.milestone_id AND e.due_date IS DISTINCT FROM m.due_date`,
    );
    await queryRunner.query(`ALTER TABLE "milestone_escalation" DROP COLUMN "due_date"`);
    await queryRunner.query(
      `ALTER TABLE "milestone_escalation" ADD CONSTRAINT "pk_milestone_escalation" PRIMARY KEY ("milestone_id", "level")`,
    );
    await queryRunner.query(`ALTER TABLE "milestone" DROP COLUMN "reminders_sent_for"`);
    await queryRunner.query(`ALTER TABLE "milestone" DROP COLUMN "reminders_sent"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApplication, revokeFromApplication } from '../application-grants';

const TABLES = ['accommodation_arrangement', 'child_told_where_living', 'ete_placement', 'health_handover'];
const OLD_EVENT_TYPES = [
  'PLAN_CREATED',
  'CHILD_VOICE_UPDATED',
  'PATHWAY_UPDATED',
  'PATHWAY_ACTION_ADDED',
  'PATHWAY_ACTION_UPDATED',
  'CIRCUMSTANCE_RECORDED',
  'PRIOR_INTERVENTION_RECORDED',
  'PLAN_EXPLAINED',
  'PLAN_AGREED',
  'MEETING_SCHEDULED',
  'MEETING_CHANGED',
  'MEETING_CANCELLED',
  'MEETING_HELD',
  'RELEASE_DAY_PLANNED',
  'RELEASE_DAY_CONFIRMED',
  'RELEASE_RECORDED',
  'APPOINTMENT_RECORDED',
  'BARRIER_ASSESSED',
  'SUPERVISION_RECORDED',
];
const NEW_EVENT_TYPES = [
  'ACCOMMODATION_ARRANGED',
  'CHILD_TOLD_WHERE_LIVING',
  'ETE_PLACE_CONFIRMED',
  'HEALTH_HANDOVER_ARRANGED',
  'MILESTONE_REOPENED',
];
const enumOf = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * The facts deadlines are met by (issue 23): accommodation arrangements, the child told where they will live, ETE
 * places and health handovers, each an append (the application may read and insert them, never change them).
 *
 * Then existing data, moved honestly: a milestone of ACCOMMODATION_CONFIRMED, CHILD_TOLD_WHERE_LIVING,
 * ETE_PLACE_CONFIRMED or HEALTH_HANDOVER_ARRANGED met only by a pathway's status (evidence type 'Pathway') is
 * PENDING again, its reminders and escalation started afresh, with a line in the plan's history saying why. The
 * deadline engine then decides (a date already past is MISSED at its next pass, and the watchdog re-plans the jobs).
 * The one exception is a confirmed accommodation referral with an address and a start date not past when confirmed:
 * that is the fact itself, so ACCOMMODATION_CONFIRMED stays met, its evidence the referral.
 */
export class PlanFacts1796230000000 implements MigrationInterface {
  name = 'PlanFacts1796230000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // New history event types: the type is made again (ADD VALUE cannot be used in the transaction that adds it).
    await queryRunner.query(`ALTER TYPE "public"."plan_event_type" RENAME TO "plan_event_type_old"`);
    await queryRunner.query(
      `CREATE TYPE "public"."plan_event_type" AS ENUM(${enumOf([...OLD_EVENT_TYPES, ...NEW_EVENT_TYPES])})`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_event" ALTER COLUMN "type" TYPE "public"."plan_event_type" USING "type"::"text"::"public"."plan_event_type"`,
    );
    await queryRunner.query(`DROP TYPE "public"."plan_event_type_old"`);

    await queryRunner.query(
      `CREATE TYPE "public"."accommodation_kind" AS ENUM('FAMILY_HOME', 'RELATIVE_OR_FRIEND', 'FOSTER_CARE', 'CHILDRENS_HOME', 'SUPPORTED_ACCOMMODATION', 'OTHER')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."told_how" AS ENUM('IN_PERSON', 'VIDEO_CALL', 'PHONE', 'LETTER')`);
    await queryRunner.query(
      `CREATE TYPE "public"."health_handover_pathway" AS ENUM('PHYSICAL_HEALTH', 'MENTAL_HEALTH', 'SUBSTANCE_MISUSE')`,
    );
    await queryRunner.query(`
            CREATE TABLE "accommodation_arrangement" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "address" text NOT NULL,
                "start_date" date NOT NULL,
                "kind" "public"."accommodation_kind" NOT NULL,
                "living_with" text NOT NULL,
                "confirmed_by" text NOT NULL,
                "recorded_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_accommodation_arrangement" PRIMARY KEY ("id")
            )`);
    await queryRunner.query(`
            CREATE TABLE "child_told_where_living" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "address_record_type" text NOT NULL,
                "address_record_id" uuid NOT NULL,
                "address" text NOT NULL,
                "told_on" date NOT NULL,
                "told_by" text NOT NULL,
                "how" "public"."told_how" NOT NULL,
                "has_seen_it" boolean,
                "recorded_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_child_told_where_living" PRIMARY KEY ("id")
            )`);
    await queryRunner.query(`
            CREATE TABLE "ete_placement" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "provider" text NOT NULL,
                "start_date" date NOT NULL,
                "hours_per_week" smallint NOT NULL,
                "confirmed_by" text NOT NULL,
                "recorded_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_ete_placement" PRIMARY KEY ("id")
            )`);
    await queryRunner.query(`
            CREATE TABLE "health_handover" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "plan_id" uuid NOT NULL,
                "pathway_type" "public"."health_handover_pathway" NOT NULL,
                "receiving_provider" text NOT NULL,
                "first_appointment_on" date NOT NULL,
                "recorded_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_health_handover" PRIMARY KEY ("id")
            )`);
    for (const table of TABLES) {
      await queryRunner.query(`CREATE INDEX "ix_${table}_plan" ON "${table}" ("plan_id")`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "fk_${table}_plan" FOREIGN KEY ("plan_id") REFERENCES "resettlement_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      );
      // Appends: a new record replaces an old one for the deadlines; none is changed.
      await grantToApplication(queryRunner, table, ['SELECT', 'INSERT']);
    }

    // Accommodation confirmed by a confirmed referral: the referral is the fact (the latest valid one).
    await queryRunner.query(`
      WITH fact AS (
        SELECT DISTINCT ON (r.episode_id) r.episode_id, r.id, r.offer_address_or_place AS address, r.offer_start_date AS start_date,
               r.confirmed_at, r.offer_placement_type AS kind, o.name AS confirmed_by
          FROM referral r JOIN organisation o ON o.id = r.to_organisation_id
         WHERE r.type = 'ACCOMMODATION' AND r.status = 'CONFIRMED' AND r.offer_address_or_place IS NOT NULL AND r.confirmed_at IS NOT NULL
           AND r.offer_start_date >= (r.confirmed_at AT TIME ZONE 'Europe/London')::date
         ORDER BY r.episode_id, r.confirmed_at DESC)
      UPDATE milestone m
         SET evidence = jsonb_build_object('type', 'Referral', 'id', f.id, 'at', to_char(f.confirmed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                           'address', f.address, 'startDate', to_char(f.start_date, 'YYYY-MM-DD'), 'confirmedBy', f.confirmed_by,
                                           'kind', f.kind, 'livingWith', NULL),
             met_at = f.confirmed_at, version = m.version + 1, updated_at = now()
        FROM fact f
       WHERE m.episode_id = f.episode_id AND m.key = 'ACCOMMODATION_CONFIRMED' AND m.status = 'MET' AND m.evidence->>'type' = 'Pathway'`);

    // The rest met only by a status: pending again, each with a line in its plan's history.
    await queryRunner.query(`
      WITH reopened AS (
        UPDATE milestone m
           SET status = 'PENDING', met_at = NULL, evidence = NULL, escalation_level = 0, reminders_sent = 0, reminders_sent_for = NULL,
               version = m.version + 1, updated_at = now()
         WHERE m.status = 'MET' AND m.evidence->>'type' = 'Pathway'
           AND m.key IN ('ACCOMMODATION_CONFIRMED', 'CHILD_TOLD_WHERE_LIVING', 'ETE_PLACE_CONFIRMED', 'HEALTH_HANDOVER_ARRANGED')
        RETURNING m.id, m.episode_id, m.key)
      INSERT INTO plan_event (plan_id, type, summary, details, recorded_by_id)
      SELECT p.id, 'MILESTONE_REOPENED',
             'Deadline "' || CASE r.key WHEN 'ACCOMMODATION_CONFIRMED' THEN 'accommodation confirmed'
                                        WHEN 'CHILD_TOLD_WHERE_LIVING' THEN 'child told where they will live'
                                        WHEN 'ETE_PLACE_CONFIRMED' THEN 'ETE place confirmed'
                                        ELSE 'health handover arranged' END
               || '" is open again: it was met only by a pathway''s status, which is not a recorded fact. Record the fact to meet it.',
             jsonb_build_object('record', jsonb_build_object('type', 'Milestone', 'id', r.id), 'before', jsonb_build_object('status', 'MET'),
                                'after', jsonb_build_object('status', 'PENDING')),
             NULL
        FROM reopened r JOIN resettlement_plan p ON p.episode_id = r.episode_id`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The milestones re-opened stay open (a status never was a fact); the history lines go with their event type.
    await queryRunner.query(`DELETE FROM plan_event WHERE type::text = ANY($1)`, [NEW_EVENT_TYPES]);
    for (const table of [...TABLES].reverse()) {
      await revokeFromApplication(queryRunner, table);
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
    await queryRunner.query(`DROP TYPE "public"."health_handover_pathway"`);
    await queryRunner.query(`DROP TYPE "public"."told_how"`);
    await queryRunner.query(`DROP TYPE "public"."accommodation_kind"`);
    await queryRunner.query(`ALTER TYPE "public"."plan_event_type" RENAME TO "plan_event_type_old"`);
    await queryRunner.query(`CREATE TYPE "public"."plan_event_type" AS ENUM(${enumOf(OLD_EVENT_TYPES)})`);
    await queryRunner.query(
      `ALTER TABLE "plan_event" ALTER COLUMN "type" TYPE "public"."plan_event_type" USING "type"::"text"::"public"."plan_event_type"`,
    );
    await queryRunner.query(`DROP TYPE "public"."plan_event_type_old"`);
  }
}

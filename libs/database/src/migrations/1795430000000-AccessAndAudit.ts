import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 3: the append-only audit log, the youth justice service that recorded each child (the policy's first link
 * between a child and an organisation), and national bodies in the directory.
 */
export class AccessAndAudit1795430000000 implements MigrationInterface {
  name = 'AccessAndAudit1795430000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."organisation_type" ADD VALUE IF NOT EXISTS 'NATIONAL_BODY'`);

    await queryRunner.query(`ALTER TABLE "child" ADD "registered_by_organisation_id" uuid`);
    await queryRunner.query(`
      ALTER TABLE "child" ADD CONSTRAINT "fk_child_registered_by_organisation"
        FOREIGN KEY ("registered_by_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT
    `);
    await queryRunner.query(
      `CREATE INDEX "ix_child_registered_by_organisation" ON "child" ("registered_by_organisation_id")`,
    );
    // Children recorded before this migration belong to the service supervising their latest episode.
    await queryRunner.query(`
      UPDATE child c SET registered_by_organisation_id = (
        SELECT e.supervising_service_id FROM custodial_episode e WHERE e.child_id = c.id ORDER BY e.start_date DESC LIMIT 1)
    `);

    await queryRunner.query(`CREATE TYPE "public"."audit_outcome" AS ENUM('ALLOWED', 'DENIED', 'SUCCEEDED', 'FAILED')`);
    await queryRunner.query(`
      CREATE TABLE "audit_event" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "actor_user_id" uuid,
        "actor_organisation_id" uuid,
        "actor_roles" text array NOT NULL DEFAULT '{}',
        "action" character varying NOT NULL,
        "resource_type" character varying NOT NULL,
        "resource_id" text,
        "child_id" uuid,
        "outcome" "public"."audit_outcome" NOT NULL,
        "fields_read" text array,
        "before" jsonb,
        "after" jsonb,
        "detail" jsonb,
        "request_id" text,
        "client_ip" inet,
        CONSTRAINT "pk_audit_event" PRIMARY KEY ("id")
      )
    `);
    // No foreign keys on purpose: an audit row outlives what it names, and a refused probe names ids that never
    // existed.
    await queryRunner.query(`CREATE INDEX "ix_audit_event_child" ON "audit_event" ("child_id", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_actor" ON "audit_event" ("actor_user_id", "id")`);

    // Append-only, enforced by the database itself: statement-level, so even an UPDATE or DELETE that would touch
    // no rows is refused, and TRUNCATE too.
    await queryRunner.query(`
      CREATE FUNCTION "refuse_audit_event_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER "audit_event_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_event"
        FOR EACH STATEMENT EXECUTE FUNCTION "refuse_audit_event_change"()
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_event_append_only" ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION "refuse_audit_event_change"()`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
    await queryRunner.query(`DROP TYPE "public"."audit_outcome"`);
    await queryRunner.query(`ALTER TABLE "child" DROP CONSTRAINT "fk_child_registered_by_organisation"`);
    await queryRunner.query(`DROP INDEX "ix_child_registered_by_organisation"`);
    await queryRunner.query(`ALTER TABLE "child" DROP COLUMN "registered_by_organisation_id"`);
    // PostgreSQL cannot drop an enum value; NATIONAL_BODY stays.
  }
}

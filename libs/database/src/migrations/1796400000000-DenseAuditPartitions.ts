import { MigrationInterface, QueryRunner } from 'typeorm';
import { applicationRole } from '../application-grants';

/**
 * Issue 24: an audit log that lasts years.
 *
 * - **Denser rows.** `audit_record` holds one row per audited act: a page of a list read is one row naming every
 *   record and child on it (`resource_ids`, `child_ids`, paired by position), not a row per child. A single-record
 *   read or change names one of each (or none). `child_ids` has a GIN index, so a child's trail and access report
 *   stay an index lookup. (Measured before this: about 38 MB of audit per 1,000 caseload pages of 50 children.)
 * - **Monthly partitions** on `occurred_at`, made ahead of time by the worker's `audit-maintenance` job through
 *   `audit_create_partition`, and dropped whole when every row in them is older than the retention by
 *   `audit_drop_partition`. Both are SECURITY DEFINER functions owned by the owner role: the application role may run
 *   them but owns no table and may not drop one itself, and the drop refuses a month less than a year old whatever it
 *   is asked. A default partition catches a row whose month has no partition yet (never lose an audit row); making
 *   that month's partition later moves them into it.
 * - **Append-only as before**: no UPDATE, DELETE or TRUNCATE, on the parent or any partition. The only exception is
 *   moving rows out of the default partition inside `audit_create_partition` and purging it past the retention in
 *   `audit_purge_default`, both as the owner.
 * - **`audit_event` stays, as a view**: one row per child (or record) an audit row concerns, with the columns the table
 *   had, for people reading the audit in SQL. The service itself reads `audit_record`.
 *
 * The existing rows move: a list page's rows (same request, act, time and reader) become one row, everything else one
 * row each, keeping their ids.
 */
export class DenseAuditPartitions1796400000000 implements MigrationInterface {
  name = 'DenseAuditPartitions1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const role = await applicationRole(queryRunner);
    await queryRunner.query(`CREATE SEQUENCE "audit_record_id_seq" AS bigint`);
    await queryRunner.query(`
      CREATE TABLE "audit_record" (
        "id" bigint NOT NULL DEFAULT nextval('audit_record_id_seq'),
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "actor_user_id" uuid,
        "actor_organisation_id" uuid,
        "actor_roles" text array NOT NULL DEFAULT '{}',
        "action" character varying NOT NULL,
        "resource_type" character varying NOT NULL,
        "resource_ids" text array NOT NULL DEFAULT '{}',
        "child_ids" uuid array NOT NULL DEFAULT '{}',
        "outcome" "public"."audit_outcome" NOT NULL,
        "fields_read" text array,
        "before" jsonb,
        "after" jsonb,
        "detail" jsonb,
        "request_id" text,
        "client_ip" inet,
        CONSTRAINT "pk_audit_record" PRIMARY KEY ("id", "occurred_at"),
        -- A list's records and children pair by position; a single act names at most one of each.
        CONSTRAINT "ck_audit_record_pairs" CHECK (
          (cardinality("resource_ids") <= 1 AND cardinality("child_ids") <= 1)
          OR cardinality("resource_ids") = cardinality("child_ids"))
      ) PARTITION BY RANGE ("occurred_at")`);
    await queryRunner.query(`ALTER SEQUENCE "audit_record_id_seq" OWNED BY "audit_record"."id"`);
    await queryRunner.query(`CREATE INDEX "ix_audit_record_children" ON "audit_record" USING gin ("child_ids")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_record_actor" ON "audit_record" ("actor_user_id", "id")`);
    await queryRunner.query(`CREATE TABLE "audit_record_default" PARTITION OF "audit_record" DEFAULT`);

    // Append-only. Row-level triggers on a partitioned table are cloned onto every partition (so a DELETE aimed at a
    // partition is refused too); TRUNCATE is statement-level, so each partition gets its own (see
    // audit_create_partition).
    await queryRunner.query(`
      CREATE FUNCTION "refuse_audit_record_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- The owner's maintenance functions move rows out of the default partition, and only that.
        IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_record_default'
           AND current_setting('resettle.audit_maintenance', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'the audit log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "audit_record_append_only" BEFORE UPDATE OR DELETE ON "audit_record"
        FOR EACH ROW EXECUTE FUNCTION "refuse_audit_record_change"()`);
    // And statement-level on the parent, so even an UPDATE or DELETE that would touch no rows is refused.
    await queryRunner.query(`
      CREATE TRIGGER "audit_record_append_only_statement" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_record"
        FOR EACH STATEMENT EXECUTE FUNCTION "refuse_audit_record_change"()`);
    await queryRunner.query(`
      CREATE TRIGGER "audit_record_no_truncate" BEFORE TRUNCATE ON "audit_record_default"
        FOR EACH STATEMENT EXECUTE FUNCTION "refuse_audit_record_change"()`);

    // A month's partition, made ahead of time; rows already in the default partition for that month move into it.
    await queryRunner.query(`
      CREATE FUNCTION "audit_create_partition"(month text) RETURNS boolean
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        first_day date;
        name text;
      BEGIN
        IF month !~ '^[0-9]{4}-(0[1-9]|1[0-2])$' THEN
          RAISE EXCEPTION 'not a month: %', month USING ERRCODE = 'invalid_parameter_value';
        END IF;
        -- Two workers starting together: one makes the month, the other then finds it.
        PERFORM pg_advisory_xact_lock(hashtext('resettle:audit-partitions'));
        first_day := to_date(month || '-01', 'YYYY-MM-DD');
        name := 'audit_record_y' || to_char(first_day, 'YYYY') || 'm' || to_char(first_day, 'MM');
        IF to_regclass(name) IS NOT NULL THEN
          RETURN false;
        END IF;
        -- Month bounds in UTC, as the partition plan counts months.
        EXECUTE format('CREATE TABLE %I (LIKE audit_record INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name);
        PERFORM set_config('resettle.audit_maintenance', 'on', true);
        EXECUTE format(
          'WITH moved AS (DELETE FROM audit_record_default WHERE occurred_at >= %L AND occurred_at < %L RETURNING *)
           INSERT INTO %I SELECT * FROM moved',
          (first_day::timestamp AT TIME ZONE 'UTC'), ((first_day + interval '1 month')::timestamp AT TIME ZONE 'UTC'), name);
        PERFORM set_config('resettle.audit_maintenance', 'off', true);
        EXECUTE format('ALTER TABLE audit_record ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', name,
          (first_day::timestamp AT TIME ZONE 'UTC'), ((first_day + interval '1 month')::timestamp AT TIME ZONE 'UTC'));
        EXECUTE format('CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON %I
          FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_record_change()', name);
        RETURN true;
      END
      $$`);

    // A month's partition dropped whole, once every row in it is older than the retention (never less than a year).
    await queryRunner.query(`
      CREATE FUNCTION "audit_drop_partition"(month text, retention_months integer) RETURNS boolean
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        first_day date;
        name text;
      BEGIN
        IF month !~ '^[0-9]{4}-(0[1-9]|1[0-2])$' THEN
          RAISE EXCEPTION 'not a month: %', month USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF retention_months IS NULL OR retention_months < 12 THEN
          RAISE EXCEPTION 'the audit is kept at least 12 months, not %', retention_months
            USING ERRCODE = 'invalid_parameter_value';
        END IF;
        first_day := to_date(month || '-01', 'YYYY-MM-DD');
        IF (first_day + interval '1 month') > date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => retention_months) THEN
          RAISE EXCEPTION 'audit month % is within the % months kept', month, retention_months
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('resettle:audit-partitions'));
        name := 'audit_record_y' || to_char(first_day, 'YYYY') || 'm' || to_char(first_day, 'MM');
        IF to_regclass(name) IS NULL THEN
          RETURN false;
        END IF;
        EXECUTE format('ALTER TABLE audit_record DETACH PARTITION %I', name);
        EXECUTE format('DROP TABLE %I', name);
        RETURN true;
      END
      $$`);

    // Rows of the default partition older than the retention (only there when a month had no partition in time).
    await queryRunner.query(`
      CREATE FUNCTION "audit_purge_default"(retention_months integer) RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        purged bigint;
      BEGIN
        IF retention_months IS NULL OR retention_months < 12 THEN
          RAISE EXCEPTION 'the audit is kept at least 12 months, not %', retention_months
            USING ERRCODE = 'invalid_parameter_value';
        END IF;
        PERFORM set_config('resettle.audit_maintenance', 'on', true);
        DELETE FROM audit_record_default
         WHERE occurred_at < (date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => retention_months)) AT TIME ZONE 'UTC';
        GET DIAGNOSTICS purged = ROW_COUNT;
        PERFORM set_config('resettle.audit_maintenance', 'off', true);
        RETURN purged;
      END
      $$`);

    // The months that have a partition, as YYYY-MM.
    await queryRunner.query(`
      CREATE FUNCTION "audit_partition_months"() RETURNS SETOF text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
        SELECT substr(c.relname, 15, 4) || '-' || substr(c.relname, 20, 2)
          FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'audit_record'::regclass AND c.relname ~ '^audit_record_y[0-9]{4}m[0-9]{2}$'
         ORDER BY 1
      $$`);

    // Partitions for every month the existing rows fall in, and for this month and the next two.
    await queryRunner.query(`
      SELECT audit_create_partition(to_char(m, 'YYYY-MM'))
        FROM generate_series(
               date_trunc('month', least((SELECT min(occurred_at) FROM audit_event), now()) AT TIME ZONE 'UTC'),
               date_trunc('month', greatest((SELECT max(occurred_at) FROM audit_event), now()) AT TIME ZONE 'UTC')
                 + interval '2 months',
               interval '1 month') AS m`);

    // The existing rows, their ids kept: a list page's rows (one request, act, moment and reader, each naming a
    // record and a child) become one row; the rest one row each.
    await queryRunner.query(`
      INSERT INTO audit_record (id, occurred_at, actor_user_id, actor_organisation_id, actor_roles, action, resource_type,
                                resource_ids, child_ids, outcome, fields_read, before, after, detail, request_id, client_ip)
      SELECT min(id), occurred_at, actor_user_id, actor_organisation_id, actor_roles, action, resource_type,
             array_agg(resource_id ORDER BY id), array_agg(child_id ORDER BY id), outcome, fields_read, NULL, NULL,
             detail, request_id, client_ip
        FROM audit_event
       WHERE outcome = 'ALLOWED' AND request_id IS NOT NULL AND resource_id IS NOT NULL AND child_id IS NOT NULL
         AND before IS NULL AND after IS NULL
       GROUP BY occurred_at, actor_user_id, actor_organisation_id, actor_roles, action, resource_type, outcome,
                fields_read, detail, request_id, client_ip
      UNION ALL
      SELECT id, occurred_at, actor_user_id, actor_organisation_id, actor_roles, action, resource_type,
             CASE WHEN resource_id IS NULL THEN '{}' ELSE ARRAY[resource_id] END,
             CASE WHEN child_id IS NULL THEN '{}' ELSE ARRAY[child_id] END,
             outcome, fields_read, before, after, detail, request_id, client_ip
        FROM audit_event
       WHERE NOT (outcome = 'ALLOWED' AND request_id IS NOT NULL AND resource_id IS NOT NULL AND child_id IS NOT NULL
                  AND before IS NULL AND after IS NULL)`);
    await queryRunner.query(
      `SELECT setval('audit_record_id_seq', coalesce((SELECT max(id) FROM audit_record), 0) + 1, false)`,
    );

    await queryRunner.query(`DROP TABLE "audit_event"`);
    await queryRunner.query(`DROP FUNCTION "refuse_audit_event_change"()`);
    // One row per child (or record) an audit row names: the shape the table had, for reading the audit in SQL.
    await queryRunner.query(`
      CREATE VIEW "audit_event" AS
      SELECT r.id, r.occurred_at, r.actor_user_id, r.actor_organisation_id, r.actor_roles, r.action, r.resource_type,
             x.resource_id, x.child_id, r.outcome, r.fields_read, r.before, r.after, r.detail, r.request_id, r.client_ip,
             coalesce(x.n, 1) AS position
        FROM audit_record r
        LEFT JOIN LATERAL unnest(r.resource_ids, r.child_ids) WITH ORDINALITY AS x(resource_id, child_id, n) ON true`);

    // The api and worker add rows and read them, and keep the partitions through the functions above, nothing else.
    await queryRunner.query(`GRANT SELECT, INSERT ON TABLE "audit_record" TO ${role}`);
    await queryRunner.query(`GRANT USAGE ON SEQUENCE "audit_record_id_seq" TO ${role}`);
    await queryRunner.query(`GRANT SELECT ON TABLE "audit_event" TO ${role}`);
    for (const fn of [
      'audit_create_partition(text)',
      'audit_drop_partition(text, integer)',
      'audit_purge_default(integer)',
      'audit_partition_months()',
    ]) {
      await queryRunner.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await queryRunner.query(`GRANT EXECUTE ON FUNCTION ${fn} TO ${role}`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Back to one row per child: the view's rows, ids kept where they are unique.
    await queryRunner.query(`ALTER VIEW "audit_event" RENAME TO "audit_event_dense"`);
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
      )`);
    await queryRunner.query(`
      INSERT INTO "audit_event" (occurred_at, actor_user_id, actor_organisation_id, actor_roles, action, resource_type,
                                 resource_id, child_id, outcome, fields_read, before, after, detail, request_id, client_ip)
      SELECT occurred_at, actor_user_id, actor_organisation_id, actor_roles, action, resource_type, resource_id,
             child_id, outcome, fields_read, before, after, detail, request_id, client_ip
        FROM "audit_event_dense" ORDER BY id, position`);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_child" ON "audit_event" ("child_id", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_actor" ON "audit_event" ("actor_user_id", "id")`);
    await queryRunner.query(`
      CREATE FUNCTION "refuse_audit_event_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "audit_event_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_event"
        FOR EACH STATEMENT EXECUTE FUNCTION "refuse_audit_event_change"()`);
    const role = await applicationRole(queryRunner);
    await queryRunner.query(`GRANT SELECT, INSERT ON TABLE "audit_event" TO ${role}`);
    await queryRunner.query(`DROP VIEW "audit_event_dense"`);
    for (const fn of [
      'audit_create_partition(text)',
      'audit_drop_partition(text, integer)',
      'audit_purge_default(integer)',
      'audit_partition_months()',
    ]) {
      await queryRunner.query(`DROP FUNCTION ${fn}`);
    }
    await queryRunner.query(`DROP TABLE "audit_record"`);
    await queryRunner.query(`DROP FUNCTION "refuse_audit_record_change"()`);
  }
}

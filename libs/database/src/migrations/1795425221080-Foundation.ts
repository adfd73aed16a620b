import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795425221080 implements MigrationInterface {
  name = 'Foundation1795425221080';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."organisation_type" AS ENUM(
                'LOCAL_AUTHORITY',
                'YOUTH_JUSTICE_SERVICE',
                'YOI',
                'STC',
                'SCH',
                'SECURE_SCHOOL',
                'HEALTH_PROVIDER',
                'EDUCATION_PROVIDER'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "organisation" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "code" character varying NOT NULL,
                "name" character varying NOT NULL,
                "type" "public"."organisation_type" NOT NULL,
                "local_authority_id" uuid,
                "nation" text,
                "region" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_c725ae234ef1b74cce43d2d00c1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_6a3122daf3cb06cb4f1f87ae64" ON "organisation" ("code")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_32f700d239cde4882bd80eb519" ON "organisation" ("type")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_3a5d78f918b4ef8675ba8747a6" ON "organisation" ("local_authority_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."role" AS ENUM(
                'YJS_CASE_MANAGER',
                'YJS_MANAGER',
                'ESTABLISHMENT_STAFF',
                'ESTABLISHMENT_MANAGER',
                'LA_ACCOMMODATION_OFFICER',
                'LA_CHILDRENS_SERVICES',
                'HEALTH_PRACTITIONER',
                'EDUCATION_PROVIDER',
                'NATIONAL_ADMIN'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "app_user" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organisation_id" uuid NOT NULL,
                "given_name" character varying NOT NULL,
                "family_name" character varying NOT NULL,
                "email" character varying NOT NULL,
                "roles" "public"."role" array NOT NULL DEFAULT '{}',
                "disabled" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_6fa42e978fa7d7adc32736e26f" ON "app_user" ("organisation_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_3fa909d0e37c531ebc23770339" ON "app_user" ("email")
        `);
    await queryRunner.query(`
            CREATE TABLE "parent_carer" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "child_id" uuid NOT NULL,
                "name" character varying NOT NULL,
                "relationship" character varying NOT NULL,
                "phone" text,
                "email" text,
                "has_parental_responsibility" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_ac6c2711f66bc650a3689fdc399" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_adf2eac5bbe03f99f341bc6bcf" ON "parent_carer" ("child_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."gender" AS ENUM('MALE', 'FEMALE', 'OTHER')
        `);
    await queryRunner.query(`
            CREATE TABLE "child" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "external_reference" text,
                "given_name" character varying NOT NULL,
                "family_name" character varying NOT NULL,
                "preferred_name" text,
                "date_of_birth" date NOT NULL,
                "gender" "public"."gender" NOT NULL,
                "ethnicity" text,
                "looked_after" boolean NOT NULL DEFAULT false,
                "responsible_authority_id" uuid,
                "care_leaver" boolean NOT NULL DEFAULT false,
                "home_authority_id" uuid,
                "has_ehcp" boolean NOT NULL DEFAULT false,
                "disabilities" text array NOT NULL DEFAULT '{}',
                "communication_needs" text,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_4609b9b323ca37c6bc435ec4b6b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_163309a375dd361b370f230eff" ON "child" ("external_reference")
            WHERE external_reference IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_d2a938aff0a5a9973b32a394e7" ON "child" ("responsible_authority_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_4507638287d0d1e870ff79d0a6" ON "child" ("home_authority_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."sentence_type" AS ENUM('DTO', 'S250', 'EXTENDED', 'DHMP', 'REMAND')
        `);
    await queryRunner.query(`
            CREATE TABLE "sentence" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "episode_id" uuid NOT NULL,
                "sentence_type" "public"."sentence_type" NOT NULL,
                "sentence_date" date NOT NULL,
                "term_months" integer,
                "extension_months" integer,
                "remand_days" integer NOT NULL DEFAULT '0',
                "tagged_bail_days" integer NOT NULL DEFAULT '0',
                "offence_date" date,
                "qualifying_serious_offence" boolean NOT NULL DEFAULT false,
                "excluded_from_forty_percent_release" boolean NOT NULL DEFAULT false,
                "recorded_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_eed8b400064f053f70c004b83e7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_fb06b540b14fa05d3af42602d6" ON "sentence" ("episode_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."episode_event_type" AS ENUM(
                'EPISODE_STARTED',
                'SENTENCE_RECORDED',
                'EARLY_RELEASE_GRANTED',
                'LATE_RELEASE_ORDERED',
                'TRANSFERRED',
                'RELEASED',
                'RECALLED',
                'RELEASE_DATE_OVERRIDDEN',
                'RELEASE_DATE_OVERRIDE_CLEARED',
                'CASE_MANAGER_CHANGED'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "episode_event" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "episode_id" uuid NOT NULL,
                "type" "public"."episode_event_type" NOT NULL,
                "effective_date" date NOT NULL,
                "summary" character varying NOT NULL,
                "details" jsonb NOT NULL DEFAULT '{}',
                "recorded_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5d7313e1c4cdc4b8fe16633f4cc" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_d86aee75520af42203daa040b3" ON "episode_event" ("episode_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "establishment_transfer" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "episode_id" uuid NOT NULL,
                "from_establishment_id" uuid,
                "to_establishment_id" uuid NOT NULL,
                "transfer_date" date NOT NULL,
                "reason" character varying NOT NULL,
                "recorded_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d41b0e844270fda1072f592b443" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_12602a2b308787063333efcb46" ON "establishment_transfer" ("episode_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_72e24394e5f197f9d32ec209bd" ON "establishment_transfer" ("to_establishment_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."episode_status" AS ENUM(
                'REMANDED',
                'SENTENCED',
                'RELEASED',
                'RECALLED',
                'CLOSED'
            )
        `);
    // sentence_type is shared with the sentence table and already exists.
    await queryRunner.query(`
            CREATE TABLE "custodial_episode" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "child_id" uuid NOT NULL,
                "status" "public"."episode_status" NOT NULL,
                "start_date" date NOT NULL,
                "remand_date" date,
                "current_establishment_id" uuid NOT NULL,
                "supervising_service_id" uuid NOT NULL,
                "case_manager_id" uuid,
                "sentence_type" "public"."sentence_type",
                "sentence_end_date" date,
                "mid_term_date" date,
                "earliest_release_date" date,
                "latest_release_date" date,
                "parole_eligibility_date" date,
                "release_date" date,
                "brought_forward_date" date,
                "friday_or_pre_holiday_release" boolean NOT NULL DEFAULT false,
                "further_supervision_end_date" date,
                "immediate_release" boolean NOT NULL DEFAULT false,
                "release_date_notes" text array NOT NULL DEFAULT '{}',
                "early_release_date" date,
                "late_release_date" date,
                "release_date_override" date,
                "release_date_override_reason" text,
                "expected_release_date" date,
                "released_at" TIMESTAMP WITH TIME ZONE,
                "recalled_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6581d2bfa2976f646e0ae698b76" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_55ef5bad664d0af7979b1e1654" ON "custodial_episode" ("child_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_15e3069543cc5b166273e8adf4" ON "custodial_episode" ("current_establishment_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_251391fc53198e4552d3767f38" ON "custodial_episode" ("case_manager_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_custodial_episode_open_per_child" ON "custodial_episode" ("child_id")
            WHERE status IN ('REMANDED', 'SENTENCED', 'RECALLED')
        `);
    await queryRunner.query(`
            CREATE TABLE "case_manager_assignment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "episode_id" uuid NOT NULL,
                "case_manager_id" uuid NOT NULL,
                "assigned_from" TIMESTAMP WITH TIME ZONE NOT NULL,
                "assigned_until" TIMESTAMP WITH TIME ZONE,
                "reason" text,
                "assigned_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7f787d3d5fdaa8b36065248b6a8" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_34e9246fdb497fd874f02542b9" ON "case_manager_assignment" ("episode_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_2ca54b71d731caeb5e3e42c201" ON "case_manager_assignment" ("case_manager_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation"
            ADD CONSTRAINT "FK_3a5d78f918b4ef8675ba8747a6e" FOREIGN KEY ("local_authority_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD CONSTRAINT "FK_6fa42e978fa7d7adc32736e26fd" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "parent_carer"
            ADD CONSTRAINT "FK_adf2eac5bbe03f99f341bc6bcfd" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "child"
            ADD CONSTRAINT "FK_d2a938aff0a5a9973b32a394e78" FOREIGN KEY ("responsible_authority_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "child"
            ADD CONSTRAINT "FK_4507638287d0d1e870ff79d0a68" FOREIGN KEY ("home_authority_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sentence"
            ADD CONSTRAINT "FK_fb06b540b14fa05d3af42602d6f" FOREIGN KEY ("episode_id") REFERENCES "custodial_episode"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "episode_event"
            ADD CONSTRAINT "FK_ef386d85d20be40b089db0d53e3" FOREIGN KEY ("episode_id") REFERENCES "custodial_episode"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "establishment_transfer"
            ADD CONSTRAINT "FK_12602a2b308787063333efcb462" FOREIGN KEY ("episode_id") REFERENCES "custodial_episode"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "custodial_episode"
            ADD CONSTRAINT "FK_55ef5bad664d0af7979b1e1654c" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "custodial_episode"
            ADD CONSTRAINT "FK_15e3069543cc5b166273e8adf40" FOREIGN KEY ("current_establishment_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "custodial_episode"
            ADD CONSTRAINT "FK_205cf7561af68a0ee8b95c20180" FOREIGN KEY ("supervising_service_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "custodial_episode"
            ADD CONSTRAINT "FK_251391fc53198e4552d3767f385" FOREIGN KEY ("case_manager_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_manager_assignment"
            ADD CONSTRAINT "FK_34e9246fdb497fd874f02542b9b" FOREIGN KEY ("episode_id") REFERENCES "custodial_episode"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // Hand-written (reviewed): caseload keyset indexes. Caseloads list children in custody by the day they are
    // expected to leave, remanded children (no date) last, then by id, so each page is one index range scan.
    for (const [name, column] of [
      ['ix_caseload_by_service', 'supervising_service_id'],
      ['ix_caseload_by_establishment', 'current_establishment_id'],
      ['ix_caseload_by_case_manager', 'case_manager_id'],
    ]) {
      await queryRunner.query(`
                CREATE INDEX "${name}" ON "custodial_episode"
                ("${column}", (COALESCE("expected_release_date", 'infinity'::date)), "id")
                WHERE "status" IN ('REMANDED', 'SENTENCED', 'RECALLED')
            `);
    }
    await queryRunner.query(`
            CREATE INDEX "ix_caseload_national" ON "custodial_episode"
            ((COALESCE("expected_release_date", 'infinity'::date)), "id")
            WHERE "status" IN ('REMANDED', 'SENTENCED', 'RECALLED')
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of [
      'ix_caseload_national',
      'ix_caseload_by_case_manager',
      'ix_caseload_by_establishment',
      'ix_caseload_by_service',
    ]) {
      await queryRunner.query(`DROP INDEX "${name}"`);
    }
    await queryRunner.query(`
            ALTER TABLE "case_manager_assignment" DROP CONSTRAINT "FK_34e9246fdb497fd874f02542b9b"
        `);
    await queryRunner.query(`
            ALTER TABLE "custodial_episode" DROP CONSTRAINT "FK_251391fc53198e4552d3767f385"
        `);
    await queryRunner.query(`
            ALTER TABLE "custodial_episode" DROP CONSTRAINT "FK_205cf7561af68a0ee8b95c20180"
        `);
    await queryRunner.query(`
            ALTER TABLE "custodial_episode" DROP CONSTRAINT "FK_15e3069543cc5b166273e8adf40"
        `);
    await queryRunner.query(`
            ALTER TABLE "custodial_episode" DROP CONSTRAINT "FK_55ef5bad664d0af7979b1e1654c"
        `);
    await queryRunner.query(`
            ALTER TABLE "establishment_transfer" DROP CONSTRAINT "FK_12602a2b308787063333efcb462"
        `);
    await queryRunner.query(`
            ALTER TABLE "episode_event" DROP CONSTRAINT "FK_ef386d85d20be40b089db0d53e3"
        `);
    await queryRunner.query(`
            ALTER TABLE "sentence" DROP CONSTRAINT "FK_fb06b540b14fa05d3af42602d6f"
        `);
    await queryRunner.query(`
            ALTER TABLE "child" DROP CONSTRAINT "FK_4507638287d0d1e870ff79d0a68"
        `);
    await queryRunner.query(`
            ALTER TABLE "child" DROP CONSTRAINT "FK_d2a938aff0a5a9973b32a394e78"
        `);
    await queryRunner.query(`
            ALTER TABLE "parent_carer" DROP CONSTRAINT "FK_adf2eac5bbe03f99f341bc6bcfd"
        `);
    await queryRunner.query(`
            ALTER TABLE "app_user" DROP CONSTRAINT "FK_6fa42e978fa7d7adc32736e26fd"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation" DROP CONSTRAINT "FK_3a5d78f918b4ef8675ba8747a6e"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_2ca54b71d731caeb5e3e42c201"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_34e9246fdb497fd874f02542b9"
        `);
    await queryRunner.query(`
            DROP TABLE "case_manager_assignment"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_custodial_episode_open_per_child"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_251391fc53198e4552d3767f38"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_15e3069543cc5b166273e8adf4"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_55ef5bad664d0af7979b1e1654"
        `);
    await queryRunner.query(`
            DROP TABLE "custodial_episode"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."episode_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_72e24394e5f197f9d32ec209bd"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_12602a2b308787063333efcb46"
        `);
    await queryRunner.query(`
            DROP TABLE "establishment_transfer"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_d86aee75520af42203daa040b3"
        `);
    await queryRunner.query(`
            DROP TABLE "episode_event"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."episode_event_type"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_fb06b540b14fa05d3af42602d6"
        `);
    await queryRunner.query(`
            DROP TABLE "sentence"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."sentence_type"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_4507638287d0d1e870ff79d0a6"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_d2a938aff0a5a9973b32a394e7"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_163309a375dd361b370f230eff"
        `);
    await queryRunner.query(`
            DROP TABLE "child"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."gender"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_adf2eac5bbe03f99f341bc6bcf"
        `);
    await queryRunner.query(`
            DROP TABLE "parent_carer"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_3fa909d0e37c531ebc23770339"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_6fa42e978fa7d7adc32736e26f"
        `);
    await queryRunner.query(`
            DROP TABLE "app_user"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."role"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_3a5d78f918b4ef8675ba8747a6"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_32f700d239cde4882bd80eb519"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_6a3122daf3cb06cb4f1f87ae64"
        `);
    await queryRunner.query(`
            DROP TABLE "organisation"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."organisation_type"
        `);
  }
}

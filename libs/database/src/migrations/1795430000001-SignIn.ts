import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 3: sign-in. Password hashes (argon2id) and the OpenID Connect subject on users, and rotating refresh
 * tokens, stored only as their SHA-256.
 */
export class SignIn1795430000001 implements MigrationInterface {
  name = 'SignIn1795430000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "app_user"
        ADD "password_hash" text,
        ADD "password_changed_at" TIMESTAMP WITH TIME ZONE,
        ADD "external_subject" text
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_app_user_external_subject" ON "app_user" ("external_subject")`);

    await queryRunner.query(`
      CREATE TABLE "refresh_token" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "token_hash" text NOT NULL,
        "family_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "replaced_by_id" uuid,
        "client_ip" inet,
        CONSTRAINT "pk_refresh_token" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_refresh_token_token_hash" ON "refresh_token" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX "ix_refresh_token_family" ON "refresh_token" ("family_id")`);
    await queryRunner.query(`CREATE INDEX "ix_refresh_token_user" ON "refresh_token" ("user_id")`);
    await queryRunner.query(`
      ALTER TABLE "refresh_token" ADD CONSTRAINT "fk_refresh_token_user"
        FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE
    `);
    await queryRunner.query(`
      ALTER TABLE "refresh_token" ADD CONSTRAINT "fk_refresh_token_replaced_by"
        FOREIGN KEY ("replaced_by_id") REFERENCES "refresh_token"("id") ON DELETE SET NULL
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "refresh_token"`);
    await queryRunner.query(`DROP INDEX "uq_app_user_external_subject"`);
    await queryRunner.query(`
      ALTER TABLE "app_user" DROP COLUMN "external_subject", DROP COLUMN "password_changed_at", DROP COLUMN "password_hash"
    `);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18 (trust): nobody sets another person's password. A new account gets a one-time invitation to choose its
 * own (only the token's SHA-256 is stored, and only once the worker has emailed it), and each organisation lists
 * the email domains its staff use, which every account's email must be in.
 */
export class Invitations1795490000300 implements MigrationInterface {
  name = 'Invitations1795490000300';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organisation" ADD "email_domains" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`
      CREATE TABLE "user_invitation" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "invited_by_user_id" uuid,
        "token_hash" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "emailed_at" TIMESTAMP WITH TIME ZONE,
        "email_attempts" integer NOT NULL DEFAULT 0,
        "email_error" text,
        "accepted_at" TIMESTAMP WITH TIME ZONE,
        "superseded_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_user_invitation" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_user_invitation_token_hash" ON "user_invitation" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX "ix_user_invitation_user" ON "user_invitation" ("user_id", "created_at")`);
    await queryRunner.query(`
      ALTER TABLE "user_invitation" ADD CONSTRAINT "fk_user_invitation_user"
        FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
    `);
    await queryRunner.query(`
      ALTER TABLE "user_invitation" ADD CONSTRAINT "fk_user_invitation_invited_by"
        FOREIGN KEY ("invited_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "user_invitation"`);
    await queryRunner.query(`ALTER TABLE "organisation" DROP COLUMN "email_domains"`);
  }
}

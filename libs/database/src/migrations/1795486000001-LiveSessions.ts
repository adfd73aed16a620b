import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18, sessions: every request asks whether its sign-in (refresh-token family) still holds a live token. An
 * index of live tokens by family answers from at most one row, however many times the sign-in has been refreshed;
 * it also serves revoking a family, the only other read by family, so it replaces the index of every token.
 */
export class LiveSessions1795486000001 implements MigrationInterface {
  name = 'LiveSessions1795486000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_refresh_token_live_family" ON "refresh_token" ("family_id") WHERE "revoked_at" IS NULL`,
    );
    await queryRunner.query(`DROP INDEX "ix_refresh_token_family"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_refresh_token_family" ON "refresh_token" ("family_id")`);
    await queryRunner.query(`DROP INDEX "ix_refresh_token_live_family"`);
  }
}

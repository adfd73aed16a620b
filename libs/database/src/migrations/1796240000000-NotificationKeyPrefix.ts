import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index for prefix searches of a notification's dedupe key, whatever the database's collation (`text_pattern_ops`):
 * the deadlines page reads who was reminded and escalated about a milestone (`milestone:<id>:…`) through
 * `NotificationsService.sentUnderKeyPrefixes`. The unique index on the key serves equality only.
 */
export class NotificationKeyPrefix1796240000000 implements MigrationInterface {
  name = 'NotificationKeyPrefix1796240000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_notification_dedupe_key_prefix" ON "notification" ("dedupe_key" text_pattern_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_notification_dedupe_key_prefix"`);
  }
}

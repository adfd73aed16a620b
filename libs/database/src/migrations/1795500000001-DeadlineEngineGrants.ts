import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApplication, revokeFromApplication } from '../application-grants';

/** The application role's privileges on the deadline engine's fault tables (DeadlineEngineFaults1795500000000). */
export class DeadlineEngineGrants1795500000001 implements MigrationInterface {
  name = 'DeadlineEngineGrants1795500000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // A worker records each rebuild it starts, then its end.
    await grantToApplication(queryRunner, 'queue_rebuild', ['SELECT', 'INSERT', 'UPDATE']);
    // Each worker keeps its own row up to date, and forgets workers not seen for a day.
    await grantToApplication(queryRunner, 'deadline_engine_status', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await revokeFromApplication(queryRunner, 'deadline_engine_status');
    await revokeFromApplication(queryRunner, 'queue_rebuild');
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';
import { applicationRole, grantToApplication, revokeFromApplication, TablePrivilege } from '../application-grants';

/**
 * Issue 18: the api and worker connect as the application role, which owns nothing and may only do what is granted
 * here (and by every later migration that creates a table, with grantToApplication). Before this the service ran as a
 * superuser, which could switch the audit trail's append-only trigger off.
 */
export class DatabaseRoles1795486000000 implements MigrationInterface {
  name = 'DatabaseRoles1795486000000';

  /** What the api and worker do to each table that exists by now. */
  static readonly TABLES: Record<string, TablePrivilege[]> = {
    // Reference data: written by the seed (as the owner), only read by the service.
    organisation: ['SELECT'],
    app_user: ['SELECT', 'INSERT', 'UPDATE'],
    refresh_token: ['SELECT', 'INSERT', 'UPDATE'],
    child: ['SELECT', 'INSERT', 'UPDATE'],
    parent_carer: ['SELECT', 'INSERT'],
    custodial_episode: ['SELECT', 'INSERT', 'UPDATE'],
    sentence: ['SELECT', 'INSERT'],
    establishment_transfer: ['SELECT', 'INSERT'],
    case_manager_assignment: ['SELECT', 'INSERT', 'UPDATE'],
    // Histories are appended to, never changed.
    episode_event: ['SELECT', 'INSERT'],
    audit_event: ['SELECT', 'INSERT'],
    resettlement_plan: ['SELECT', 'INSERT', 'UPDATE'],
    pathway: ['SELECT', 'INSERT', 'UPDATE'],
    pathway_action: ['SELECT', 'INSERT', 'UPDATE'],
    prior_intervention: ['SELECT', 'INSERT'],
    plan_circumstance: ['SELECT', 'INSERT', 'UPDATE'],
    plan_event: ['SELECT', 'INSERT'],
    planning_meeting: ['SELECT', 'INSERT', 'UPDATE'],
    // Invitees are replaced when a meeting's are changed; a calendar feed's secret is revoked by deleting it.
    meeting_invitee: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
    calendar_feed: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
    supervision_check: ['SELECT', 'INSERT', 'UPDATE'],
    release_record: ['SELECT', 'INSERT', 'UPDATE'],
    release_day_plan: ['SELECT', 'INSERT', 'UPDATE'],
    release_appointment: ['SELECT', 'INSERT', 'UPDATE'],
    engagement_barrier: ['SELECT', 'INSERT', 'UPDATE'],
    outbox_message: ['SELECT', 'INSERT', 'UPDATE'],
    milestone: ['SELECT', 'INSERT', 'UPDATE'],
    // Removing an override deletes it.
    milestone_policy_override: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
    milestone_escalation: ['SELECT', 'INSERT'],
    notification: ['SELECT', 'INSERT', 'UPDATE'],
    notification_preference: ['SELECT', 'INSERT', 'UPDATE'],
    referral: ['SELECT', 'INSERT', 'UPDATE'],
    referral_message: ['SELECT', 'INSERT'],
    referral_event: ['SELECT', 'INSERT'],
  };

  public async up(queryRunner: QueryRunner): Promise<void> {
    const role = await applicationRole(queryRunner);
    // Nobody but the owner creates anything here: no schemas or temporary tables in the database (PUBLIC had both,
    // and CONNECT, by default), no objects in the public schema (PUBLIC could before PostgreSQL 15).
    await queryRunner.query(`
      DO $$ BEGIN
        EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %s', current_database(), ${literal(role)});
      END $$`);
    await queryRunner.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    for (const [table, privileges] of Object.entries(DatabaseRoles1795486000000.TABLES)) {
      await grantToApplication(queryRunner, table, privileges);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const role = await applicationRole(queryRunner);
    for (const table of Object.keys(DatabaseRoles1795486000000.TABLES)) await revokeFromApplication(queryRunner, table);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM ${role}`);
    await queryRunner.query(`
      DO $$ BEGIN
        EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM %s', current_database(), ${literal(role)});
        EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO PUBLIC', current_database());
      END $$`);
  }
}

/** A quoted identifier as an SQL string literal (for format() inside a DO block). */
function literal(quoted: string): string {
  return `'${quoted.replace(/'/g, "''")}'`;
}

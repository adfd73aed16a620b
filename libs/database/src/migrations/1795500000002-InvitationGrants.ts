import { MigrationInterface, QueryRunner } from 'typeorm';
import { applicationRole, grantToApplication, revokeFromApplication } from '../application-grants';

/**
 * The application role's privileges for invitations and organisations' email domains (Invitations1795490000300, made
 * on a branch before the database roles existed). Organisations stay the seed's to write: the api may change only
 * their staff email domains (a national admin's action), so its UPDATE is on those columns alone.
 */
export class InvitationGrants1795500000002 implements MigrationInterface {
  name = 'InvitationGrants1795500000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Made when an account is created or an invitation resent; marked emailed, superseded or accepted.
    await grantToApplication(queryRunner, 'user_invitation', ['SELECT', 'INSERT', 'UPDATE']);
    await queryRunner.query(
      `GRANT UPDATE (email_domains, updated_at) ON TABLE organisation TO ${await applicationRole(queryRunner)}`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `REVOKE UPDATE (email_domains, updated_at) ON TABLE organisation FROM ${await applicationRole(queryRunner)}`,
    );
    await revokeFromApplication(queryRunner, 'user_invitation');
  }
}

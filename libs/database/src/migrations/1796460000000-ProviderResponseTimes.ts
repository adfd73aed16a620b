import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Providers' response times (issue 23): education and health referrals go to providers (schools, colleges, training
 * providers; CAMHS, substance misuse, speech and language therapy, GPs), whose answers are recorded step by step as
 * councils' are, for the measures. Each row says which kind of referral it was; providers have no targets, so their
 * rows have no due date (a council's always has one).
 *
 * Existing rows are all councils' (only accommodation referrals were recorded): their kind comes from their referral.
 * Providers' steps answered before this are not made up from the referrals' history, as councils' were not when
 * their times began (`ReferralResponseTimes1796360000000`): providers' times start with their next answer.
 */
export class ProviderResponseTimes1796460000000 implements MigrationInterface {
  name = 'ProviderResponseTimes1796460000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "referral_response_time" ADD "referral_type" "public"."referral_type"`);
    await queryRunner.query(
      `UPDATE "referral_response_time" t SET "referral_type" = r.type FROM "referral" r WHERE r.id = t.referral_id`,
    );
    await queryRunner.query(`ALTER TABLE "referral_response_time" ALTER COLUMN "referral_type" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "referral_response_time" ALTER COLUMN "due_date" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "referral_response_time" ADD CONSTRAINT "ck_referral_response_time_due_date"
         CHECK (("referral_type" = 'ACCOMMODATION') = ("due_date" IS NOT NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "referral_response_time" WHERE "referral_type" <> 'ACCOMMODATION'`);
    await queryRunner.query(
      `ALTER TABLE "referral_response_time" DROP CONSTRAINT "ck_referral_response_time_due_date"`,
    );
    await queryRunner.query(`ALTER TABLE "referral_response_time" ALTER COLUMN "due_date" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "referral_response_time" DROP COLUMN "referral_type"`);
  }
}

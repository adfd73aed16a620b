import type { DataSource } from 'typeorm';
import { jsonRowShape } from '@resettle/database';
import { ORGANISATION_LOADER, organisationRowSql } from '@resettle/organisations';
import type { PlanPrefetchPart } from '@resettle/planning';
import { Referral } from './entities/referral.entity';

/** The request loader of each plan's referrals, by plan id (`ResettlementPlan.referrals`). */
export const REFERRALS_OF_PLAN_LOADER = 'referrals:ofPlan';

/**
 * `ResettlementPlan.referrals` read with the plan's page (see `PlanPrefetch`): every referral of the plan, oldest
 * first as `ReferralsService.referralsOfPlans` gives them (the resolver keeps the ones the caller may see), with the
 * organisations they are addressed to when the page asks for them.
 */
export function referralsPlanPart(dataSource: DataSource): PlanPrefetchPart {
  const referral = jsonRowShape<Referral>(dataSource.getMetadata(Referral));
  const organisation = organisationRowSql(dataSource);
  return {
    fields: ['referrals'],
    sql: (plan, page) =>
      `COALESCE((SELECT json_agg(json_build_object('row', ${referral.select('r')}${
        page.selects('referrals.toOrganisation') ? `, 'to', ${organisation.sql('r.to_organisation_id')}` : ''
      }) ORDER BY r.created_at) FROM referral r WHERE r.plan_id = ${plan}.id), '[]'::json)`,
    prime: (loaders, plan, value) => {
      const rows = value as { row: Record<string, unknown>; to?: Record<string, unknown> | null }[];
      const referrals = rows.map(({ row, to }) => {
        const found = referral.decode(row);
        if (to !== undefined && found.toOrganisationId)
          loaders.prime(ORGANISATION_LOADER, found.toOrganisationId, to ? organisation.decode(to) : null);
        return found;
      });
      loaders.prime(REFERRALS_OF_PLAN_LOADER, plan.id, referrals);
    },
  };
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConfirmedAddress, PlanFactSources } from '@resettle/planning';

/**
 * A CONFIRMED accommodation referral is a confirmed address for the plan (what the deadlines "accommodation
 * confirmed" and "child told where they will live" are met by): the offer's address, placement type and start date,
 * confirmed by the local authority it was sent to. One that fell through, was withdrawn or declined is not.
 */
@Injectable()
export class ReferralFacts implements OnModuleInit {
  constructor(private readonly sources: PlanFactSources) {}

  onModuleInit(): void {
    this.sources.provideConfirmedAddresses((em, planId) => this.confirmedAddresses(em, planId));
  }

  async confirmedAddresses(em: EntityManager, planId: string): Promise<ConfirmedAddress[]> {
    const rows: {
      id: string;
      address: string;
      start_date: string;
      confirmed_at: Date;
      placement_type: string | null;
      confirmed_by: string;
    }[] = await em.query(
      `SELECT r.id, r.offer_address_or_place AS address, to_char(r.offer_start_date, 'YYYY-MM-DD') AS start_date, r.confirmed_at,
              r.offer_placement_type AS placement_type, o.name AS confirmed_by
         FROM referral r JOIN organisation o ON o.id = r.to_organisation_id
        WHERE r.plan_id = $1 AND r.type = 'ACCOMMODATION' AND r.status = 'CONFIRMED'
          AND r.offer_address_or_place IS NOT NULL AND r.offer_start_date IS NOT NULL AND r.confirmed_at IS NOT NULL`,
      [planId],
    );
    return rows.map((r) => ({
      type: 'Referral',
      id: r.id,
      address: r.address,
      startDate: r.start_date,
      confirmedAt: new Date(r.confirmed_at),
      confirmedBy: r.confirmed_by,
      kind: r.placement_type,
      livingWith: null,
    }));
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A confirmed address for the child: a confirmed accommodation referral or an accommodation arrangement. */
export interface ConfirmedAddress {
  type: 'Referral' | 'AccommodationArrangement';
  id: string;
  address: string;
  /** YYYY-MM-DD */
  startDate: string;
  /** When it was confirmed (the referral's confirmation, the arrangement's recording). */
  confirmedAt: Date;
  /** Who confirmed it: the local authority for a referral, the person named for an arrangement. */
  confirmedBy: string;
  /** The type of placement (a referral's offer) or the arrangement's kind. */
  kind: string | null;
  livingWith: string | null;
}

/** Confirmed addresses another feature keeps for a plan (referrals: its confirmed accommodation referrals). */
export type ConfirmedAddressSource = (em: EntityManager, planId: string) => Promise<ConfirmedAddress[]>;

/**
 * The facts of a plan that other features record: planning reads them for the milestones and for telling the child
 * (which address is current), without depending on those features (they register here, as with `PlanLifecycle`).
 */
@Injectable()
export class PlanFactSources {
  private readonly addressSources: ConfirmedAddressSource[] = [];

  provideConfirmedAddresses(source: ConfirmedAddressSource): void {
    this.addressSources.push(source);
  }

  async confirmedAddresses(em: EntityManager, planId: string): Promise<ConfirmedAddress[]> {
    const all: ConfirmedAddress[] = [];
    for (const source of this.addressSources) all.push(...(await source(em, planId)));
    return all;
  }
}

/**
 * The address the child must be told: the latest confirmed whose start date was not already past when it was
 * confirmed (an address to go to, not one that was). `dayOf` gives the London day of a moment. Milestones apply the
 * same rule to the same facts (`factMeeting`).
 */
export function currentAddress<T extends Pick<ConfirmedAddress, 'startDate' | 'confirmedAt'>>(
  addresses: readonly T[],
  dayOf: (d: Date) => string,
): T | null {
  const valid = addresses.filter((a) => a.startDate >= dayOf(a.confirmedAt));
  return [...valid].sort((a, b) => b.confirmedAt.getTime() - a.confirmedAt.getTime())[0] ?? null;
}

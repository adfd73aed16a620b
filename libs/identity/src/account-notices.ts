import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A notice to one person about an account in their organisation (see rules/account-notices.ts). */
export interface AccountNotice {
  recipientUserId: string;
  title: string;
  body: string;
  link: string;
  dedupeKey: string;
}

export type AccountNoticeDelivery = (em: EntityManager, notices: readonly AccountNotice[]) => Promise<void>;

/**
 * How identity tells an organisation's managers about a change to one of its accounts made from outside it,
 * without depending on notifications (which depends on identity): notifications registers the delivery, and
 * identity hands the notices over inside the change's own transaction, so a change never commits untold.
 */
@Injectable()
export class AccountNotices {
  private delivery: AccountNoticeDelivery | null = null;

  deliverWith(delivery: AccountNoticeDelivery): void {
    this.delivery = delivery;
  }

  async send(em: EntityManager, notices: readonly AccountNotice[]): Promise<void> {
    if (notices.length === 0) return;
    // Refuse rather than change an account unseen: the api always registers notifications' delivery.
    if (!this.delivery) throw new Error('No delivery is registered for account notices');
    await this.delivery(em, notices);
  }
}

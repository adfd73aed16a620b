import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@resettle/common';
import { InvitationEmailSkip, invitationPath, InvitationsService } from '@resettle/identity';
import { EmailSender } from '../email/email-sender';
import { invitationEmail } from '../email/invitation-email';

export type InvitationEmailOutcome = 'SENT' | InvitationEmailSkip;

/**
 * Emails invitations (the worker only), through the same EmailSender as notifications but not as notifications:
 * the link's token is made here, inside the transaction the send happens in, so it exists only in the email. The
 * row is locked meanwhile, so a redelivered job, or two workers, send once; a failed send rolls the token back and
 * is retried by BullMQ, with the error kept on the row. Nothing logged carries the token.
 */
@Injectable()
export class InvitationMailer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invitations: InvitationsService,
    private readonly sender: EmailSender,
    private readonly config: ConfigService<AppConfig, true>,
    private readonly clock: Clock,
  ) {}

  async sendOne(invitationId: string): Promise<InvitationEmailOutcome> {
    try {
      return await this.dataSource.transaction(async (em) => {
        const claimed = await this.invitations.claimForEmail(em, invitationId);
        if (typeof claimed === 'string') return claimed;
        const content = invitationEmail(
          {
            givenName: claimed.givenName,
            organisationName: claimed.organisationName,
            path: invitationPath(claimed.token),
            expiresAt: claimed.expiresAt,
          },
          this.config.get('EMAIL_LINK_BASE_URL', { infer: true }),
          this.config.get('NOTIFICATION_DIGEST_TIMEZONE', { infer: true }),
        );
        // Notify's notification template is `((subject))` / `((body))`: an invitation needs no template of its own.
        await this.sender.send({
          to: claimed.to,
          ...content,
          templateKey: 'notification',
          reference: `invitation:${claimed.invitationId}`,
        });
        return 'SENT';
      });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      await this.invitations
        .recordEmailFailure(invitationId, `${this.clock.now().toISOString()} via ${this.sender.transport}: ${text}`)
        .catch(() => undefined);
      throw error;
    }
  }
}

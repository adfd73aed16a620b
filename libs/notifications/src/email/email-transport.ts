import { NotifyClient } from 'notifications-node-client';
import type { AppConfig } from '@resettle/common';
import { EmailSender } from './email-sender';
import { LoggingEmailSender } from './logging-email-sender';
import { NotifyEmailClient, NotifyEmailSender } from './notify-email-sender';
import { SmtpEmailSender } from './smtp-email-sender';

export type EmailConfig = Pick<
  AppConfig,
  | 'EMAIL_TRANSPORT'
  | 'SMTP_URL'
  | 'EMAIL_FROM'
  | 'NOTIFY_API_KEY'
  | 'NOTIFY_TEMPLATE_ID_NOTIFICATION'
  | 'NOTIFY_TEMPLATE_ID_DIGEST'
>;

/** The sender EMAIL_TRANSPORT names. The config was validated at start-up, so what each needs is there. */
export function createEmailSender(
  config: EmailConfig,
  notifyClientOf: (apiKey: string) => NotifyEmailClient = (apiKey) =>
    new NotifyClient(apiKey) as unknown as NotifyEmailClient,
): EmailSender {
  switch (config.EMAIL_TRANSPORT) {
    case 'smtp':
      return new SmtpEmailSender(required(config.SMTP_URL, 'SMTP_URL'), config.EMAIL_FROM);
    case 'notify':
      return new NotifyEmailSender(notifyClientOf(required(config.NOTIFY_API_KEY, 'NOTIFY_API_KEY')), {
        notification: required(config.NOTIFY_TEMPLATE_ID_NOTIFICATION, 'NOTIFY_TEMPLATE_ID_NOTIFICATION'),
        digest: required(config.NOTIFY_TEMPLATE_ID_DIGEST, 'NOTIFY_TEMPLATE_ID_DIGEST'),
      });
    case 'none':
      return new LoggingEmailSender();
    default:
      throw new Error(`Unknown EMAIL_TRANSPORT ${JSON.stringify(config.EMAIL_TRANSPORT)}`);
  }
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required with EMAIL_TRANSPORT`);
  return value;
}

/** Which kind of email: each has its own GOV.UK Notify template. */
export type EmailTemplateKey = 'notification' | 'digest';

export interface EmailMessage {
  to: string;
  subject: string;
  /** Plain text. */
  body: string;
  /** Which Notify template (default `notification`); SMTP ignores it. */
  templateKey?: EmailTemplateKey;
  /** Notify's template fields; default `{ subject, body }`. SMTP ignores it. */
  personalisation?: Record<string, string | number>;
  /**
   * Our id for the email (a notification id, or `digest:<user>:<date>`): Notify's `reference`, SMTP's
   * `X-Resettle-Reference`.
   */
  reference?: string;
}

/**
 * The one way the service sends email. Adapters: SMTP (nodemailer), GOV.UK Notify (its official client) and a
 * logging one that sends nothing (`EMAIL_TRANSPORT=none`). Only the worker has one: the api never sends.
 * A failure throws, so the job fails and BullMQ retries it with backoff.
 */
export abstract class EmailSender {
  /** `smtp`, `notify` or `none`, for logs. */
  abstract readonly transport: string;
  abstract send(message: EmailMessage): Promise<{ id?: string }>;
  /** Frees connections at shutdown. */
  async close(): Promise<void> {}
}

import { EmailMessage, EmailSender, EmailTemplateKey } from './email-sender';

/** What we use of `notifications-node-client`'s NotifyClient (so tests inject a fake, with no network). */
export interface NotifyEmailClient {
  sendEmail(
    templateId: string,
    emailAddress: string,
    options?: { personalisation?: Record<string, unknown>; reference?: string },
  ): Promise<{ data: { id: string } }>;
}

/**
 * Email through GOV.UK Notify with its official client. Notify renders the email from a template kept in its
 * service; we send the template id (from config), the address, the personalisation (`subject`, `body`, and
 * `count` for the digest) and our reference (the notification id), so Notify's records trace back to ours.
 */
export class NotifyEmailSender extends EmailSender {
  readonly transport = 'notify';

  constructor(
    private readonly client: NotifyEmailClient,
    private readonly templates: Record<EmailTemplateKey, string>,
  ) {
    super();
  }

  async send(message: EmailMessage): Promise<{ id?: string }> {
    const templateId = this.templates[message.templateKey ?? 'notification'];
    try {
      const response = await this.client.sendEmail(templateId, message.to, {
        personalisation: message.personalisation ?? { subject: message.subject, body: message.body },
        reference: message.reference,
      });
      return { id: response.data.id };
    } catch (error) {
      // No `cause`: the client's error carries the request (the API key and the personalisation) into any log.
      // eslint-disable-next-line preserve-caught-error
      throw new Error(`GOV.UK Notify refused the email: ${notifyErrorText(error)}`);
    }
  }
}

/** Notify's own error list (`[{ error, message }]`) and status, never the request (which carries the API key's JWT). */
function notifyErrorText(error: unknown): string {
  const e = error as {
    response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } };
    message?: string;
  };
  const status = e?.response?.status;
  const errors = e?.response?.data?.errors;
  if (status)
    return `HTTP ${status}${errors?.length ? `: ${errors.map((x) => `${x.error ?? ''} ${x.message ?? ''}`.trim()).join('; ')}` : ''}`;
  return e?.message ?? String(error);
}

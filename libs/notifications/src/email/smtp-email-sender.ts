import { createTransport, Transporter } from 'nodemailer';
import { EmailMessage, EmailSender } from './email-sender';

/** Email through an SMTP server (`smtp://host:port`, STARTTLS when offered; `smtps://` for TLS), with nodemailer. */
export class SmtpEmailSender extends EmailSender {
  readonly transport = 'smtp';
  private readonly transporter: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    super();
    this.transporter = createTransport({
      url: smtpUrl,
      // Fail the job soon rather than hang a worker slot (and a database connection); BullMQ retries it.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as Parameters<typeof createTransport>[0]);
  }

  async send(message: EmailMessage): Promise<{ id?: string }> {
    const info = await this.transporter.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.body,
      headers: message.reference ? { 'X-Resettle-Reference': message.reference } : undefined,
    });
    return { id: info.messageId };
  }

  override async close(): Promise<void> {
    this.transporter.close();
  }
}

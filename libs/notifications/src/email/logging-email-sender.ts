import { Logger } from '@nestjs/common';
import { EmailMessage, EmailSender } from './email-sender';

/** `EMAIL_TRANSPORT=none`: nothing leaves the machine; the log says an email would have gone (never its body). */
export class LoggingEmailSender extends EmailSender {
  readonly transport = 'none';
  private readonly log = new Logger('Email');

  async send(message: EmailMessage): Promise<{ id?: string }> {
    this.log.log(
      `EMAIL_TRANSPORT=none: not sending "${message.templateKey ?? 'notification'}" email ${message.reference ?? ''}`.trim(),
    );
    return {};
  }
}

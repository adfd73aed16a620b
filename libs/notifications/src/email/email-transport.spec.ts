import { ConfigValidationError, validateConfig } from '@resettle/common';
import { createEmailSender } from './email-transport';
import { LoggingEmailSender } from './logging-email-sender';
import { NotifyEmailClient, NotifyEmailSender } from './notify-email-sender';
import { SmtpEmailSender } from './smtp-email-sender';

const TEMPLATE_NOTIFICATION = '11111111-1111-4111-8111-111111111111';
const TEMPLATE_DIGEST = '22222222-2222-4222-8222-222222222222';
const NOTIFY_KEY = 'resettle_test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';

describe('email configuration', () => {
  const refused = (env: Record<string, string>): string => {
    try {
      validateConfig(env);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigValidationError);
      return (e as Error).message;
    }
    throw new Error('expected the configuration to be refused');
  };

  it('defaults to no email at all', () => {
    const config = validateConfig({});
    expect(config.EMAIL_TRANSPORT).toBe('none');
    expect(config.NOTIFICATION_DIGEST_CRON).toBe('0 7 * * *');
    expect(config.NOTIFICATION_DIGEST_TIMEZONE).toBe('Europe/London');
  });

  it('accepts smtp with an SMTP_URL', () => {
    const config = validateConfig({ EMAIL_TRANSPORT: 'smtp', SMTP_URL: 'smtp://127.0.0.1:1025' });
    expect(config.SMTP_URL).toBe('smtp://127.0.0.1:1025');
    expect(
      validateConfig({ EMAIL_TRANSPORT: 'smtp', SMTP_URL: 'smtps://user:pass@mail.example.gov.uk:465' })
        .EMAIL_TRANSPORT,
    ).toBe('smtp');
  });

  it.each([
    [{ EMAIL_TRANSPORT: 'smtp' }, 'SMTP_URL'],
    [{ EMAIL_TRANSPORT: 'smtp', SMTP_URL: 'http://mail.example.com' }, 'SMTP_URL'],
    [{ EMAIL_TRANSPORT: 'carrier-pigeon' }, 'EMAIL_TRANSPORT'],
    [
      {
        EMAIL_TRANSPORT: 'notify',
        NOTIFY_TEMPLATE_ID_NOTIFICATION: TEMPLATE_NOTIFICATION,
        NOTIFY_TEMPLATE_ID_DIGEST: TEMPLATE_DIGEST,
      },
      'NOTIFY_API_KEY',
    ],
    [
      { EMAIL_TRANSPORT: 'notify', NOTIFY_API_KEY: NOTIFY_KEY, NOTIFY_TEMPLATE_ID_DIGEST: TEMPLATE_DIGEST },
      'NOTIFY_TEMPLATE_ID_NOTIFICATION',
    ],
    [
      { EMAIL_TRANSPORT: 'notify', NOTIFY_API_KEY: NOTIFY_KEY, NOTIFY_TEMPLATE_ID_NOTIFICATION: TEMPLATE_NOTIFICATION },
      'NOTIFY_TEMPLATE_ID_DIGEST',
    ],
    [
      {
        EMAIL_TRANSPORT: 'notify',
        NOTIFY_API_KEY: NOTIFY_KEY,
        NOTIFY_TEMPLATE_ID_NOTIFICATION: 'welcome',
        NOTIFY_TEMPLATE_ID_DIGEST: TEMPLATE_DIGEST,
      },
      'NOTIFY_TEMPLATE_ID_NOTIFICATION',
    ],
    [{ NOTIFICATION_DIGEST_CRON: 'at seven' }, 'NOTIFICATION_DIGEST_CRON'],
  ])('refuses %j, naming %s', (env, variable) => {
    expect(refused(env as Record<string, string>)).toContain(`${variable}=`);
  });

  it('never prints the SMTP URL (it may carry a password)', () => {
    expect(refused({ EMAIL_TRANSPORT: 'smtp', SMTP_URL: 'ftp://user:secret@mail' })).not.toContain('secret');
  });
});

describe('createEmailSender', () => {
  const base = {
    EMAIL_FROM: 'Resettle <no-reply@example.com>',
    SMTP_URL: undefined,
    NOTIFY_API_KEY: undefined,
    NOTIFY_TEMPLATE_ID_NOTIFICATION: undefined,
    NOTIFY_TEMPLATE_ID_DIGEST: undefined,
  };

  it('picks the adapter EMAIL_TRANSPORT names', async () => {
    expect(createEmailSender({ ...base, EMAIL_TRANSPORT: 'none' })).toBeInstanceOf(LoggingEmailSender);
    const smtp = createEmailSender({ ...base, EMAIL_TRANSPORT: 'smtp', SMTP_URL: 'smtp://127.0.0.1:1025' });
    expect(smtp).toBeInstanceOf(SmtpEmailSender);
    await smtp.close();
    const keys: string[] = [];
    const notify = createEmailSender(
      {
        ...base,
        EMAIL_TRANSPORT: 'notify',
        NOTIFY_API_KEY: NOTIFY_KEY,
        NOTIFY_TEMPLATE_ID_NOTIFICATION: TEMPLATE_NOTIFICATION,
        NOTIFY_TEMPLATE_ID_DIGEST: TEMPLATE_DIGEST,
      },
      (key) => {
        keys.push(key);
        return { sendEmail: jest.fn() };
      },
    );
    expect(notify).toBeInstanceOf(NotifyEmailSender);
    expect(keys).toEqual([NOTIFY_KEY]);
  });

  it('builds the real NotifyClient from the key by default (no request is made)', () => {
    const notify = createEmailSender({
      ...base,
      EMAIL_TRANSPORT: 'notify',
      NOTIFY_API_KEY: NOTIFY_KEY,
      NOTIFY_TEMPLATE_ID_NOTIFICATION: TEMPLATE_NOTIFICATION,
      NOTIFY_TEMPLATE_ID_DIGEST: TEMPLATE_DIGEST,
    });
    expect(notify.transport).toBe('notify');
  });

  it('refuses a transport without what it needs', () => {
    expect(() => createEmailSender({ ...base, EMAIL_TRANSPORT: 'smtp' })).toThrow('SMTP_URL');
    expect(() => createEmailSender({ ...base, EMAIL_TRANSPORT: 'notify' })).toThrow('NOTIFY_API_KEY');
  });
});

describe('NotifyEmailSender', () => {
  const fakeClient = () => {
    const calls: { templateId: string; emailAddress: string; options: unknown }[] = [];
    const client: NotifyEmailClient = {
      sendEmail: async (templateId, emailAddress, options) => {
        calls.push({ templateId, emailAddress, options });
        return { data: { id: 'notify-id-1' } };
      },
    };
    return { client, calls };
  };

  it('sends a notification with its template, the address, subject and body, and the notification id as reference', async () => {
    const { client, calls } = fakeClient();
    const sender = new NotifyEmailSender(client, { notification: TEMPLATE_NOTIFICATION, digest: TEMPLATE_DIGEST });
    const result = await sender.send({
      to: 'cm@example.com',
      subject: 'Resettle: Plan due',
      body: 'Due Friday',
      reference: 'b1f9c6c2-0000-4000-8000-000000000001',
    });
    expect(result).toEqual({ id: 'notify-id-1' });
    expect(calls).toEqual([
      {
        templateId: TEMPLATE_NOTIFICATION,
        emailAddress: 'cm@example.com',
        options: {
          personalisation: { subject: 'Resettle: Plan due', body: 'Due Friday' },
          reference: 'b1f9c6c2-0000-4000-8000-000000000001',
        },
      },
    ]);
  });

  it('sends the digest with the digest template and its own personalisation', async () => {
    const { client, calls } = fakeClient();
    const sender = new NotifyEmailSender(client, { notification: TEMPLATE_NOTIFICATION, digest: TEMPLATE_DIGEST });
    await sender.send({
      to: 'cm@example.com',
      subject: 's',
      body: 'b',
      templateKey: 'digest',
      personalisation: { subject: 's', body: 'b', count: 2 },
      reference: 'digest:x',
    });
    expect(calls[0]).toEqual({
      templateId: TEMPLATE_DIGEST,
      emailAddress: 'cm@example.com',
      options: { personalisation: { subject: 's', body: 'b', count: 2 }, reference: 'digest:x' },
    });
  });

  it('turns Notify’s refusal into an error naming its status and messages, never the request', async () => {
    const client: NotifyEmailClient = {
      sendEmail: async () => {
        throw Object.assign(new Error('Request failed with status code 400'), {
          config: { headers: { Authorization: 'Bearer secret-jwt' } },
          response: {
            status: 400,
            data: { errors: [{ error: 'BadRequestError', message: 'Missing personalisation: body' }] },
          },
        });
      },
    };
    const sender = new NotifyEmailSender(client, { notification: TEMPLATE_NOTIFICATION, digest: TEMPLATE_DIGEST });
    const error = await sender.send({ to: 'a@example.com', subject: 's', body: 'b' }).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      'GOV.UK Notify refused the email: HTTP 400: BadRequestError Missing personalisation: body',
    );
    expect((error as Error).message).not.toContain('secret-jwt');
  });
});

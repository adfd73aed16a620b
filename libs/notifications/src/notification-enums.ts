import { registerEnumType } from '@nestjs/graphql';

/** How a person wants their notifications emailed (in-app notifications are always kept). */
export enum EmailMode {
  /** One email per notification, as soon as the worker can send it (the default). */
  IMMEDIATE = 'IMMEDIATE',
  /** One email a day listing the notifications not yet read or emailed. */
  DAILY_DIGEST = 'DAILY_DIGEST',
  /** No email: in-app only. */
  NONE = 'NONE',
}
registerEnumType(EmailMode, { name: 'EmailMode', description: 'How your notifications are emailed to you.' });

import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiClient } from '../api/api-client';
import { mayConfigureResponseTargets } from '../response-targets/response-targets.controller';
import { flash } from '../session/portal-session';
import { EMAIL_KINDS, emailOffKindsAfter } from './email-choices';

const PREFERENCES = `query { notificationPreferences { emailMode emailOffKinds } }`;
const SET = `mutation($input: SetNotificationPreferencesInput!) { setNotificationPreferences(input: $input) { emailOffKinds } }`;

interface Preferences {
  emailMode: string;
  emailOffKinds: string[];
}

/** What the account page shows of email choices, and whether to link to the council's response targets. */
export async function accountChoices(
  api: ApiClient,
  request: FastifyRequest,
  user: { roles: string[]; organisationId: string },
) {
  const { notificationPreferences: prefs } = await api.asUser<{ notificationPreferences: Preferences }>(
    request,
    PREFERENCES,
  );
  const off = new Set(prefs.emailOffKinds);
  const mayConfigureTargets = await mayConfigureResponseTargets(api, request, user);
  return {
    emailKindItems: EMAIL_KINDS.map((k) => ({ value: k.kind, text: k.text, checked: off.has(k.kind) })),
    emailNone: prefs.emailMode === 'NONE',
    mayConfigureTargets,
  };
}

/** Which kinds of notice to get no email of; the notices still show in the portal. */
@Controller('account/email-choices')
export class EmailChoicesController {
  constructor(private readonly api: ApiClient) {}

  @Post()
  async save(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    // How often (at once, daily, never) is kept as it is: read now, so the form changes only what it shows.
    const { notificationPreferences: prefs } = await this.api.asUser<{ notificationPreferences: Preferences }>(
      request,
      PREFERENCES,
    );
    await this.api.asUser(request, SET, {
      input: {
        emailMode: prefs.emailMode,
        emailOffKinds: emailOffKindsAfter(prefs.emailOffKinds, body?.emailOffKinds),
      },
    });
    flash(request, 'Your email choices are saved. You still see every notice in the portal.');
    return reply.redirect('/account#email-choices', 303);
  }
}

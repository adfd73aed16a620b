import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type Redis from 'ioredis';
import { LoggerModule } from 'nestjs-pino';
import { boundedLogDestination, Clock, clockFor } from '@resettle/common';
import { ApiClient } from './api/api-client';
import { CaseloadController } from './caseload/caseload.controller';
import { ChildrenController } from './children/children.controller';
import { RegisterChildController } from './children/register-child.controller';
import type { PortalConfig } from './config/portal-config';
import { PORTAL_CONFIG } from './config/portal-config.provider';
import { AtRiskController } from './deadlines/at-risk.controller';
import { EngineStatusController } from './engine-status/engine-status.controller';
import { ArrivalsController } from './establishment/arrivals.controller';
import { CustodyController } from './establishment/custody.controller';
import { HearingsController } from './establishment/hearings.controller';
import { MovementsController } from './establishment/movements.controller';
import { FactsController } from './facts/facts.controller';
import { HealthController } from './health/health.controller';
import { InformationController } from './information/information.controller';
import { InvitationController, redactInvitationUrl } from './invitations/invitation.controller';
import { MeasuresController } from './measures/measures.controller';
import { CalendarFeedController } from './meetings/calendar-feed.controller';
import { MeetingsController } from './meetings/meetings.controller';
import { MilestonesController } from './milestones/milestones.controller';
import { EmailChoicesController } from './notifications/email-choices.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { ReadOnOpenInterceptor } from './notifications/read-on-open';
import { AgreementController } from './plans/agreement.controller';
import { CircumstancesController } from './plans/circumstances.controller';
import { InterventionsController } from './plans/interventions.controller';
import { PathwaysController } from './plans/pathways.controller';
import { PlansController } from './plans/plans.controller';
import { MakeReferralController } from './referrals/make-referral.controller';
import { ReferralDetailsController } from './referrals/referral-details.controller';
import { ReferralsController } from './referrals/referrals.controller';
import { AfterReleaseController } from './release/after-release.controller';
import { ReleaseDayController } from './release/release-day.controller';
import { ResponseTargetsController } from './response-targets/response-targets.controller';
import { DraftStore } from './session/draft-store';
import { PORTAL_REDIS } from './session/portal-redis.provider';
import { SessionController } from './session/session.controller';
import { TokenStore } from './session/token-store';
import { SignInController } from './sign-in/sign-in.controller';
import { OrganisationDomainsController, UsersController } from './users/users.controller';

/** The portal: pages only. It has no database; everything it shows comes from the api as the signed-in person. */
@Module({})
export class PortalModule {
  static forRoot(config: PortalConfig, redis: Redis): DynamicModule {
    return {
      module: PortalModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level: config.LOG_LEVEL,
              // Session cookies and form bodies (passwords) never reach the log.
              redact: {
                paths: [
                  'req.headers.cookie',
                  'req.headers.authorization',
                  'req.headers.referer',
                  'res.headers["set-cookie"]',
                ],
                censor: '[redacted]',
              },
              // An invitation link's path is its secret.
              serializers: {
                req: (req: { url?: string }) => Object.assign(req, { url: redactInvitationUrl(req.url) }),
              },
            },
            // Bounded: a slow log reader costs dropped (and counted) lines, never unbounded memory.
            boundedLogDestination(),
          ],
          exclude: [
            { method: RequestMethod.GET, path: 'health' },
            { method: RequestMethod.GET, path: 'health/ready' },
            { method: RequestMethod.GET, path: 'assets/*path' },
          ],
        }),
      ],
      controllers: [
        SignInController,
        InvitationController,
        UsersController,
        OrganisationDomainsController,
        MakeReferralController,
        ReferralDetailsController,
        ReferralsController,
        CaseloadController,
        AtRiskController,
        PlansController,
        PathwaysController,
        AgreementController,
        MilestonesController,
        ReleaseDayController,
        AfterReleaseController,
        FactsController,
        CustodyController,
        MovementsController,
        HearingsController,
        ArrivalsController,
        MeetingsController,
        CalendarFeedController,
        RegisterChildController,
        ChildrenController,
        NotificationsController,
        EngineStatusController,
        MeasuresController,
        SessionController,
        InformationController,
        HealthController,
        CircumstancesController,
        InterventionsController,
        ResponseTargetsController,
        EmailChoicesController,
      ],
      providers: [
        { provide: PORTAL_CONFIG, useValue: config },
        // The one clock, as the api and worker have it: "today" on every page comes from here.
        { provide: Clock, useValue: clockFor(config) },
        { provide: PORTAL_REDIS, useValue: redis },
        TokenStore,
        DraftStore,
        ApiClient,
        { provide: APP_INTERCEPTOR, useClass: ReadOnOpenInterceptor },
      ],
    };
  }
}

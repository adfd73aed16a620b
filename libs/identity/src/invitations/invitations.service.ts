import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AppConfig, Clock, isUuid } from '@resettle/common';
import { writeOutbox } from '@resettle/queue';
import { hashInvitationToken, InvitationStatus, invitationStatus, newInvitationToken } from './invitation-rules';
import { UserInvitation } from './user-invitation.entity';

/**
 * The outbox topic of an invitation's email. The worker's `notifications` queue sends it (job `invitation`)
 * through the same EmailSender as every notification, but not as a notification: its link is a secret, so it is
 * made at sending time and never stored or queued in clear.
 */
const INVITATION_EMAIL_TOPIC = 'notifications.invitation';

/** The path of the portal's page for a token; the email makes it a full address with EMAIL_LINK_BASE_URL. */
export function invitationPath(token: string): string {
  return `/invitation/${token}`;
}

/** What the worker needs to email an invitation it has just made the token for. */
export interface InvitationToEmail {
  invitationId: string;
  to: string;
  givenName: string;
  organisationName: string;
  /** The only copy of the token: it goes in the email and nowhere else. */
  token: string;
  expiresAt: Date;
}

export type InvitationEmailSkip = 'MISSING' | 'ALREADY_EMAILED' | 'NOT_PENDING' | 'ACCOUNT_DISABLED';

/** The latest invitation of a user, as a manager sees it. */
export interface InvitationView {
  id: string;
  status: InvitationStatus;
  createdAt: Date;
  expiresAt: Date;
  emailedAt: Date | null;
  acceptedAt: Date | null;
}

const MAX_ERROR_TEXT = 1000;

/**
 * Invitation rows, for the api (issuing them inside the change that creates the account or sends one again) and
 * the worker (making the token as it emails the link). Accepting one is `InvitationAcceptance`, in the api.
 */
@Injectable()
export class InvitationsService {
  private readonly log = new Logger('Invitations');
  private readonly ttlMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: ConfigService<AppConfig, true>,
    private readonly clock: Clock,
  ) {
    this.ttlMs = config.get('INVITATION_TTL_DAYS', { infer: true }) * 24 * 60 * 60 * 1000;
  }

  /**
   * A new invitation for the user, in the caller's transaction: any still open is superseded (its link stops
   * working), and the outbox row for the worker to email it is written with it.
   */
  async issue(em: EntityManager, userId: string, invitedByUserId: string | null): Promise<UserInvitation> {
    const now = this.clock.now();
    const superseded = await em.update(
      UserInvitation,
      { userId, acceptedAt: IsNull(), supersededAt: IsNull() },
      { supersededAt: now },
    );
    const invitation = em.create(UserInvitation, {
      userId,
      invitedByUserId,
      tokenHash: null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.ttlMs),
      emailedAt: null,
      emailAttempts: 0,
      emailError: null,
      acceptedAt: null,
      supersededAt: null,
    });
    await em.insert(UserInvitation, invitation);
    await writeOutbox(em, {
      topic: INVITATION_EMAIL_TOPIC,
      payload: { invitationId: invitation.id },
      jobId: `invitation:${invitation.id}`,
    });
    if (superseded.affected)
      this.log.debug(`Invitation ${invitation.id} supersedes ${superseded.affected} for user ${userId}`);
    return invitation;
  }

  /**
   * The worker, about to email an invitation: locks it, and if it is still open and not yet emailed, makes its
   * token and stores the token's hash, marking it emailed, all in the caller's transaction (which the send happens
   * inside, so a failed send leaves nothing behind). The token is returned and never kept.
   */
  async claimForEmail(em: EntityManager, invitationId: string): Promise<InvitationToEmail | InvitationEmailSkip> {
    if (!isUuid(invitationId)) return 'MISSING';
    const [row]: {
      id: string;
      expires_at: Date;
      emailed_at: Date | null;
      accepted_at: Date | null;
      superseded_at: Date | null;
      email: string;
      given_name: string;
      disabled: boolean;
      organisation_name: string;
    }[] = await em.query(
      `SELECT i.id, i.expires_at, i.emailed_at, i.accepted_at, i.superseded_at, u.email, u.given_name, u.disabled, o.name AS organisation_name
         FROM user_invitation i
         JOIN app_user u ON u.id = i.user_id
         JOIN organisation o ON o.id = u.organisation_id
        WHERE i.id = $1
        FOR UPDATE OF i`,
      [invitationId],
    );
    if (!row) return 'MISSING';
    if (row.emailed_at) return 'ALREADY_EMAILED';
    const status = invitationStatus(
      { acceptedAt: row.accepted_at, supersededAt: row.superseded_at, expiresAt: row.expires_at },
      this.clock.now(),
    );
    if (status !== 'PENDING') return 'NOT_PENDING';
    if (row.disabled) return 'ACCOUNT_DISABLED';
    const token = newInvitationToken();
    await em.update(
      UserInvitation,
      { id: row.id },
      { tokenHash: hashInvitationToken(token), emailedAt: this.clock.now(), emailError: null },
    );
    return {
      invitationId: row.id,
      to: row.email,
      givenName: row.given_name,
      organisationName: row.organisation_name,
      token,
      expiresAt: row.expires_at,
    };
  }

  /** Outside the failed send's transaction (it rolled back): the error and the count stay for people to see. */
  async recordEmailFailure(invitationId: string, error: string): Promise<void> {
    if (!isUuid(invitationId)) return;
    await this.dataSource.query(
      `UPDATE user_invitation SET email_error = $2, email_attempts = email_attempts + 1 WHERE id = $1 AND emailed_at IS NULL`,
      [invitationId, error.slice(0, MAX_ERROR_TEXT)],
    );
  }

  /** Which of these users have chosen a password. */
  async withPassword(userIds: readonly string[]): Promise<Set<string>> {
    if (!userIds.length) return new Set();
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM app_user WHERE id = ANY($1::uuid[]) AND password_hash IS NOT NULL`,
      [[...userIds]],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Each user's latest invitation, by user id (absent: never invited). */
  async latestOf(userIds: readonly string[]): Promise<Map<string, InvitationView>> {
    if (!userIds.length) return new Map();
    const rows: {
      id: string;
      user_id: string;
      created_at: Date;
      expires_at: Date;
      emailed_at: Date | null;
      accepted_at: Date | null;
      superseded_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (user_id) id, user_id, created_at, expires_at, emailed_at, accepted_at, superseded_at
           FROM user_invitation WHERE user_id = ANY($1::uuid[])
          ORDER BY user_id, created_at DESC, id DESC`,
      [[...userIds]],
    );
    const now = this.clock.now();
    return new Map(
      rows.map((r) => [
        r.user_id,
        {
          id: r.id,
          status: invitationStatus(
            { acceptedAt: r.accepted_at, supersededAt: r.superseded_at, expiresAt: r.expires_at },
            now,
          ),
          createdAt: r.created_at,
          expiresAt: r.expires_at,
          emailedAt: r.emailed_at,
          acceptedAt: r.accepted_at,
        },
      ]),
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor, Caller, ChildRelations, ChildScope, ListReadAudit, referralSides, SqlParam } from '@resettle/access';
import { AuditService } from '@resettle/audit';
import { ageOn, ChildrenService } from '@resettle/children';
import {
  BadUserInputError,
  Clock,
  ConflictError,
  ConnectionShape,
  decodeCursor,
  encodeCursor,
  ForbiddenError,
  groupByIds,
  isIsoDate,
  isUuid,
  NotFoundError,
  pageSize,
  toConnection,
} from '@resettle/common';
import { CustodyService } from '@resettle/custody';
import { jsonRowShape, lockAtVersion, preparedQuery } from '@resettle/database';
import { Role, UsersService } from '@resettle/identity';
import { MilestonesService } from '@resettle/milestones';
import { NotificationRequest, NotificationsService } from '@resettle/notifications';
import { OrganisationsService } from '@resettle/organisations';
import { Pathway, PathwayStatus, PlanningService, ResettlementPlan } from '@resettle/planning';
import {
  CreateReferralInput,
  PostReferralMessageInput,
  ReferralFilter,
  ReferralOfferInput,
  ReferralOrder,
  UpdateReferralDraftInput,
} from './dto/referral.inputs';
import { Referral, ReferralSummarySnapshot } from './entities/referral.entity';
import { ReferralEvent } from './entities/referral-event.entity';
import { ReferralMessage } from './entities/referral-message.entity';
import { ReferralStatus, ReferralType } from './referral-enums';
import { ReferralResponseTimes } from './response-times/referral-response-times.service';
import { offerStartDateProblem } from './rules/offer-date';
import { QUEUE_STATUSES, searchableName } from './rules/partner-queue';
import { ReferralNews, referralNews } from './rules/referral-news';
import {
  fellThroughNotice,
  initialsOf,
  messageNotice,
  moveNotice,
  NoticeAudience,
  ReferralNotice,
} from './rules/referral-notices';
import {
  checkReferralMove,
  EDITABLE_STATUSES,
  ORGANISATION_TYPE_FOR,
  PATHWAYS_FOR,
  ReferralMove,
} from './rules/referral-transitions';
import { DEADLINE_FOR } from './rules/referral-urgency';

export const REFERRAL = 'Referral';

/** Who at a partner works referrals of each type. */
const PARTNER_ROLE_FOR: Record<ReferralType, Role> = {
  [ReferralType.ACCOMMODATION]: Role.LA_ACCOMMODATION_OFFICER,
  [ReferralType.EDUCATION]: Role.EDUCATION_PROVIDER,
  [ReferralType.HEALTH]: Role.HEALTH_PRACTITIONER,
};

/** Statuses a referral is never late in (as `referralUrgency`: done or closed). */
const NOT_LATE_STATUSES = [
  ReferralStatus.CONFIRMED,
  ReferralStatus.DECLINED,
  ReferralStatus.WITHDRAWN,
  ReferralStatus.FELL_THROUGH,
];

const TEXT_FIELDS = ['childWishes', 'familyViews', 'needsAndRisks'] as const;

/** What a move changes besides the status: offer fields, a reason, the summary. */
interface MoveOptions {
  note?: string | null;
  apply?: (referral: Referral, em: EntityManager) => Promise<void> | void;
  /** After the move's event is written (its id given), in the same transaction. */
  afterEvent?: (referral: Referral, eventId: string, em: EntityManager) => Promise<void>;
}

/**
 * Referrals to partners, made from a pathway of the plan. Every change runs in one transaction that locks the
 * referral, refuses a stale version (CONFLICT with the current row), checks the move against the state machine
 * (`rules/referral-transitions.ts`) and the side that makes it, then appends a `referral_event` and the audit row.
 * Confirmation arranges the pathway, and a placement that fell through reopens it, in the same transaction.
 */
@Injectable()
export class ReferralsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly planning: PlanningService,
    private readonly organisations: OrganisationsService,
    private readonly children: ChildrenService,
    private readonly custody: CustodyService,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
    private readonly milestones: MilestonesService,
    private readonly responseTimes: ReferralResponseTimes,
  ) {}

  // ---------------------------------------------------------------- access facts

  /**
   * Partners holding a referral for each child (for `ChildRelationsRegistry`): accommodation referrals once sent
   * give their local authority a placement summary; education and health ones give their provider a pathway
   * summary. A referral never sent (a DRAFT, or a draft withdrawn) gives the partner nothing.
   */
  relationsSql(childId: string): string {
    return `COALESCE((SELECT json_agg(json_build_object('type', r.type, 'organisationIds', r.organisation_ids))
                        FROM (SELECT type, array_agg(DISTINCT to_organisation_id) AS organisation_ids FROM referral
                               WHERE child_id = ${childId} AND sent_at IS NOT NULL GROUP BY type) r), '[]'::json)`;
  }

  withRelations(entry: ChildRelations, facts: { type: ReferralType; organisationIds: string[] }[]): ChildRelations {
    let out = entry;
    for (const row of facts) {
      out =
        row.type === ReferralType.ACCOMMODATION
          ? {
              ...out,
              accommodationReferralAuthorityIds: [...out.accommodationReferralAuthorityIds, ...row.organisationIds],
            }
          : { ...out, pathwayOrganisationIds: [...out.pathwayOrganisationIds, ...row.organisationIds] };
    }
    return out;
  }

  /**
   * Referrals' part of a child scope (for `ChildRelationsRegistry.scopeSql`), as `withRelations` reads the facts: an
   * accommodation referral sent to a listed authority, or another type sent to a listed partner.
   */
  childScopeSql(childId: string, scope: ChildScope, param: SqlParam): string[] {
    const or: string[] = [];
    const sentTo = (types: string, ids: string[]) =>
      `${childId} IN (SELECT r.child_id FROM referral r WHERE r.sent_at IS NOT NULL AND r.type ${types}
                         AND r.to_organisation_id = ANY(${param(ids, 'uuid[]')}))`;
    if (scope.accommodationReferralToIds.length)
      or.push(sentTo(`= '${ReferralType.ACCOMMODATION}'`, scope.accommodationReferralToIds));
    if (scope.pathwayOrganisationIds.length)
      or.push(sentTo(`<> '${ReferralType.ACCOMMODATION}'`, scope.pathwayOrganisationIds));
    return or;
  }

  // ---------------------------------------------------------------- reads

  find(id: string): Promise<Referral | null> {
    return this.dataSource.getRepository(Referral).findOneBy({ id });
  }

  async eventsOf(referralIds: readonly string[]): Promise<ReferralEvent[][]> {
    const rows = await this.dataSource
      .getRepository(ReferralEvent)
      .find({ where: { referralId: In([...referralIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
    return groupByIds(referralIds, rows, (e) => e.referralId);
  }

  async messagesOf(referralIds: readonly string[]): Promise<ReferralMessage[][]> {
    const rows = await this.dataSource
      .getRepository(ReferralMessage)
      .find({ where: { referralId: In([...referralIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
    return groupByIds(referralIds, rows, (m) => m.referralId);
  }

  async referralsOfPlans(planIds: readonly string[]): Promise<Referral[][]> {
    const rows = await this.dataSource
      .getRepository(Referral)
      .find({ where: { planId: In([...planIds]) }, order: { createdAt: 'ASC' } });
    return groupByIds(planIds, rows, (r) => r.planId);
  }

  /**
   * The caller's referrals, filtered in SQL: for a youth justice service those it made; for a partner those
   * addressed to its organisation and sent. Soonest expected release first (no date last), or in `orderBy`'s order,
   * then by id; cursor-paginated on (the order's keys, id). A cursor names its order (but the release order's, as
   * before orders existed), so one from another order is refused (BAD_USER_INPUT naming `after`).
   */
  async list(
    actor: Actor,
    filter: ReferralFilter | null | undefined,
    first?: number,
    after?: string,
    audit?: ListReadAudit,
    orderBy: ReferralOrder = ReferralOrder.RELEASE_DATE,
  ): Promise<ConnectionShape<Referral>> {
    const limit = pageSize(first);
    const params: unknown[] = [];
    const param = (value: unknown, type: string) => `$${params.push(value)}::${type}`;
    const asYjs = referralSides(actor, {
      fromServiceId: actor.organisationId,
      toOrganisationId: '',
      sentAt: null,
    }).includes('YJS');
    const asPartner = referralSides(actor, {
      fromServiceId: '',
      toOrganisationId: actor.organisationId,
      sentAt: 'sent',
    }).includes('PARTNER');
    const where: string[] = [];
    if (!asYjs && !asPartner) where.push('false');
    else {
      const org = param(actor.organisationId, 'uuid');
      const scopes: string[] = [];
      if (asYjs) scopes.push(`r.from_service_id = ${org}`);
      if (asPartner) scopes.push(`(r.to_organisation_id = ${org} AND r.sent_at IS NOT NULL)`);
      where.push(`(${scopes.join(' OR ')})`);
    }
    if (filter?.status) where.push(`r.status = ${param(filter.status, 'referral_status')}`);
    if (filter?.type) where.push(`r.type = ${param(filter.type, 'referral_type')}`);
    if (filter?.queue) where.push(`r.status = ANY(${param(QUEUE_STATUSES[filter.queue], 'referral_status[]')})`);
    const name = filter?.childName ? searchableName(filter.childName) : '';
    if (name) {
      // The summary the partner was sent holds the names; accents go as in searchableName (NFD, marks removed).
      const names = `concat_ws(' ', r.summary->>'givenName', r.summary->>'preferredName', r.summary->>'familyName')`;
      where.push(
        `strpos(regexp_replace(lower(normalize(${names}, NFD)), '[\u0300-\u036f]', '', 'g'), ${param(name, 'text')}) > 0`,
      );
    }
    if (filter?.overdue === true || filter?.overdue === false) {
      // As `referralUrgency` says OVERDUE: still open, and its deadline missed or due before today.
      const late = `(r.status <> ALL(${param(NOT_LATE_STATUSES, 'referral_status[]')}) AND ${this.deadlineSql('r').late(param(this.clock.today(), 'date'))})`;
      where.push(filter.overdue ? late : `NOT ${late}`);
    }
    const order = this.order(orderBy);
    const keys = (alias: string) => order.types.map((_, i) => `${alias}.sort_${i}`).join(', ');
    const dir = order.desc ? 'DESC' : 'ASC';
    const orderSql = (alias: string) =>
      order.types.map((_, i) => `${alias}.sort_${i} ${dir}`).join(', ') + `, ${alias}.id ${dir}`;
    let cursor = 'true';
    if (after) {
      const values = order.decode(after);
      const cursorKeys = order.types.map((type, i) => param(values[i], type));
      cursor = `(${keys('r')}, r.id) ${order.desc ? '<' : '>'} (${cursorKeys.join(', ')}, ${param(values[values.length - 1], 'uuid')})`;
    }
    // One statement: the count, the page as JSON (no TypeORM hydration) and, with `audit`, one audit row per
    // referral shown (not the extra row that only tells whether there is a next page), committed with it.
    const shape = jsonRowShape<Referral>(this.dataSource.getMetadata(Referral));
    const auditSql = audit
      ? `, shown AS (
           SELECT r.id::text AS resource_id, r.child_id, row_number() OVER (ORDER BY ${orderSql('r')}) AS n
             FROM page r ORDER BY ${orderSql('r')} LIMIT ${param(limit, 'int')}
         ), audit AS (${audit.sql('shown', param)})`
      : '';
    const [{ total, rows }]: { total: number; rows: { referral: Record<string, unknown>; sort: unknown[] }[] }[] =
      await preparedQuery(
        this.dataSource,
        `WITH scope AS (
         SELECT r.*, ${order
           .keys('r')
           .map((k, i) => `${k} AS sort_${i}`)
           .join(', ')} FROM referral r WHERE ${where.join(' AND ')}
       ), page AS (
         SELECT * FROM scope r WHERE ${cursor} ORDER BY ${orderSql('r')} LIMIT ${param(limit + 1, 'int')}
       )${auditSql}
       SELECT (SELECT count(*)::int FROM scope) AS total,
              COALESCE(json_agg(json_build_object('referral', ${shape.select('p')}, 'sort', json_build_array(${keys('p')})) ORDER BY ${orderSql('p')}), '[]'::json) AS rows
         FROM page p`,
        params,
      );
    const sortKeys = new Map<string, unknown[]>();
    const referrals = rows.map((row) => {
      const referral = shape.decode(row.referral);
      sortKeys.set(referral.id, row.sort);
      return referral;
    });
    return toConnection(referrals, limit, total, (r) =>
      orderBy === ReferralOrder.RELEASE_DATE
        ? encodeCursor([...sortKeys.get(r.id)!, r.id])
        : encodeCursor([orderBy, ...sortKeys.get(r.id)!, r.id]),
    );
  }

  /**
   * What is new on each referral for this person: their unread notices that link to its page, read back through
   * the notifications feature, and said by `referralNews` (null where nothing is unread).
   */
  async newsFor(actor: Actor, referralIds: readonly string[]): Promise<(ReferralNews | null)[]> {
    const link = (id: string) => `/referrals/${id}`;
    const unread = await this.notifications.unreadAt(actor.userId, referralIds.map(link));
    const withNews = referralIds.filter((id) => unread.some((n) => n.link === link(id)));
    const rows: {
      id: string;
      status: ReferralStatus;
      from_status: ReferralStatus | null;
      from_service_id: string;
    }[] = withNews.length
      ? await this.dataSource.query(
          `SELECT r.id, r.status, r.from_service_id,
                  (SELECT e.from_status FROM referral_event e WHERE e.referral_id = r.id
                    ORDER BY e.created_at DESC, e.id DESC LIMIT 1) AS from_status
             FROM referral r WHERE r.id = ANY($1::uuid[])`,
          [withNews],
        )
      : [];
    return referralIds.map((id) => {
      const row = rows.find((r) => r.id === id);
      if (!row) return null;
      return referralNews({
        side: row.from_service_id === actor.organisationId ? 'YJS' : 'PARTNER',
        unreadKeys: unread.filter((n) => n.link === link(id)).map((n) => n.dedupeKey),
        status: row.status,
        lastFromStatus: row.from_status,
      });
    });
  }

  /** The deadline a referral meets (by its type, `DEADLINE_FOR`), as SQL on the referral `alias`. */
  private deadlineSql(alias: string) {
    const key = `CASE ${alias}.type ${Object.entries(DEADLINE_FOR)
      .map(([type, milestone]) => `WHEN '${type}' THEN '${milestone}'`)
      .join(' ')} END`;
    return this.milestones.milestoneSql(`${alias}.episode_id`, key);
  }

  /**
   * Each order's keys as SQL on the referral `alias` (before the id, which breaks ties, in the same direction), their
   * types, and its cursor's decoding: `[date, id]` for the release order, `[order, ...keys, id]` for the others.
   */
  private order(orderBy: ReferralOrder): {
    keys: (alias: string) => string[];
    types: string[];
    desc: boolean;
    decode: (after: string) => unknown[];
  } {
    const isDateKey = (d: unknown) => d === 'infinity' || isIsoDate(d);
    const tagged = (count: number, valid: (keys: unknown[]) => boolean) => (after: string) =>
      decodeCursor(
        after,
        count + 2,
        (parts) => parts[0] === orderBy && valid(parts.slice(1, -1)) && isUuid(parts[parts.length - 1]),
      ).slice(1);
    switch (orderBy) {
      case ReferralOrder.DEADLINE:
        return {
          keys: (alias) => [`COALESCE(${this.deadlineSql(alias).dueDate}, 'infinity'::date)`],
          types: ['date'],
          desc: false,
          decode: tagged(1, ([d]) => isDateKey(d)),
        };
      case ReferralOrder.RECEIVED:
        return {
          keys: (alias) => [`COALESCE(${alias}.sent_at, '-infinity'::timestamptz)`],
          types: ['timestamptz'],
          desc: true,
          decode: tagged(
            1,
            ([t]) => t === '-infinity' || (typeof t === 'string' && /^\d{4}-/.test(t) && !Number.isNaN(Date.parse(t))),
          ),
        };
      case ReferralOrder.CHILD_NAME:
        return {
          keys: (alias) => [
            `lower(COALESCE(${alias}.summary->>'familyName', ''))`,
            `lower(COALESCE(${alias}.summary->>'preferredName', ${alias}.summary->>'givenName', ''))`,
          ],
          types: ['text', 'text'],
          desc: false,
          decode: tagged(2, (keys) => keys.every((k) => typeof k === 'string')),
        };
      default:
        return {
          keys: (alias) => [
            `COALESCE(${this.custody.expectedReleaseDateSql(`${alias}.episode_id`)}, 'infinity'::date)`,
          ],
          types: ['date'],
          desc: false,
          decode: (after) => decodeCursor(after, 2, ([d, i]) => isDateKey(d) && isUuid(i)),
        };
    }
  }

  // ---------------------------------------------------------------- changes

  /** A DRAFT referral from a pathway of the plan (the caller's access to the plan is checked by the resolver). */
  async create(
    input: CreateReferralInput,
    plan: ResettlementPlan,
    pathway: Pathway,
    fromServiceId: string,
    caller: Caller,
  ): Promise<Referral> {
    if (!PATHWAYS_FOR[input.type].includes(pathway.type)) {
      throw BadUserInputError.forField(
        'pathwayId',
        `A ${input.type} referral is made from the ${PATHWAYS_FOR[input.type].join(' or ')} pathway, not ${pathway.type}`,
      );
    }
    await this.assertRecipient(input.type, input.toOrganisationId, 'toOrganisationId');
    return this.dataSource.transaction(async (em) => {
      const referral = await em.save(
        em.create(Referral, {
          type: input.type,
          status: ReferralStatus.DRAFT,
          childId: plan.childId,
          episodeId: plan.episodeId,
          planId: plan.id,
          pathwayId: pathway.id,
          fromServiceId,
          toOrganisationId: input.toOrganisationId,
          childWishes: input.childWishes?.trim() || null,
          familyViews: input.familyViews?.trim() || null,
          needsAndRisks: input.needsAndRisks?.trim() || null,
          summary: null,
          createdById: caller.actor.userId,
        }),
      );
      await this.recordEvent(em, referral, null, null, { ...referral }, caller);
      return referral;
    });
  }

  async updateDraft(input: UpdateReferralDraftInput, caller: Caller): Promise<Referral> {
    return this.dataSource.transaction(async (em) => {
      const referral = await this.lock(em, input.referralId, input.expectedVersion, caller.actor);
      if (!referralSides(caller.actor, referral).includes('YJS'))
        throw new ForbiddenError('Only the youth justice service that made the referral may change it');
      if (!(EDITABLE_STATUSES as readonly ReferralStatus[]).includes(referral.status)) {
        throw new ConflictError(
          `A ${referral.status} referral cannot be changed: only a referral that is ${EDITABLE_STATUSES.join(' or ')} can be`,
          { status: referral.status },
        );
      }
      const before = { ...referral };
      if (
        input.toOrganisationId !== undefined &&
        input.toOrganisationId !== null &&
        input.toOrganisationId !== referral.toOrganisationId
      ) {
        if (referral.status !== ReferralStatus.DRAFT)
          throw new ConflictError(
            'The organisation a referral is addressed to can be changed only while it is a DRAFT',
          );
        await this.assertRecipient(referral.type, input.toOrganisationId, 'toOrganisationId');
        referral.toOrganisationId = input.toOrganisationId;
      }
      for (const field of TEXT_FIELDS) {
        const value = input[field];
        if (value !== undefined) referral[field] = value?.trim() || null;
      }
      const saved = await em.save(referral);
      await this.writeAudit(em, saved, before, { ...saved }, caller, { event: 'REFERRAL_UPDATED' });
      return saved;
    });
  }

  send(referralId: string, expectedVersion: number, caller: Caller): Promise<Referral> {
    return this.move(referralId, expectedVersion, ReferralMove.SEND, caller, {
      apply: async (referral, em) => {
        referral.summary = await this.summaryOf(referral);
        const firstSending = !referral.sentAt;
        referral.sentAt = this.clock.now();
        // The pathway is now being worked with the partner: a recorded fact the deadline engine counts as the
        // referral sent (ACCOMMODATION_REFERRAL_SENT), through the plan's history like any pathway change.
        if (firstSending) await this.startPathway(em, referral, caller);
      },
    });
  }

  acknowledge(referralId: string, expectedVersion: number, caller: Caller): Promise<Referral> {
    return this.move(referralId, expectedVersion, ReferralMove.ACKNOWLEDGE, caller);
  }

  /**
   * The partner's question is the move's note (the timeline) and, in the same transaction, the first message of its
   * part of the thread, so the service's answer follows it there. The move's own notice tells the service; the
   * message adds none.
   */
  requestInformation(referralId: string, expectedVersion: number, note: string, caller: Caller): Promise<Referral> {
    const question = note.trim();
    return this.move(referralId, expectedVersion, ReferralMove.REQUEST_INFORMATION, caller, {
      note: question,
      afterEvent: async (referral, eventId, em) => {
        await this.writeMessage(em, referral, question, caller, eventId);
      },
    });
  }

  offer(referralId: string, expectedVersion: number, offer: ReferralOfferInput, caller: Caller): Promise<Referral> {
    const dateProblem = offerStartDateProblem(offer.startDate, this.clock.today());
    if (dateProblem) return Promise.reject(BadUserInputError.forField('offer.startDate', dateProblem));
    return this.move(referralId, expectedVersion, ReferralMove.OFFER, caller, {
      note: `Offered: ${offer.placementType.trim()} at ${offer.addressOrPlace.trim()} from ${offer.startDate}`,
      apply: (referral) => {
        referral.offerAddressOrPlace = offer.addressOrPlace.trim();
        referral.offerPlacementType = offer.placementType.trim();
        referral.offerProvider = offer.provider.trim();
        referral.offerStartDate = offer.startDate;
      },
    });
  }

  confirm(referralId: string, expectedVersion: number, caller: Caller): Promise<Referral> {
    return this.move(referralId, expectedVersion, ReferralMove.CONFIRM, caller, {
      apply: async (referral, em) => {
        referral.confirmedAt = this.clock.now();
        // Saved first: the plan change below refreshes the milestones, which read the confirmed referral as the fact.
        await em.save(referral);
        await this.setPathway(
          em,
          referral,
          PathwayStatus.ARRANGED,
          caller,
          `The ${referral.type.toLowerCase()} referral confirmed: the pathway is arranged`,
        );
      },
    });
  }

  decline(referralId: string, expectedVersion: number, reason: string, caller: Caller): Promise<Referral> {
    return this.move(referralId, expectedVersion, ReferralMove.DECLINE, caller, {
      note: reason.trim(),
      apply: (r) => void (r.declineReason = reason.trim()),
    });
  }

  withdraw(referralId: string, expectedVersion: number, reason: string, caller: Caller): Promise<Referral> {
    return this.move(referralId, expectedVersion, ReferralMove.WITHDRAW, caller, {
      note: reason.trim(),
      apply: (r) => void (r.withdrawReason = reason.trim()),
    });
  }

  fellThrough(referralId: string, expectedVersion: number, reason: string, caller: Caller): Promise<Referral> {
    return this.move(referralId, expectedVersion, ReferralMove.FELL_THROUGH, caller, {
      note: reason.trim(),
      apply: async (referral, em) => {
        referral.fellThroughReason = reason.trim();
        await this.setPathway(
          em,
          referral,
          PathwayStatus.IN_PROGRESS,
          caller,
          `The confirmed ${referral.type.toLowerCase()} referral fell through: the pathway is open again`,
        );
      },
    });
  }

  /** A message in the thread (an append: no version). Either side, once the partner has the referral. */
  async postMessage(input: PostReferralMessageInput, caller: Caller): Promise<ReferralMessage> {
    return this.dataSource.transaction(async (em) => {
      const referral = await em.findOne(Referral, {
        where: { id: input.referralId },
        lock: { mode: 'pessimistic_read' },
      });
      if (!referral || referralSides(caller.actor, referral).length === 0)
        throw new NotFoundError(REFERRAL, input.referralId);
      const message = await this.writeMessage(em, referral, input.body.trim(), caller, null);
      await this.tell(
        em,
        referral,
        messageNotice(referral.type, this.initials(referral), this.sideOf(caller, referral)),
        `referral-message:${message.id}`,
        caller,
      );
      await this.markNoticesRead(em, referral, caller);
      return message;
    });
  }

  // ---------------------------------------------------------------- internals

  /** A message in the thread and its audit row, in the caller's transaction (`eventId`: the move it was part of). */
  private async writeMessage(
    em: EntityManager,
    referral: Referral,
    body: string,
    caller: Caller,
    eventId: string | null,
  ): Promise<ReferralMessage> {
    const message = await em.save(
      em.create(ReferralMessage, {
        referralId: referral.id,
        authorUserId: caller.actor.userId,
        authorOrganisationId: caller.actor.organisationId,
        body,
        eventId,
      }),
    );
    await this.audit.recordChange(em, caller, {
      resourceType: 'ReferralMessage',
      resourceId: message.id,
      childId: referral.childId,
      before: null,
      after: { referralId: referral.id, body: message.body, ...(eventId ? { eventId } : {}) },
      detail: { event: eventId ? 'REFERRAL_QUESTION_POSTED' : 'REFERRAL_MESSAGE_POSTED' },
    });
    return message;
  }

  /**
   * Tells the other side, in this transaction (so nobody hears of a move that rolled back): for the partner, its
   * users who work referrals of this type; for the service, who made the referral and the child's case manager.
   * Never the person who made the move. Each notice's key is unique, so a retried transaction tells nobody twice.
   */
  private async tell(
    em: EntityManager,
    referral: Referral,
    notice: ReferralNotice,
    key: string,
    caller: Caller,
  ): Promise<void> {
    let recipients: string[];
    if (notice.to === 'PARTNER') {
      recipients = (await this.users.activeWithRole(referral.toOrganisationId, PARTNER_ROLE_FOR[referral.type])).map(
        (u) => u.id,
      );
    } else {
      const episode = await this.custody.find(referral.episodeId);
      const candidates = [referral.createdById, episode?.caseManagerId].filter((id): id is string => Boolean(id));
      recipients = (await this.users.findByIds([...new Set(candidates)]))
        .filter((u) => u && !u.disabled)
        .map((u) => u!.id);
    }
    const requests: NotificationRequest[] = recipients
      .filter((id) => id !== caller.actor.userId)
      .map((recipientUserId) => ({
        recipientUserId,
        kind: notice.to === 'PARTNER' ? 'REFERRAL_RECEIVED' : 'REFERRAL_ANSWERED',
        title: notice.title,
        body: notice.body,
        link: `/referrals/${referral.id}`,
        childId: referral.childId,
        dedupeKey: `${key}:${recipientUserId}`,
      }));
    await this.notifications.notifyMany(em, requests);
  }

  /** Acting on a referral deals with what was new on it: the caller's notices about it are read, in this change. */
  private async markNoticesRead(em: EntityManager, referral: Referral, caller: Caller): Promise<void> {
    await this.notifications.markReadAt(caller, `/referrals/${referral.id}`, em);
  }

  private initials(referral: Referral): string {
    return initialsOf(referral.summary?.givenName, referral.summary?.familyName);
  }

  /** Which side the caller acts for on this referral (the service that made it, when they are both). */
  private sideOf(caller: Caller, referral: Referral): NoticeAudience {
    return referralSides(caller.actor, referral).includes('YJS') ? 'YJS' : 'PARTNER';
  }

  private async move(
    referralId: string,
    expectedVersion: number,
    move: ReferralMove,
    caller: Caller,
    options: MoveOptions = {},
  ): Promise<Referral> {
    return this.dataSource.transaction(async (em) => {
      const referral = await this.lock(em, referralId, expectedVersion, caller.actor);
      const check = checkReferralMove(referral.status, move, referralSides(caller.actor, referral));
      if (!check.ok) {
        if (check.reason === 'WRONG_SIDE') throw new ForbiddenError(check.message);
        throw new ConflictError(check.message, { status: referral.status, move });
      }
      // The step the partner owed, if this is its answer: timed before the move changes the row and its events.
      await this.responseTimes.recordAnswered(em, referral.id, this.sideOf(caller, referral) === 'PARTNER');
      const before = { ...referral };
      referral.status = check.to;
      // By the service's clock: a council's response target counts from it.
      referral.statusSince = this.clock.now();
      if (options.apply) await options.apply(referral, em);
      const saved = await em.save(referral);
      const eventId = await this.recordEvent(em, saved, before.status, options.note ?? null, before, caller);
      if (options.afterEvent) await options.afterEvent(saved, eventId, em);
      const notice =
        move === ReferralMove.FELL_THROUGH
          ? fellThroughNotice(saved.type, this.initials(saved), this.sideOf(caller, saved))
          : moveNotice(
              move,
              { type: saved.type, fromStatus: before.status },
              this.initials(saved),
              before.sentAt !== null,
            );
      if (notice) await this.tell(em, saved, notice, `referral:${saved.id}:v${saved.version}`, caller);
      await this.markNoticesRead(em, saved, caller);
      return saved;
    });
  }

  /**
   * The referral locked for this transaction; NOT_FOUND unless it is the caller's, CONFLICT with the current row at a
   * stale version.
   */
  private async lock(em: EntityManager, id: string, expectedVersion: number, actor: Actor): Promise<Referral> {
    return lockAtVersion(
      em,
      Referral,
      id,
      expectedVersion,
      REFERRAL,
      (referral) => referralSides(actor, referral).length > 0,
    );
  }

  private async recordEvent(
    em: EntityManager,
    referral: Referral,
    fromStatus: ReferralStatus | null,
    note: string | null,
    before: object | null,
    caller: Caller,
  ): Promise<string> {
    const inserted = await em.insert(ReferralEvent, {
      referralId: referral.id,
      fromStatus,
      toStatus: referral.status,
      actorUserId: caller.actor.userId,
      actorOrganisationId: caller.actor.organisationId,
      note,
    });
    await this.writeAudit(em, referral, fromStatus === null ? null : before, { ...referral }, caller, {
      event: 'REFERRAL_STATUS',
      from: fromStatus,
      to: referral.status,
      note,
    });
    return (inserted.identifiers[0] as { id: string }).id;
  }

  private async writeAudit(
    em: EntityManager,
    referral: Referral,
    before: object | null,
    after: object,
    caller: Caller,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.recordChange(em, caller, {
      resourceType: REFERRAL,
      resourceId: referral.id,
      childId: referral.childId,
      before,
      after,
      detail,
    });
  }

  /** On first sending: the pathway IN_PROGRESS with the partner responsible, unless it is further on already. */
  private async startPathway(em: EntityManager, referral: Referral, caller: Caller): Promise<void> {
    await this.planning.setPathwayStatus(
      em,
      {
        pathwayId: referral.pathwayId,
        status: PathwayStatus.IN_PROGRESS,
        onlyFrom: [PathwayStatus.NOT_STARTED, PathwayStatus.SUPPORT_REQUIRED],
        responsibleOrganisationId: referral.toOrganisationId,
        responsibleIfNone: true,
        summary: `The ${referral.type.toLowerCase()} referral sent: the pathway is in progress with the partner`,
      },
      caller,
    );
  }

  /** Sets the referral's pathway (ARRANGED with the partner responsible, or open again), through planning. */
  private async setPathway(
    em: EntityManager,
    referral: Referral,
    status: PathwayStatus,
    caller: Caller,
    summary: string,
  ): Promise<void> {
    const responsible = status === PathwayStatus.ARRANGED ? referral.toOrganisationId : undefined;
    await this.planning.setPathwayStatus(
      em,
      { pathwayId: referral.pathwayId, status, summary, responsibleOrganisationId: responsible },
      caller,
    );
  }

  /** What the partner will see of the child, taken now. */
  private async summaryOf(referral: Referral): Promise<ReferralSummarySnapshot> {
    const [child] = await this.children.findByIds([referral.childId]);
    if (!child) throw new NotFoundError(REFERRAL, referral.id);
    const episode = await this.custody.find(referral.episodeId);
    const [establishment] = episode ? await this.organisations.findByIds([episode.currentEstablishmentId]) : [null];
    return {
      givenName: child.givenName,
      familyName: child.familyName,
      preferredName: child.preferredName,
      age: ageOn(child.dateOfBirth, this.clock.today()),
      gender: child.gender,
      releaseDate: episode?.expectedReleaseDate ?? null,
      establishmentName: establishment?.name ?? null,
      needsAndRisks: referral.needsAndRisks,
      childWishes: referral.childWishes,
      familyViews: referral.familyViews,
      takenAt: this.clock.now().toISOString(),
    };
  }

  private async assertRecipient(type: ReferralType, organisationId: string, field: string): Promise<void> {
    const [organisation] = await this.organisations.findByIds([organisationId]);
    if (!organisation) throw BadUserInputError.forField(field, 'No such organisation');
    if (organisation.type !== ORGANISATION_TYPE_FOR[type]) {
      throw BadUserInputError.forField(
        field,
        `A ${type} referral goes to a ${ORGANISATION_TYPE_FOR[type]}, not a ${organisation.type}`,
      );
    }
  }
}

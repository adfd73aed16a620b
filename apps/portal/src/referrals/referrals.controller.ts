import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '@resettle/common';
import { startFarFromRelease } from '@resettle/referrals';
import { ApiClient } from '../api/api-client';
import { ApiError, SignInRequiredError } from '../api/api-error';
import { apiFormErrors, formError, FormErrors, validateForm } from '../forms/form-errors';
import { MessageForm, OfferForm, offerStartDate, VersionedForm } from '../forms/portal-forms';
import { csvRows, everyPage, sendCsv } from '../http/csv-download';
import { renderPage } from '../http/page';
import { daysBetweenDates, govukDate, humanDates, londonToday } from '../http/view-filters';
import { mayConfigureResponseTargets } from '../response-targets/response-targets.controller';
import { DraftStore } from '../session/draft-store';
import { flash, SignedInUser, signedInUser } from '../session/portal-session';
import { childNameOf, INBOX_SORTS, inboxParams, InboxQuery, inboxSort, NEWS_LABELS } from './inbox-view';
import {
  ActionKey,
  actionsFor,
  farFromReleaseWarning,
  isActionKey,
  noLongerOpenMessage,
  REFERRAL_ACTIONS,
  sidesOf,
} from './referral-actions';
import { DETAILS_EDITABLE } from './referral-details.controller';
import {
  DeadlineBasis,
  deadlineDistance,
  deadlineReason,
  RESPONSE_STEP_TEXT,
  responseDueLabel,
  STATUS_LABELS,
  statusLabel,
  telHref,
  TYPE_LABELS,
  urgencyLabel,
} from './referral-labels';
import { CHILD_CARE, INBOX, INBOX_TAB_COUNTS, moveMutation, POST_MESSAGE, REFERRAL } from './referral-queries';

const PAGE_SIZE = 25;
const CSV_PAGE_SIZE = 100;
const STATUSES = Object.keys(STATUS_LABELS);
const TYPES = Object.keys(TYPE_LABELS);
/** The tabs of a partner's inbox, by whose move it is (the api's ReferralQueue; the first is the default). */
const INBOX_TABS = [
  { slug: 'needs-action', queue: 'NEEDS_ACTION', text: 'Needs action' },
  { slug: 'in-progress', queue: 'IN_PROGRESS', text: 'In progress' },
  { slug: 'confirmed', queue: 'CONFIRMED', text: 'Confirmed' },
  { slug: 'closed', queue: 'CLOSED', text: 'Closed' },
] as const;

/**
 * The referral pages, for both sides: the partner's inbox (its organisation's referrals) and the service's list
 * (those it made), one referral with its timeline and thread, and a page per action that asks for something.
 * Every change is a POST with the version the page showed, then a redirect (so reloading never repeats it).
 */
@Controller('referrals')
export class ReferralsController {
  constructor(
    private readonly api: ApiClient,
    private readonly drafts: DraftStore,
    private readonly clock: Clock,
  ) {}

  /** The inbox's filters, order and tab from its query string (anything unknown is left out). */
  private choices(request: FastifyRequest, query: InboxQuery) {
    const user = requireUser(request);
    // A partner's inbox opens on what needs its action; the youth justice service's list has no tabs.
    const partnerView = !user.roles.some((r) => r.startsWith('YJS_'));
    const childName = (query.name ?? '').trim().slice(0, 100) || undefined;
    const queue = partnerView ? (INBOX_TABS.find((t) => t.slug === query.tab) ?? INBOX_TABS[0]) : undefined;
    const overdue = query.overdue === '1';
    const sort = inboxSort(query.sort);
    const filter = {
      status: STATUSES.includes(query.status ?? '') ? query.status : undefined,
      type: TYPES.includes(query.type ?? '') ? query.type : undefined,
      queue: queue?.queue,
      childName,
      overdue: overdue ? true : undefined,
    };
    const params = (extra: Record<string, string>) =>
      new URLSearchParams({
        ...inboxParams({ tab: queue?.slug, status: filter.status, type: filter.type, name: childName, overdue, sort }),
        ...extra,
      }).toString();
    return { user, queue, filter, overdue, sort, orderBy: INBOX_SORTS[sort].orderBy, params };
  }

  private row(user: SignedInUser, node: InboxReferral) {
    const side = sidesOf(user.organisationId, node).includes('PARTNER') ? 'PARTNER' : 'YJS';
    return {
      ...node,
      side,
      childName: childNameOf(node.summary ?? null),
      statusTag: statusLabel(node.status, side),
      urgencyTag: urgencyLabel(node.status, node.urgency),
      deadlineText: deadlineTextOf(node),
      typeLabel: TYPE_LABELS[node.type],
      newsText: node.news ? (NEWS_LABELS[node.news] ?? null) : null,
      responseTag: responseDueLabel(node.responseDue),
    };
  }

  @Get()
  async inbox(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query() query: InboxQuery) {
    const c = this.choices(request, query);
    const { referrals } = await this.api.asUser<{ referrals: Connection<InboxReferral> }>(request, INBOX, {
      first: PAGE_SIZE,
      after: query.after || undefined,
      filter: c.filter,
      orderBy: c.orderBy,
    });
    const counts = c.queue
      ? await this.api.asUser<Record<string, { totalCount: number }>>(request, INBOX_TAB_COUNTS, {
          type: c.filter.type,
          childName: c.filter.childName,
          overdue: c.filter.overdue,
        })
      : null;
    const rows = referrals.edges.map(({ node }) => this.row(c.user, node));
    const tabs = counts
      ? INBOX_TABS.map((t) => ({
          text: `${t.text} (${counts[t.queue].totalCount})`,
          href: `/referrals?${c.params({ tab: t.slug })}`,
          active: t === c.queue,
        }))
      : null;
    const sortLink = (sort: string) => `/referrals?${c.params({ sort })}`;
    return renderPage(request, reply, 'referrals/inbox.njk', {
      rows,
      totalCount: referrals.totalCount,
      newCount: rows.filter((r) => r.newsText).length,
      filter: c.filter,
      overdue: c.overdue,
      sort: c.sort,
      sortLinks: { name: sortLink('name'), release: sortLink('release'), deadline: sortLink('deadline') },
      sortText: INBOX_SORTS[c.sort].text,
      sortOptions: Object.entries(INBOX_SORTS).map(([value, s]) => ({
        value,
        text: s.text,
        selected: c.sort === value,
      })),
      tabs,
      tabName: c.queue?.text,
      tabSlug: c.queue?.slug,
      statusOptions: STATUSES.map((s) => ({ value: s, text: STATUS_LABELS[s].text, selected: c.filter.status === s })),
      typeOptions: TYPES.map((t) => ({ value: t, text: TYPE_LABELS[t], selected: c.filter.type === t })),
      nextHref: referrals.pageInfo.hasNextPage
        ? `/referrals?${c.params({ after: referrals.pageInfo.endCursor! })}`
        : null,
      firstHref: query.after ? `/referrals?${c.params({})}` : null,
      csvHref: `/referrals/download?${c.params({})}`,
      isPartner: rows.some((r) => r.side === 'PARTNER') || !c.user.roles.some((r) => r.startsWith('YJS_')),
      mayConfigureTargets: await mayConfigureResponseTargets(this.api, request, c.user),
    });
  }

  /**
   * The filtered inbox (the tab, filters and order of the page) as CSV, every page of it, paged through the api so
   * its scope and audit are the page's; cells beginning = + - @ are neutralised so a spreadsheet never runs them.
   */
  @Get('download')
  async download(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query() query: InboxQuery) {
    const c = this.choices(request, query);
    const partner = !c.user.roles.some((r) => r.startsWith('YJS_'));
    const pages = everyPage(
      async (after) =>
        (
          await this.api.asUser<{ referrals: Connection<InboxReferral> }>(request, INBOX, {
            first: CSV_PAGE_SIZE,
            after,
            filter: c.filter,
            orderBy: c.orderBy,
          })
        ).referrals,
    );
    return sendCsv(
      reply,
      `referrals-${this.clock.today()}.csv`,
      [
        'Child',
        'Establishment',
        'Type',
        partner ? 'From' : 'To',
        'Received',
        'Status',
        'Release date',
        'Days to release',
        'Deadline',
        'Deadline due',
        'Overdue',
        'New for you',
      ],
      csvRows(pages, (node) => {
        const r = this.row(c.user, node);
        return [
          r.childName,
          r.summary?.establishmentName ?? '',
          r.typeLabel,
          (partner ? r.fromService?.name : r.toOrganisation?.name) ?? '',
          r.sentAt ? londonToday(new Date(r.sentAt)) : '',
          r.statusTag.text,
          r.expectedReleaseDate ?? 'On remand',
          r.daysToRelease ?? '',
          r.urgencyTag.text,
          r.deadline?.dueDate ?? '',
          r.urgency === 'OVERDUE' ? 'Yes' : 'No',
          r.newsText ?? '',
        ];
      }),
    );
  }

  @Get(':id')
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id', ParseUUIDPipe) id: string) {
    // A message typed before the session ended comes back once (kept for this person's new session only).
    const kept = await this.drafts.take(request.session?.sessionId, `/referrals/${id}`);
    return this.renderReferral(request, reply, id, kept ? { messageBody: kept.body, keptAnswers: true } : {});
  }

  /**
   * A message. The form posts to the referral's own address, so a refused message shows the page at the same URL
   * with the error summary at the top (`:id/messages` still takes it, for pages loaded before).
   */
  @Post(':id')
  async postMessageHere(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
  ) {
    return this.postMessage(request, reply, id, body);
  }

  @Post(':id/messages')
  async postMessage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
  ) {
    const { value, errors } = validateForm(MessageForm, body);
    if (errors)
      return this.renderReferral(request, reply, id, { errors, messageBody: (body as { body?: string })?.body }, 400);
    try {
      await this.api.asUser(request, POST_MESSAGE, { input: { referralId: id, body: value.body } });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') {
        return this.renderReferral(
          request,
          reply,
          id,
          { errors: apiFormErrors(error, () => 'body', 'body'), messageBody: value.body },
          400,
        );
      }
      throw error;
    }
    flash(request, 'Message sent');
    return reply.redirect(`/referrals/${id}#messages`, 303);
  }

  /** The page of an action that asks for something (a reason, an offer, what information is needed). */
  @Get(':id/:action')
  async actionPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('action') action: string,
  ) {
    const referral = await this.load(request, id);
    const key = this.openAction(request, referral, action);
    if (!key) return this.noLongerOpen(request, reply, referral, action);
    // Confirming asks for nothing: its page is the check (the offer, and what confirming does).
    if (!REFERRAL_ACTIONS[key].form && REFERRAL_ACTIONS[key].check)
      return this.renderCheck(request, reply, referral, key, {}, { expectedVersion: String(referral.version) });
    const kept = await this.drafts.take(request.session?.sessionId, `/referrals/${id}/${key}`);
    return this.renderAction(request, reply, referral, key, { values: kept ?? {}, keptAnswers: kept !== null });
  }

  @Post(':id/:action')
  async act(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('action') action: string,
    @Body() body: Record<string, string>,
  ) {
    const referral = await this.load(request, id);
    const key = this.openAction(request, referral, action);
    // Done already from another tab, or by a colleague: the referral as it is now, and why nothing happened.
    if (!key) return this.noLongerOpen(request, reply, referral, action);
    const spec = REFERRAL_ACTIONS[key];
    // Back from checking the answers to the form, as they were.
    if (body?.step === 'change' && spec.form) return this.renderAction(request, reply, referral, key, { values: body });
    const { value, errors } = validateForm(spec.form ?? VersionedForm, body);
    if (errors)
      return spec.form
        ? this.renderAction(request, reply, referral, key, { values: body, errors }, 400)
        : this.conflict(request, reply, referral.id);
    if (key === 'offer') {
      // A start far from the release is possible but unusual: said, and offered only when sent again unchanged.
      const startDate = offerStartDate(value as OfferForm)!;
      const daysFromRelease = startFarFromRelease(startDate, referral.expectedReleaseDate);
      // A start in the past is no warning but a refusal, and the api's: it goes straight on to say so.
      const startsInPast = this.startsInPast(value as OfferForm);
      if (daysFromRelease !== null && !startsInPast && body.confirmedStartDate !== startDate) {
        const farWarning = {
          text: farFromReleaseWarning(daysFromRelease, govukDate(referral.expectedReleaseDate)),
          startDate,
        };
        return this.renderAction(request, reply, referral, key, { values: body, farWarning });
      }
    }
    // An offer and a confirmation are checked first (confirming arranges the pathway): the answers and what will
    // happen, and only a post from that page (step=confirm) makes the move. A confirm button from a page loaded
    // before this step existed lands on the check page too.
    if (spec.check && body?.step !== 'confirm' && !(key === 'offer' && this.startsInPast(value as OfferForm))) {
      return this.renderCheck(request, reply, referral, key, value as unknown as Record<string, string>, body);
    }
    try {
      await this.api.asUser(request, moveMutation(spec.mutation, spec.inputType), { input: spec.input(id, value) });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT')
        return this.conflict(request, reply, referral.id, error.message);
      if (error instanceof ApiError && error.code === 'BAD_USER_INPUT' && spec.form) {
        const field = (path: string) => FIELD_OF_PATH[path.split('.').pop() ?? ''];
        return this.renderAction(
          request,
          reply,
          referral,
          key,
          { values: body, errors: apiFormErrors(error, field, firstField(key)) },
          400,
        );
      }
      throw error;
    }
    flash(request, spec.done);
    return reply.redirect(`/referrals/${id}`, 303);
  }

  // ---------------------------------------------------------------- internals

  /** A start in the past is no warning but a refusal, and the api's: such an offer goes straight on to be refused. */
  private startsInPast(form: OfferForm): boolean {
    return offerStartDate(form)! < this.clock.today();
  }

  private async load(request: FastifyRequest, id: string): Promise<FullReferral> {
    return (await this.api.asUser<{ referral: FullReferral }>(request, REFERRAL, { id })).referral;
  }

  /**
   * The action, if it is open to this person now; null for an action of the referral pages that is not (the referral
   * has moved on). An address that is no action at all is not found.
   */
  private openAction(request: FastifyRequest, referral: FullReferral, action: string): ActionKey | null {
    const user = requireUser(request);
    if (!isActionKey(action)) throw new ApiError('Not found', 'NOT_FOUND');
    return actionsFor(user.organisationId, referral).includes(action) ? action : null;
  }

  private noLongerOpen(
    request: FastifyRequest,
    reply: FastifyReply,
    referral: FullReferral,
    action: ActionKey | string,
  ) {
    const user = requireUser(request);
    const side = sidesOf(user.organisationId, referral).includes('PARTNER') ? 'PARTNER' : 'YJS';
    const label = isActionKey(action) ? REFERRAL_ACTIONS[action].label(referral.type).toLowerCase() : action;
    const message = noLongerOpenMessage(label, statusLabel(referral.status, side).text);
    return this.renderReferral(request, reply, referral.id, { errors: formError('referral-status', message) }, 409);
  }

  private async renderReferral(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    const user = requireUser(request);
    const referral = await this.load(request, id);
    const side = sidesOf(user.organisationId, referral).includes('PARTNER') ? 'PARTNER' : 'YJS';
    // The child's home area and looked-after status, as the api shows them to this person (audited as a read of the
    // child); a view without them gives nulls, and the page says they were not shared.
    const care = referral.summary
      ? await this.api
          .asUser<{ child: ChildCare | null }>(request, CHILD_CARE, { id: referral.childId })
          .then((r) => r.child)
          .catch((error: unknown) => {
            if (error instanceof ApiError && error.code === 'NOT_FOUND') return null;
            throw error;
          })
      : null;
    const actions = actionsFor(user.organisationId, referral).map((key) => ({
      key,
      label: REFERRAL_ACTIONS[key].label(referral.type),
      hasForm: REFERRAL_ACTIONS[key].form !== null || REFERRAL_ACTIONS[key].check === true,
      warning: REFERRAL_ACTIONS[key].warning ?? false,
    }));
    return renderPage(
      request,
      reply,
      'referrals/show.njk',
      {
        referral,
        side,
        care,
        statusTag: statusLabel(referral.status, side),
        urgencyTag: urgencyLabel(referral.status, referral.urgency),
        deadlineText: deadlineTextOf(referral),
        deadlineReason: deadlineReason(referral.type, referral.deadline, referral.expectedReleaseDate),
        telHref: referral.caseManager?.workPhone ? telHref(referral.caseManager.workPhone) : null,
        responseTag: responseDueLabel(referral.responseDue),
        responseStepText: referral.responseDue ? RESPONSE_STEP_TEXT[referral.responseDue.step] : null,
        typeLabel: TYPE_LABELS[referral.type],
        actions,
        // What the referral says can be changed by the service that made it, while a draft or asked for more.
        mayChangeDetails:
          sidesOf(user.organisationId, referral).includes('YJS') && DETAILS_EDITABLE.includes(referral.status),
        timeline: timelineOf(referral),
        ...extra,
      },
      status,
    );
  }

  private renderAction(
    request: FastifyRequest,
    reply: FastifyReply,
    referral: FullReferral,
    key: ActionKey,
    data: {
      values: Record<string, string>;
      errors?: FormErrors;
      keptAnswers?: boolean;
      farWarning?: { text: string; startDate: string };
    },
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      `referrals/actions/${key}.njk`,
      {
        referral,
        action: { key, label: REFERRAL_ACTIONS[key].label(referral.type) },
        typeLabel: TYPE_LABELS[referral.type],
        ...data,
      },
      status,
    );
  }

  /**
   * Check your answers before an offer or a confirmation: the answers (each with a Change button that goes back to
   * the form, the answers carried in hidden fields so no JavaScript is needed), what will happen, and the button that
   * makes the move.
   */
  private renderCheck(
    request: FastifyRequest,
    reply: FastifyReply,
    referral: FullReferral,
    key: ActionKey,
    value: Record<string, string>,
    body: Record<string, string>,
  ) {
    const answers = offerAnswers(
      referral.type,
      key === 'offer'
        ? { ...value, startDate: offerStartDate(value as unknown as OfferForm) }
        : referralOffer(referral),
    );
    const hidden = Object.entries(body ?? {})
      .filter(([name]) => name !== '_csrf' && name !== 'step')
      .map(([name, v]) => ({ name, value: String(v) }));
    return renderPage(request, reply, 'referrals/actions/check.njk', {
      referral,
      action: { key, label: REFERRAL_ACTIONS[key].label(referral.type) },
      typeLabel: TYPE_LABELS[referral.type],
      answers,
      canChange: key === 'offer',
      hidden,
    });
  }

  /** Someone else moved the referral first, or the page was stale: show it as it is now, and say so. */
  private conflict(request: FastifyRequest, reply: FastifyReply, id: string, message?: string) {
    const errors = formError(
      'referral-status',
      `${message ?? 'This referral has changed since you loaded the page'}. The page now shows it as it is: check it and try again.`,
    );
    return this.renderReferral(request, reply, id, { errors }, 409);
  }
}

const FIELD_OF_PATH: Record<string, string> = {
  note: 'note',
  reason: 'reason',
  addressOrPlace: 'addressOrPlace',
  placementType: 'placementType',
  provider: 'provider',
  startDate: 'startDateDay',
};

function firstField(key: ActionKey): string {
  return key === 'offer' ? 'addressOrPlace' : key === 'request-information' ? 'note' : 'reason';
}

/** The offer's answers as the check page lists them (the start date in words). */
function offerAnswers(
  type: string,
  offer: { addressOrPlace?: string; placementType?: string; provider?: string; startDate?: string | null },
) {
  const accommodation = type === 'ACCOMMODATION';
  return [
    { key: accommodation ? 'Address' : 'Place', value: offer.addressOrPlace ?? '' },
    { key: accommodation ? 'Type of placement' : 'Type of place', value: offer.placementType ?? '' },
    { key: 'Provider', value: offer.provider ?? '' },
    { key: 'Start date', value: offer.startDate ? govukDate(offer.startDate) : '' },
  ];
}

/** The offer the referral holds (for confirming it). */
function referralOffer(referral: FullReferral) {
  return {
    addressOrPlace: referral.offerAddressOrPlace ?? '',
    placementType: referral.offerPlacementType ?? '',
    provider: referral.offerProvider ?? '',
    startDate: referral.offerStartDate,
  };
}

function requireUser(request: FastifyRequest): SignedInUser {
  const user = signedInUser(request);
  if (!user) throw new SignInRequiredError(request.url);
  return user;
}

interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: T }[];
}

/** "12 days overdue" while something is still to be confirmed; nothing once confirmed, declined or withdrawn. */
function deadlineTextOf(referral: { status: string; deadline?: { dueDate: string | null } | null }): string | null {
  if (!referral.deadline?.dueDate || ['CONFIRMED', 'DECLINED', 'WITHDRAWN'].includes(referral.status)) return null;
  return deadlineDistance(daysBetweenDates(londonToday(), referral.deadline.dueDate));
}

interface InboxReferral {
  id: string;
  type: string;
  status: string;
  urgency: string;
  news?: string | null;
  sentAt?: string | null;
  summary?: { givenName: string; preferredName?: string | null; familyName: string; establishmentName?: string } | null;
  fromService?: { name: string };
  toOrganisation?: { name: string };
  daysToRelease: number | null;
  expectedReleaseDate: string | null;
  fromServiceId: string;
  toOrganisationId: string;
  deadline?: { dueDate: string | null } | null;
  responseDue?: { step: string; dueDate: string; overdueWorkingDays: number; targetWorkingDays?: number } | null;
}

interface ChildCare {
  lookedAfter: boolean | null;
  homeAuthority: { name: string } | null;
}

interface FullReferral extends InboxReferral {
  deadline?: DeadlineBasis | null;
  version: number;
  offerAddressOrPlace: string | null;
  offerPlacementType: string | null;
  offerProvider: string | null;
  offerStartDate: string | null;
  childId: string;
  events: {
    id: string;
    fromStatus: string | null;
    toStatus: string;
    note: string | null;
    createdAt: string;
    actorName: string | null;
    actorOrganisation: { name: string };
  }[];
  caseManager: { name: string; email: string; workPhone: string | null } | null;
  supervisingService: { name: string } | null;
  messages: {
    id: string;
    body: string;
    createdAt: string;
    /** Set on the partner's question asked with a move (its words are the move's note on the timeline). */
    eventId: string | null;
    authorName: string | null;
    authorOrganisation: { name: string };
  }[];
}

/** Moves and messages together, newest first, for the MoJ timeline. */
function timelineOf(referral: FullReferral) {
  const moves = referral.events.map((e) => ({
    kind: 'event',
    at: e.createdAt,
    // A move is told as what happened ("Sent"), the service's words, not the inbox's ("New").
    title: e.fromStatus === null ? 'Referral drafted' : statusLabel(e.toStatus, 'YJS').text,
    text: humanDates(e.note),
    by: [e.actorName, e.actorOrganisation.name].filter(Boolean).join(', '),
  }));
  // A question asked with a move is on the timeline already, as that move's note.
  const messages = referral.messages
    .filter((m) => !m.eventId)
    .map((m) => ({
      kind: 'message',
      at: m.createdAt,
      title: 'Message',
      text: m.body,
      by: [m.authorName, m.authorOrganisation.name].filter(Boolean).join(', '),
    }));
  return [...moves, ...messages].sort((a, b) => b.at.localeCompare(a.at));
}

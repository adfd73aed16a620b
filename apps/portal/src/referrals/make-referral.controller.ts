import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ORGANISATION_TYPE_FOR } from '@resettle/referrals';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { apiFormErrors, FormErrors, validateForm } from '../forms/form-errors';
import { MakeReferralForm } from '../forms/portal-forms';
import { renderPage } from '../http/page';
import { PATHWAY_LABELS } from '../plans/plan-labels';
import { flash } from '../session/portal-session';
import { referralTypeFor } from './referral-actions';
import { STATUS_LABELS, TYPE_LABELS } from './referral-labels';

const EPISODE = `query($id: ID!) { custodialEpisode(id: $id) { id
  child { givenName familyName preferredName homeAuthority { id name } responsibleAuthority { id name } }
  supervisingService { id name localAuthorityId }
  resettlementPlan { pathways { id type status childView needSummary }
    referrals { id type status pathwayId toOrganisation { name } } } } }`;
const ORGANISATIONS = `query($filter: OrganisationFilter) { organisations(filter: $filter, first: 25) { edges { node { id name } } } }`;
const CREATE = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id version } }`;
const SEND = `mutation($input: ReferralMoveInput!) { sendReferral(input: $input) { id } }`;

type ReferralContext = Awaited<ReturnType<MakeReferralController['load']>>;

/**
 * The case manager refers the child from a pathway of the plan: to whom (the child's own area first, or any by
 * name), what the partner needs to know, then send (or keep a draft). The api checks who may and records it all.
 */
@Controller('plans/:episodeId/pathways/:pathwayId/referral')
export class MakeReferralController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  async form(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
    @Param('pathwayId', ParseUUIDPipe) pathwayId: string,
    @Query('q') q?: string,
  ) {
    const context = await this.load(request, episodeId, pathwayId);
    return this.render(request, reply, context, q, { childWishes: context.pathway.childView ?? '' });
  }

  @Post()
  async make(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
    @Param('pathwayId', ParseUUIDPipe) pathwayId: string,
    @Body() body: Record<string, string>,
  ) {
    const context = await this.load(request, episodeId, pathwayId);
    // Back from the check step: the form with what was typed.
    if (body?.submit === 'change') return this.render(request, reply, context, body?.q, body);
    const { value, errors } = validateForm(MakeReferralForm, body);
    if (errors) return this.render(request, reply, context, body?.q, body, errors, 400);
    // Sending is checked first: the answers in words, and what the partner will not be told.
    if (value.submit === 'send') return this.renderCheck(request, reply, context, body?.q, body);
    let referral: { id: string; version: number };
    try {
      ({ createReferral: referral } = await this.api.asUser<{ createReferral: { id: string; version: number } }>(
        request,
        CREATE,
        {
          input: {
            pathwayId,
            type: context.type,
            toOrganisationId: value.toOrganisationId,
            childWishes: value.childWishes || null,
            familyViews: value.familyViews || null,
            needsAndRisks: value.needsAndRisks || null,
          },
        },
      ));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') {
        return this.render(
          request,
          reply,
          context,
          body?.q,
          body,
          apiFormErrors(error, (path) => path.split('.').pop(), 'toOrganisationId'),
          400,
        );
      }
      throw error;
    }
    if (value.submit === 'confirm') {
      await this.api.asUser(request, SEND, { input: { referralId: referral.id, expectedVersion: referral.version } });
      flash(request, 'Referral sent');
    } else {
      flash(request, 'Referral saved as a draft: the partner cannot see it until you send it');
    }
    return reply.redirect(`/referrals/${referral.id}`, 303);
  }

  /** The episode and the pathway the referral is made from (NOT_FOUND unless it is the caller's and can refer). */
  private async load(request: FastifyRequest, episodeId: string, pathwayId: string) {
    const { custodialEpisode: episode } = await this.api.asUser<{ custodialEpisode: any }>(request, EPISODE, {
      id: episodeId,
    });
    const pathway = (episode.resettlementPlan?.pathways ?? []).find((p: { id: string }) => p.id === pathwayId);
    const type = pathway ? referralTypeFor(pathway.type) : null;
    if (!pathway || !type) throw new ApiError('Not found', 'NOT_FOUND');
    const existing = existingReferrals(episode.resettlementPlan?.referrals ?? [], pathwayId);
    return { episode, pathway, type, existing };
  }

  /** The check step before sending: the answers in words, warnings, then send (or back to change them). */
  private async renderCheck(
    request: FastifyRequest,
    reply: FastifyReply,
    context: ReferralContext,
    q: string | undefined,
    values: Record<string, string>,
  ) {
    const search = typeof q === 'string' ? q.trim().slice(0, 100) : '';
    const organisations = await this.organisationsFor(request, context, search);
    const to = organisations.find((o) => o.id === values.toOrganisationId)?.name ?? 'The organisation you chose';
    const answer = (name: string) => (typeof values[name] === 'string' ? values[name].trim() : '');
    return renderPage(request, reply, 'referrals/new-check.njk', {
      ...context,
      typeLabel: TYPE_LABELS[context.type],
      pathwayLabel: PATHWAY_LABELS[context.pathway.type],
      rows: [
        { key: { text: 'Who it is to' }, value: { text: to } },
        { key: { text: 'The child’s wishes' }, value: { text: answer('childWishes') } },
        { key: { text: 'The family’s views' }, value: { text: answer('familyViews') } },
        { key: { text: 'Needs and risks' }, value: { text: answer('needsAndRisks') } },
      ],
      // Nothing about the child at all: the partner would have only a name and a date to go on.
      nothingSaid: !answer('childWishes') && !answer('familyViews') && !answer('needsAndRisks'),
      hidden: ['toOrganisationId', 'childWishes', 'familyViews', 'needsAndRisks', 'q']
        .filter((name) => typeof values[name] === 'string')
        .map((name) => ({ name, value: values[name] })),
    });
  }

  /**
   * Whom the referral can be to: the child's own area first (its council, or its providers), then what the search
   * finds.
   */
  private async organisationsFor(
    request: FastifyRequest,
    context: ReferralContext,
    search: string,
  ): Promise<{ id: string; name: string }[]> {
    const { episode } = context;
    const organisationType = ORGANISATION_TYPE_FOR[context.type];
    const homeArea =
      episode.child.homeAuthority?.id ??
      episode.child.responsibleAuthority?.id ??
      episode.supervisingService.localAuthorityId;
    const find = async (filter: Record<string, unknown>) =>
      (
        await this.api.asUser<{ organisations: { edges: { node: { id: string; name: string } }[] } }>(
          request,
          ORGANISATIONS,
          { filter },
        )
      ).organisations.edges.map((e) => e.node);
    const own =
      organisationType === 'LOCAL_AUTHORITY'
        ? [episode.child.homeAuthority, episode.child.responsibleAuthority].filter(Boolean)
        : await find({ types: [organisationType], localAuthorityId: homeArea ?? undefined });
    const found = search ? await find({ types: [organisationType], nameContains: search }) : [];
    return [...new Map([...own, ...found].map((o: { id: string; name: string }) => [o.id, o])).values()];
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    context: ReferralContext,
    q: string | undefined,
    values: Record<string, string>,
    errors?: FormErrors,
    status = 200,
  ) {
    const search = typeof q === 'string' ? q.trim().slice(0, 100) : '';
    const organisations = await this.organisationsFor(request, context, search);
    return renderPage(
      request,
      reply,
      'referrals/new.njk',
      {
        ...context,
        statusLabels: STATUS_LABELS,
        search,
        typeLabel: TYPE_LABELS[context.type],
        pathwayLabel: PATHWAY_LABELS[context.pathway.type],
        organisationItems: organisations.map((o) => ({
          value: o.id,
          text: o.name,
          checked: values.toOrganisationId === o.id,
        })),
        values,
        errors,
      },
      status,
    );
  }
}

/** Referrals no longer open: a new one may be made without a second thought. */
const CLOSED = ['DECLINED', 'WITHDRAWN', 'FELL_THROUGH'];

/** The open referrals already made from this pathway (a draft, one with the partner, one confirmed). */
function existingReferrals<R extends { pathwayId: string; status: string }>(referrals: R[], pathwayId: string): R[] {
  return referrals.filter((r) => r.pathwayId === pathwayId && !CLOSED.includes(r.status));
}

import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { apiFormErrors, formError, FormErrors, validateForm } from '../forms/form-errors';
import { postedValues, PostedValuesOptions } from '../forms/posted-values';
import { renderPage } from '../http/page';
import { govukDate } from '../http/view-filters';
import { PATHWAY_LABELS } from '../plans/plan-labels';
import { flash } from '../session/portal-session';
import { ACCOMMODATION_KINDS, TOLD_HOW } from './fact-forms';
import {
  addressToTell,
  FACT_CONTEXT,
  FactEpisode,
  FactKey,
  FACTS,
  healthChoices,
  isFactKey,
  KIND_LABELS,
  Me,
  SEEN_LABELS,
  TOLD_HOW_LABELS,
} from './fact-specs';

type Values = Record<string, string>;
/** What a posted form of this page holds (see postedValues). */
const POSTED: PostedValuesOptions = { skip: ['step'], maxLength: 2000, unixLines: true };

interface Context {
  key: FactKey;
  episode: FactEpisode & { resettlementPlan: NonNullable<FactEpisode['resettlementPlan']> };
  me: Me;
}

/**
 * The facts deadlines are met by (issue 23), recorded by the case manager: where the child will live when no
 * referral is needed, that the child was told, the ETE place, each health handover. Each is a GOV.UK form, then a
 * check-your-answers step (the answers carried in hidden fields, so it works without JavaScript), then the api's
 * mutation; the api decides every record and every refusal, shown as an error summary on the form.
 */
@Controller('episodes/:episodeId/record')
export class FactsController {
  constructor(private readonly api: ApiClient) {}

  @Get(':fact')
  async form(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
    @Param('fact') fact: string,
  ) {
    const context = await this.load(request, episodeId, fact);
    return this.renderForm(request, reply, context, defaultsFor(context));
  }

  /** One address for the three steps: `step` is check (the form sent), change (back to the form), or confirm. */
  @Post(':fact')
  async post(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
    @Param('fact') fact: string,
    @Body() body: Values,
  ) {
    const context = await this.load(request, episodeId, fact);
    const values = postedValues(body, POSTED);
    if (body?.step === 'change') return this.renderForm(request, reply, context, values);
    const spec = FACTS[context.key];
    const { errors } = validateForm(spec.form, values);
    if (errors) return this.renderForm(request, reply, context, values, errors, 400);

    // Told about the address the page showed: if another was confirmed meanwhile (or none is now), say so.
    const address = addressToTell(context.episode.resettlementPlan);
    if (context.key === 'child-told' && (!address || address.id !== values.addressRecordId)) {
      return this.renderForm(
        request,
        reply,
        context,
        { ...values, addressRecordId: address?.id ?? '' },
        formError('address', addressChangedMessage(address)),
        409,
      );
    }
    if (body?.step !== 'confirm') {
      return renderPage(request, reply, 'facts/check.njk', {
        ...this.common(context),
        rows: spec.rows(values, { address: address?.address }),
        hidden: Object.entries(values).map(([name, value]) => ({ name, value })),
      });
    }

    try {
      await this.api.asUser(request, spec.mutation, {
        input: spec.input(context.episode.resettlementPlan.id, values),
      });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'BAD_USER_INPUT') {
        const fieldOf = (path: string) => spec.fieldOf[path.split('.').pop() ?? ''];
        return this.renderForm(request, reply, context, values, apiFormErrors(error, fieldOf, spec.firstField), 400);
      }
      if (error.code === 'CONFLICT') {
        // No longer applies (say, the address fell through): the form again, with what is there now.
        const fresh = await this.load(request, episodeId, fact);
        return this.renderForm(
          request,
          reply,
          fresh,
          { ...values, addressRecordId: addressToTell(fresh.episode.resettlementPlan)?.id ?? '' },
          formError(
            context.key === 'child-told' ? 'address' : spec.firstField,
            `${error.message}. Nothing was recorded.`,
          ),
          409,
        );
      }
      // The episode was just read, so it exists: NOT_FOUND or FORBIDDEN here is a refusal of the change itself.
      if (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN') {
        return this.renderForm(
          request,
          reply,
          context,
          values,
          formError(
            spec.firstField,
            `You cannot record this: only ${context.episode.supervisingService.name} can change this child’s plan. Nothing was recorded.`,
          ),
          403,
        );
      }
      throw error;
    }
    flash(request, spec.done(values));
    return reply.redirect(`/plans/${episodeId}`, 303);
  }

  // ---------------------------------------------------------------- internals

  /** The episode as the person may see it (another area's: the api's NOT_FOUND, the not-found page). */
  private async load(request: FastifyRequest, episodeId: string, fact: string): Promise<Context> {
    if (!isFactKey(fact)) throw new ApiError('Not found', 'NOT_FOUND');
    const { custodialEpisode: episode, me } = await this.api.asUser<{ custodialEpisode: FactEpisode; me: Me }>(
      request,
      FACT_CONTEXT,
      { id: episodeId },
    );
    if (!episode.resettlementPlan) throw new ApiError('Not found', 'NOT_FOUND');
    return { key: fact, episode: episode as Context['episode'], me };
  }

  private common(context: Context) {
    const spec = FACTS[context.key];
    const { child } = context.episode;
    return {
      fact: { key: context.key, title: spec.title, meets: spec.meets, button: spec.button },
      episode: context.episode,
      childName: `${child.preferredName || child.givenName} ${child.familyName}`,
    };
  }

  private renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    context: Context,
    values: Values,
    errors?: FormErrors,
    status = 200,
  ) {
    const plan = context.episode.resettlementPlan;
    const address = addressToTell(plan);
    const health = healthChoices(plan);
    const radios = (options: readonly string[], labels: Record<string, string>, chosen: string | undefined) =>
      options.map((value) => ({ value, text: labels[value], checked: chosen === value }));
    return renderPage(
      request,
      reply,
      `facts/${context.key}.njk`,
      {
        ...this.common(context),
        values,
        errors,
        address: address ? { ...address, confirmedOn: govukDate(address.confirmedAt.toISOString()) } : null,
        kindItems: radios(ACCOMMODATION_KINDS, KIND_LABELS, values.kind),
        howItems: radios(TOLD_HOW, TOLD_HOW_LABELS, values.how),
        seenItems: radios(['yes', 'no', 'unknown'], SEEN_LABELS, values.hasSeenIt),
        healthItems: health.map((h) => ({
          value: h.type,
          text: h.label,
          hint: h.handedOver
            ? { text: 'A handover is recorded already: record another only if it has changed' }
            : undefined,
          checked: values.pathwayType === h.type,
        })),
        healthOnly: health.length === 1 ? health[0] : null,
        placements: plan.etePlacements ?? [],
        handovers: (plan.healthHandovers ?? []).map((h) => ({ ...h, label: PATHWAY_LABELS[h.pathwayType] })),
      },
      status,
    );
  }
}

/** Sensible first answers: the address to tell, and the health need when only one still needs a handover. */
function defaultsFor(context: Context): Values {
  const plan = context.episode.resettlementPlan;
  if (context.key === 'child-told') return { addressRecordId: addressToTell(plan)?.id ?? '' };
  if (context.key === 'health-handover') {
    const choices = healthChoices(plan);
    const open = choices.filter((c) => !c.handedOver);
    const only = choices.length === 1 ? choices[0] : open.length === 1 ? open[0] : null;
    return only ? { pathwayType: only.type } : {};
  }
  return {};
}

function addressChangedMessage(address: { address: string; confirmedAt: Date } | null): string {
  return address
    ? `The confirmed address has changed since the page was loaded: it is now ${address.address.replace(/\s*\n\s*/g, ', ')} (confirmed on ${govukDate(address.confirmedAt.toISOString())}). Check it with the child and record it again. Nothing was recorded.`
    : 'No address is confirmed now: confirm the accommodation referral or record where the child will live first, then tell the child. Nothing was recorded.';
}

import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '@resettle/common';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { formError, FormErrors, validateForm } from '../forms/form-errors';
import { VersionedForm } from '../forms/portal-forms';
import { postedValues, PostedValuesOptions } from '../forms/posted-values';
import { renderPage } from '../http/page';
import { flash } from '../session/portal-session';
import { mayChangePlan } from './child-voice-forms';
import { INTERVENTION_FIELD_OF, interventionFields, InterventionForm } from './intervention-forms';
import { planChangeRefusal } from './plan-change-refusal';
import { INTERVENTIONS_PAGE, RECORD_INTERVENTION, REMOVE_INTERVENTION, UPDATE_INTERVENTION } from './plan-queries';

type Values = Record<string, string>;
/** What a posted form of this page holds (see postedValues). */
const POSTED: PostedValuesOptions = { maxLength: 5000, unixLines: true };

interface Intervention {
  id: string;
  name: string;
  orderDescription: string | null;
  completedOn: string | null;
  deliveredBy: string | null;
  outcome: string | null;
  version: number;
}

interface Loaded {
  me: { roles: string[]; organisationId: string };
  episode: {
    id: string;
    child: { id: string; givenName: string; familyName: string; preferredName: string | null };
    supervisingService: { id: string; name: string };
    resettlementPlan: {
      id: string;
      priorInterventions: Intervention[] | null;
      repeatedInterventions: { priorInterventionId: string; pathwayId: string; text: string }[] | null;
      history: { type: string; summary: string; recordedByName: string | null; createdAt: string }[] | null;
    };
  };
}

const STALE =
  'Someone else changed this intervention since you opened it. The page now shows what is there now: nothing you entered was saved';
const GONE = 'Someone else removed this intervention since you opened it: nothing was saved';

/**
 * Interventions the child did on earlier orders (what, when, by whom, how it went), changed in the portal (issue 20),
 * with the warning when the plan has one of them again. The twin of the circumstances page: changing or removing one
 * carries the version the page showed, and a stale one shows what is there now. The api decides every change.
 */
@Controller('plans/:episodeId/interventions')
export class InterventionsController {
  constructor(
    private readonly api: ApiClient,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
  ) {
    return this.renderList(request, reply, await this.load(request, id));
  }

  @Get('new')
  async addPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
  ) {
    return this.renderForm(request, reply, await this.load(request, id), null, {});
  }

  @Post('new')
  async add(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Body() body: Values,
  ) {
    return this.save(request, reply, id, null, postedValues(body, POSTED));
  }

  @Get(':interventionId')
  async changePage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('interventionId', ParseUUIDPipe) interventionId: string,
  ) {
    const loaded = await this.load(request, id);
    const found = interventionOf(loaded, interventionId);
    return this.renderForm(request, reply, loaded, found, valuesOf(found));
  }

  @Post(':interventionId')
  async change(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('interventionId', ParseUUIDPipe) interventionId: string,
    @Body() body: Values,
  ) {
    return this.save(request, reply, id, interventionId, postedValues(body, POSTED));
  }

  @Get(':interventionId/remove')
  async removePage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('interventionId', ParseUUIDPipe) interventionId: string,
  ) {
    const loaded = await this.load(request, id);
    return this.renderRemove(request, reply, loaded, interventionOf(loaded, interventionId));
  }

  @Post(':interventionId/remove')
  async remove(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('interventionId', ParseUUIDPipe) interventionId: string,
    @Body() body: Values,
  ) {
    const loaded = await this.load(request, id);
    const found = findIn(loaded, interventionId);
    if (!found) return this.renderList(request, reply, loaded, formError('interventions', GONE), 409);
    const { value, errors } = validateForm(VersionedForm, postedValues(body, POSTED));
    if (errors) return this.renderRemove(request, reply, loaded, found, errors, 400);
    try {
      await this.api.asUser(request, REMOVE_INTERVENTION, {
        input: { priorInterventionId: interventionId, expectedVersion: value.expectedVersion },
      });
    } catch (error) {
      const refusal = planChangeRefusal(error, {
        supervisingServiceName: loaded.episode.supervisingService.name,
        fieldOf: {},
        fallback: 'remove',
        stale: STALE,
      });
      if (!refusal.stale) return this.renderRemove(request, reply, loaded, found, refusal.errors, refusal.status);
      const fresh = await this.load(request, id);
      const now = findIn(fresh, interventionId);
      if (!now) return this.renderList(request, reply, fresh, formError('interventions', GONE), 409);
      return this.renderRemove(request, reply, fresh, now, formError('remove', STALE), 409);
    }
    flash(request, `Earlier intervention removed: ${found.name}`);
    return reply.redirect(`/plans/${id}/interventions`, 303);
  }

  // ---------------------------------------------------------------- internals

  private async save(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    interventionId: string | null,
    values: Values,
  ) {
    const loaded = await this.load(request, id);
    const existing = interventionId ? interventionOf(loaded, interventionId) : null;
    const { value, errors } = validateForm(InterventionForm, values);
    if (errors) return this.renderForm(request, reply, loaded, existing, values, errors, 400);
    const fields = interventionFields(value);
    if (fields.completedOn && fields.completedOn > this.clock.today())
      return this.renderForm(
        request,
        reply,
        loaded,
        existing,
        values,
        formError('completedOnDay', 'The day it was completed must be today or in the past'),
        400,
      );
    try {
      if (existing)
        await this.api.asUser(request, UPDATE_INTERVENTION, {
          input: { priorInterventionId: existing.id, expectedVersion: value.expectedVersion, ...fields },
        });
      else
        await this.api.asUser(request, RECORD_INTERVENTION, { input: { childId: loaded.episode.child.id, ...fields } });
    } catch (error) {
      const refusal = planChangeRefusal(error, {
        supervisingServiceName: loaded.episode.supervisingService.name,
        fieldOf: INTERVENTION_FIELD_OF,
        fallback: 'name',
        stale: STALE,
      });
      if (!refusal.stale || !existing)
        return this.renderForm(request, reply, loaded, existing, values, refusal.errors, refusal.status);
      // What is there now, beside what this person typed.
      const fresh = await this.load(request, id);
      const now = findIn(fresh, existing.id);
      if (!now) return this.renderList(request, reply, fresh, formError('interventions', GONE), 409);
      return this.renderForm(request, reply, fresh, now, valuesOf(now), formError('name', STALE), 409, values);
    }
    flash(request, `Earlier intervention saved: ${fields.name}`);
    return reply.redirect(`/plans/${id}/interventions`, 303);
  }

  /** The plan as the person may see it: the whole plan, or the not-found page (a partner sees only pathways). */
  private async load(request: FastifyRequest, episodeId: string): Promise<Loaded> {
    const { custodialEpisode: episode, me } = await this.api.asUser<{
      custodialEpisode: Loaded['episode'] | null;
      me: Loaded['me'];
    }>(request, INTERVENTIONS_PAGE, { id: episodeId });
    if (!episode?.resettlementPlan?.priorInterventions) throw new ApiError('Not found', 'NOT_FOUND');
    return { me, episode };
  }

  private page(loaded: Loaded) {
    const { child } = loaded.episode;
    return {
      episode: loaded.episode,
      childName: `${child.preferredName || child.givenName} ${child.familyName}`,
      mayChange: mayChangePlan(loaded.me, loaded.episode),
    };
  }

  private renderList(request: FastifyRequest, reply: FastifyReply, loaded: Loaded, errors?: FormErrors, status = 200) {
    const plan = loaded.episode.resettlementPlan;
    return renderPage(
      request,
      reply,
      'plans/interventions.njk',
      {
        ...this.page(loaded),
        interventions: plan.priorInterventions,
        repeats: plan.repeatedInterventions ?? [],
        history: (plan.history ?? []).filter((e) => e.type.startsWith('PRIOR_INTERVENTION_')).reverse(),
        errors,
      },
      status,
    );
  }

  private renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: Loaded,
    existing: Intervention | null,
    values: Values,
    errors?: FormErrors,
    status = 200,
    unsaved?: Values,
  ) {
    const date = [unsaved?.completedOnDay, unsaved?.completedOnMonth, unsaved?.completedOnYear].filter(Boolean);
    return renderPage(
      request,
      reply,
      'plans/intervention.njk',
      {
        ...this.page(loaded),
        existing,
        values,
        errors,
        unsaved: unsaved
          ? [
              { key: { text: 'Intervention' }, value: { text: unsaved.name || 'Empty' } },
              { key: { text: 'The order it was done on' }, value: { text: unsaved.orderDescription || 'Empty' } },
              { key: { text: 'Completed' }, value: { text: date.length ? date.join('/') : 'Empty' } },
              { key: { text: 'Who delivered it' }, value: { text: unsaved.deliveredBy || 'Empty' } },
              { key: { text: 'How it went' }, value: { text: unsaved.outcome || 'Empty' } },
            ]
          : null,
      },
      status,
    );
  }

  private renderRemove(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: Loaded,
    found: Intervention,
    errors?: FormErrors,
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      'plans/intervention-remove.njk',
      { ...this.page(loaded), intervention: found, errors },
      status,
    );
  }
}

function findIn(loaded: Loaded, id: string): Intervention | undefined {
  return loaded.episode.resettlementPlan.priorInterventions?.find((i) => i.id === id);
}

function interventionOf(loaded: Loaded, id: string): Intervention {
  const found = findIn(loaded, id);
  if (!found) throw new ApiError('Not found', 'NOT_FOUND');
  return found;
}

function valuesOf(i: Intervention): Values {
  const [year, month, day] = i.completedOn ? i.completedOn.split('-') : ['', '', ''];
  return {
    name: i.name,
    orderDescription: i.orderDescription ?? '',
    completedOnDay: day ? String(Number(day)) : '',
    completedOnMonth: month ? String(Number(month)) : '',
    completedOnYear: year,
    deliveredBy: i.deliveredBy ?? '',
    outcome: i.outcome ?? '',
    expectedVersion: String(i.version),
  };
}

import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { formError, FormErrors, validateForm } from '../forms/form-errors';
import { VersionedForm } from '../forms/portal-forms';
import { postedValues, PostedValuesOptions } from '../forms/posted-values';
import { renderPage } from '../http/page';
import { flash } from '../session/portal-session';
import { mayChangePlan } from './child-voice-forms';
import { CIRCUMSTANCE_FIELD_OF, CircumstanceForm, circumstanceInput } from './circumstance-forms';
import { planChangeRefusal } from './plan-change-refusal';
import { CIRCUMSTANCE_LABELS } from './plan-labels';
import { CIRCUMSTANCES_PAGE, RECORD_CIRCUMSTANCE, REMOVE_CIRCUMSTANCE } from './plan-queries';

type Values = Record<string, string>;
/** What a posted form of this page holds (see postedValues). */
const POSTED: PostedValuesOptions = { maxLength: 5000, unixLines: true };

interface Circumstance {
  id: string;
  kind: string;
  detail: string | null;
  response: string;
  version: number;
}

interface Loaded {
  me: { roles: string[]; organisationId: string };
  episode: {
    id: string;
    child: { givenName: string; familyName: string; preferredName: string | null };
    supervisingService: { id: string; name: string };
    resettlementPlan: {
      id: string;
      circumstances: Circumstance[] | null;
      history: { type: string; summary: string; recordedByName: string | null; createdAt: string }[] | null;
    };
  };
}

const STALE =
  'Someone else changed this circumstance since you opened it. The page now shows what is there now: nothing you entered was saved';
const GONE = 'Someone else removed this circumstance since you opened it: nothing was saved';

/**
 * A child's circumstances (looked after, a parent, a disability, an EHCP…) and what is done about each, changed in the
 * portal (issue 20). Changing or removing one carries the version the page showed: a stale one shows what is there
 * now, nothing overwritten. The api decides every change.
 */
@Controller('plans/:episodeId/circumstances')
export class CircumstancesController {
  constructor(private readonly api: ApiClient) {}

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
    return this.renderForm(request, reply, await this.load(request, id), null, { kind: '', detail: '', response: '' });
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

  @Get(':circumstanceId')
  async changePage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('circumstanceId', ParseUUIDPipe) circumstanceId: string,
  ) {
    const loaded = await this.load(request, id);
    const found = circumstanceOf(loaded, circumstanceId);
    return this.renderForm(request, reply, loaded, found, valuesOf(found));
  }

  @Post(':circumstanceId')
  async change(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('circumstanceId', ParseUUIDPipe) circumstanceId: string,
    @Body() body: Values,
  ) {
    return this.save(request, reply, id, circumstanceId, postedValues(body, POSTED));
  }

  @Get(':circumstanceId/remove')
  async removePage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('circumstanceId', ParseUUIDPipe) circumstanceId: string,
  ) {
    const loaded = await this.load(request, id);
    return this.renderRemove(request, reply, loaded, circumstanceOf(loaded, circumstanceId));
  }

  @Post(':circumstanceId/remove')
  async remove(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('circumstanceId', ParseUUIDPipe) circumstanceId: string,
    @Body() body: Values,
  ) {
    const loaded = await this.load(request, id);
    const found = loaded.episode.resettlementPlan.circumstances?.find((c) => c.id === circumstanceId);
    if (!found) return this.renderList(request, reply, loaded, formError('circumstances', GONE), 409);
    const { value, errors } = validateForm(VersionedForm, postedValues(body, POSTED));
    if (errors) return this.renderRemove(request, reply, loaded, found, errors, 400);
    try {
      await this.api.asUser(request, REMOVE_CIRCUMSTANCE, {
        input: { circumstanceId, expectedVersion: value.expectedVersion },
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
      const now = fresh.episode.resettlementPlan.circumstances?.find((c) => c.id === circumstanceId);
      if (!now) return this.renderList(request, reply, fresh, formError('circumstances', GONE), 409);
      return this.renderRemove(request, reply, fresh, now, formError('remove', STALE), 409);
    }
    flash(request, `Circumstance removed: ${CIRCUMSTANCE_LABELS[found.kind]}`);
    return reply.redirect(`/plans/${id}/circumstances`, 303);
  }

  // ---------------------------------------------------------------- internals

  private async save(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    circumstanceId: string | null,
    values: Values,
  ) {
    const loaded = await this.load(request, id);
    const existing = circumstanceId ? circumstanceOf(loaded, circumstanceId) : null;
    // The kind of one already recorded is not changed on its page.
    if (existing) values.kind = existing.kind;
    const { value, errors } = validateForm(CircumstanceForm, values);
    if (errors) return this.renderForm(request, reply, loaded, existing, values, errors, 400);
    try {
      await this.api.asUser(request, RECORD_CIRCUMSTANCE, {
        input: circumstanceInput(loaded.episode.resettlementPlan.id, value),
      });
    } catch (error) {
      const refusal = planChangeRefusal(error, {
        supervisingServiceName: loaded.episode.supervisingService.name,
        fieldOf: CIRCUMSTANCE_FIELD_OF,
        fallback: existing ? 'response' : 'kind',
        stale: STALE,
      });
      if (!refusal.stale)
        return this.renderForm(request, reply, loaded, existing, values, refusal.errors, refusal.status);
      // What is there now: the circumstance of that kind (someone else's), beside what this person typed.
      const fresh = await this.load(request, id);
      const now = fresh.episode.resettlementPlan.circumstances?.find((c) => c.kind === value.kind);
      if (!now) return this.renderForm(request, reply, fresh, null, values, formError('kind', GONE), 409);
      return this.renderForm(request, reply, fresh, now, valuesOf(now), formError('response', STALE), 409, values);
    }
    flash(request, `Circumstance saved: ${CIRCUMSTANCE_LABELS[value.kind]}`);
    return reply.redirect(`/plans/${id}/circumstances`, 303);
  }

  /** The plan as the person may see it: the whole plan, or the not-found page (a partner sees only pathways). */
  private async load(request: FastifyRequest, episodeId: string): Promise<Loaded> {
    const { custodialEpisode: episode, me } = await this.api.asUser<{
      custodialEpisode: Loaded['episode'] | null;
      me: Loaded['me'];
    }>(request, CIRCUMSTANCES_PAGE, { id: episodeId });
    if (!episode?.resettlementPlan?.circumstances) throw new ApiError('Not found', 'NOT_FOUND');
    return { me, episode };
  }

  private page(loaded: Loaded) {
    const { child } = loaded.episode;
    return {
      episode: loaded.episode,
      childName: `${child.preferredName || child.givenName} ${child.familyName}`,
      mayChange: mayChangePlan(loaded.me, loaded.episode),
      labels: CIRCUMSTANCE_LABELS,
    };
  }

  private renderList(request: FastifyRequest, reply: FastifyReply, loaded: Loaded, errors?: FormErrors, status = 200) {
    const plan = loaded.episode.resettlementPlan;
    return renderPage(
      request,
      reply,
      'plans/circumstances.njk',
      {
        ...this.page(loaded),
        circumstances: plan.circumstances,
        history: (plan.history ?? []).filter((e) => e.type.startsWith('CIRCUMSTANCE_')).reverse(),
        errors,
      },
      status,
    );
  }

  private renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: Loaded,
    existing: Circumstance | null,
    values: Values,
    errors?: FormErrors,
    status = 200,
    unsaved?: Values,
  ) {
    const recorded = new Set((loaded.episode.resettlementPlan.circumstances ?? []).map((c) => c.kind));
    return renderPage(
      request,
      reply,
      'plans/circumstance.njk',
      {
        ...this.page(loaded),
        existing,
        values,
        errors,
        kindItems: Object.entries(CIRCUMSTANCE_LABELS)
          .filter(([kind]) => !recorded.has(kind))
          .map(([kind, text]) => ({ value: kind, text, checked: values.kind === kind })),
        unsaved: unsaved
          ? [
              { key: { text: 'What it is for this child' }, value: { text: unsaved.detail || 'Empty' } },
              { key: { text: 'What is being done about it' }, value: { text: unsaved.response || 'Empty' } },
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
    found: Circumstance,
    errors?: FormErrors,
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      'plans/circumstance-remove.njk',
      { ...this.page(loaded), circumstance: found, errors },
      status,
    );
  }
}

function circumstanceOf(loaded: Loaded, id: string): Circumstance {
  const found = loaded.episode.resettlementPlan.circumstances?.find((c) => c.id === id);
  if (!found) throw new ApiError('Not found', 'NOT_FOUND');
  return found;
}

function valuesOf(c: Circumstance): Values {
  return { kind: c.kind, detail: c.detail ?? '', response: c.response, expectedVersion: String(c.version) };
}

import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '@resettle/common';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { apiFormErrors, formError, FormErrors, validateForm } from '../forms/form-errors';
import { VersionedForm } from '../forms/portal-forms';
import { postedValues, PostedValuesOptions } from '../forms/posted-values';
import { renderPage } from '../http/page';
import { flash } from '../session/portal-session';
import {
  ACTION_FIELD_OF,
  ActionForm,
  actionInput,
  mayBeResponsible,
  NEED_LEVEL_LABELS,
  NEED_LEVELS,
  PATHWAY_FIELD_OF,
  PATHWAY_STATUSES,
  PathwayForm,
  pathwayHistory,
  pathwayInput,
} from './pathway-forms';
import { PATHWAY_LABELS, PATHWAY_STATUS_LABELS } from './plan-labels';
import {
  ADD_PATHWAY_ACTION,
  AREA_ORGANISATIONS,
  PATHWAY_PAGE,
  UPDATE_PATHWAY,
  UPDATE_PATHWAY_ACTION,
} from './plan-queries';

type Values = Record<string, string>;
/** What a posted form of this page holds (see postedValues). */
const POSTED: PostedValuesOptions = { maxLength: 5000, unixLines: true };

interface PathwayView {
  id: string;
  type: string;
  version: number;
  status: string;
  needLevel: string | null;
  childView: string | null;
  ownerName: string | null;
  responsibleOrganisation: { id: string; name: string } | null;
  /** The policy's answer (CHANGE_PATHWAY): an establishment only for the pathways it owns, while it holds the child. */
  mayChange: boolean;
  actions: { id: string; description: string; dueDate: string | null; doneOn: string | null; version: number }[];
}

interface Loaded {
  me: { roles: string[]; organisationId: string };
  episode: {
    id: string;
    child: { givenName: string; familyName: string; preferredName: string | null };
    supervisingService: { id: string; name: string; localAuthorityId: string | null };
    currentEstablishment: { id: string; name: string } | null;
    resettlementPlan: { id: string; pathways: PathwayView[]; history: any[] | null };
  };
  pathway: PathwayView;
  /**
   * Whom the pathway can be made the responsibility of: the area's organisations, the one responsible now, and for
   * education and health the establishment holding the child (in custody).
   */
  organisations: { id: string; name: string }[];
}

const STALE =
  'Someone else changed this pathway since you opened it. The form now shows what is there now: nothing you entered was saved, so make your change again';

/**
 * One pathway of a child's plan, changed in the portal (issue 20): its status, need, named person and the child's
 * view (with the version the page showed: a stale one shows what is there now, nothing overwritten), its actions
 * (add one, mark one done) and its history naming people. Every change is a POST, then a redirect; the api decides.
 */
@Controller('plans/:episodeId/pathways/:pathwayId')
export class PathwaysController {
  constructor(
    private readonly api: ApiClient,
    private readonly clock: Clock,
  ) {}

  @Get()
  async page(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
    @Param('pathwayId', ParseUUIDPipe) pathwayId: string,
  ) {
    const loaded = await this.load(request, episodeId, pathwayId);
    return this.render(request, reply, loaded, valuesOf(loaded.pathway), {});
  }

  @Post()
  async update(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
    @Param('pathwayId', ParseUUIDPipe) pathwayId: string,
    @Body() body: Values,
  ) {
    const loaded = await this.load(request, episodeId, pathwayId);
    const values = postedValues(body, POSTED);
    const { value, errors } = validateForm(PathwayForm, values);
    if (errors) return this.render(request, reply, loaded, values, {}, errors, 400);
    try {
      await this.api.asUser(request, UPDATE_PATHWAY, { input: pathwayInput(pathwayId, value) });
    } catch (error) {
      const refusal = await this.refusal(request, error, loaded, PATHWAY_FIELD_OF, 'status');
      if (refusal.stale) {
        const fresh = await this.load(request, episodeId, pathwayId);
        return this.render(request, reply, fresh, valuesOf(fresh.pathway), {}, refusal.errors, 409, values);
      }
      return this.render(request, reply, loaded, values, {}, refusal.errors, refusal.status);
    }
    flash(request, `${PATHWAY_LABELS[loaded.pathway.type]} pathway saved`);
    return reply.redirect(`/plans/${episodeId}/pathways/${pathwayId}`, 303);
  }

  @Post('actions')
  async addAction(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
    @Param('pathwayId', ParseUUIDPipe) pathwayId: string,
    @Body() body: Values,
  ) {
    const loaded = await this.load(request, episodeId, pathwayId);
    const values = postedValues(body, POSTED);
    const { value, errors } = validateForm(ActionForm, values);
    const pathwayValues = valuesOf(loaded.pathway);
    if (errors) return this.render(request, reply, loaded, pathwayValues, values, errors, 400);
    try {
      await this.api.asUser(request, ADD_PATHWAY_ACTION, { input: actionInput(pathwayId, value) });
    } catch (error) {
      const refusal = await this.refusal(request, error, loaded, ACTION_FIELD_OF, 'description');
      return this.render(request, reply, loaded, pathwayValues, values, refusal.errors, refusal.status);
    }
    flash(request, `Action added: ${value.description}`);
    return reply.redirect(`/plans/${episodeId}/pathways/${pathwayId}#actions`, 303);
  }

  @Post('actions/:actionId/done')
  async done(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
    @Param('pathwayId', ParseUUIDPipe) pathwayId: string,
    @Param('actionId', ParseUUIDPipe) actionId: string,
    @Body() body: Values,
  ) {
    const loaded = await this.load(request, episodeId, pathwayId);
    const action = loaded.pathway.actions.find((a) => a.id === actionId);
    if (!action) throw new ApiError('Not found', 'NOT_FOUND');
    const { value, errors } = validateForm(VersionedForm, postedValues(body, POSTED));
    const pathwayValues = valuesOf(loaded.pathway);
    const field = `action-${actionId}`;
    if (errors) return this.render(request, reply, loaded, pathwayValues, {}, formError(field, STALE_ACTION), 400);
    try {
      await this.api.asUser(request, UPDATE_PATHWAY_ACTION, {
        input: { actionId, expectedVersion: value.expectedVersion, doneOn: this.clock.today() },
      });
    } catch (error) {
      const refusal = await this.refusal(request, error, loaded, {}, field);
      if (refusal.stale) {
        const fresh = await this.load(request, episodeId, pathwayId);
        return this.render(request, reply, fresh, valuesOf(fresh.pathway), {}, formError(field, STALE_ACTION), 409);
      }
      return this.render(request, reply, loaded, pathwayValues, {}, refusal.errors, refusal.status);
    }
    flash(request, `Done: ${action.description}`);
    return reply.redirect(`/plans/${episodeId}/pathways/${pathwayId}#actions`, 303);
  }

  // ---------------------------------------------------------------- internals

  /** The pathway as the person may see it (another area's, or a partner's other pathway: the not-found page). */
  private async load(request: FastifyRequest, episodeId: string, pathwayId: string): Promise<Loaded> {
    const { custodialEpisode: episode, me } = await this.api.asUser<{
      custodialEpisode: Loaded['episode'] | null;
      me: Loaded['me'];
    }>(request, PATHWAY_PAGE, { id: episodeId });
    const pathway = episode?.resettlementPlan?.pathways.find((p) => p.id === pathwayId);
    if (!episode || !pathway) throw new ApiError('Not found', 'NOT_FOUND');
    const area = episode.supervisingService.localAuthorityId
      ? (
          await this.api.asUser<{ organisations: { edges: { node: { id: string; name: string } }[] } }>(
            request,
            AREA_ORGANISATIONS,
            { filter: { localAuthorityId: episode.supervisingService.localAuthorityId } },
          )
        ).organisations.edges.map((e) => e.node)
      : [];
    const establishment =
      episode.currentEstablishment && mayBeResponsible(pathway.type) ? [episode.currentEstablishment] : [];
    const organisations = [
      ...new Map(
        [...(pathway.responsibleOrganisation ? [pathway.responsibleOrganisation] : []), ...establishment, ...area].map(
          (o) => [o.id, o],
        ),
      ).values(),
    ];
    return { me, episode, pathway, organisations };
  }

  /** The api's refusal, shaped for the form: its messages against the fields, a stale version, or not theirs. */
  private async refusal(
    request: FastifyRequest,
    error: unknown,
    loaded: Loaded,
    fieldOf: Record<string, string>,
    fallback: string,
  ): Promise<{ errors: FormErrors; status: number; stale?: boolean }> {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === 'BAD_USER_INPUT')
      return {
        errors: apiFormErrors(error, (path) => fieldOf[path.split('.').pop() ?? ''], fallback),
        status: 400,
      };
    if (error.code === 'CONFLICT') return { errors: formError(fallback, STALE), status: 409, stale: true };
    if (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')
      return {
        errors: formError(
          fallback,
          `You cannot change this pathway: ask ${loaded.episode.supervisingService.name}. Nothing was saved.`,
        ),
        status: 403,
      };
    throw error;
  }

  private render(
    request: FastifyRequest,
    reply: FastifyReply,
    { episode, pathway, organisations }: Loaded,
    values: Values,
    actionValues: Values,
    errors?: FormErrors,
    status = 200,
    unsaved?: Values,
  ) {
    const { child } = episode;
    return renderPage(
      request,
      reply,
      'plans/pathway.njk',
      {
        episode,
        pathway,
        pathwayLabel: PATHWAY_LABELS[pathway.type],
        childName: `${child.preferredName || child.givenName} ${child.familyName}`,
        mayChange: pathway.mayChange,
        values,
        actionValues,
        errors,
        unsaved: unsaved ? unsavedRows(unsaved, organisations) : null,
        organisationItems: [
          { value: '', text: 'None' },
          ...organisations.map((o) => ({
            value: o.id,
            text: o.name,
            selected: values.responsibleOrganisationId === o.id,
          })),
        ],
        statusItems: PATHWAY_STATUSES.map((s) => ({
          value: s,
          text: PATHWAY_STATUS_LABELS[s].text,
          checked: values.status === s,
        })),
        needItems: [
          { value: '', text: 'Not assessed yet', checked: !values.needLevel },
          ...NEED_LEVELS.map((n) => ({ value: n, text: NEED_LEVEL_LABELS[n], checked: values.needLevel === n })),
        ],
        statusLabels: PATHWAY_STATUS_LABELS,
        history: pathwayHistory(
          episode.resettlementPlan.history,
          pathway.id,
          pathway.actions.map((a) => a.id),
        ),
      },
      status,
    );
  }
}

const STALE_ACTION =
  'Someone else changed this action since you opened the page. It now shows what is there now: nothing was saved';

/** What the person typed on a stale page, to show beside what is there now. */
function unsavedRows(values: Values, organisations: { id: string; name: string }[]) {
  return [
    {
      key: { text: 'Organisation responsible' },
      value: { text: organisations.find((o) => o.id === values.responsibleOrganisationId)?.name ?? 'None' },
    },
    { key: { text: 'Status' }, value: { text: PATHWAY_STATUS_LABELS[values.status]?.text ?? '' } },
    { key: { text: 'Need' }, value: { text: NEED_LEVEL_LABELS[values.needLevel] ?? 'Not assessed yet' } },
    { key: { text: 'Named person' }, value: { text: values.ownerName || 'None' } },
    { key: { text: 'The child’s view' }, value: { text: values.childView || 'None' } },
  ];
}

function valuesOf(pathway: PathwayView): Values {
  return {
    expectedVersion: String(pathway.version),
    status: pathway.status,
    needLevel: pathway.needLevel ?? '',
    responsibleOrganisationId: pathway.responsibleOrganisation?.id ?? '',
    ownerName: pathway.ownerName ?? '',
    childView: pathway.childView ?? '',
  };
}

import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { formError, FormErrors, validateForm } from '../forms/form-errors';
import { VersionedForm } from '../forms/portal-forms';
import { postedValues, PostedValuesOptions } from '../forms/posted-values';
import { UnsavedAnswer, unsavedAnswers } from '../forms/unsaved';
import { renderPage } from '../http/page';
import { flash } from '../session/portal-session';
import {
  AGREEMENT_LABELS,
  AGREEMENT_RESPONSES,
  blockerLinks,
  CHILD_VOICE_FIELD_OF,
  CHILD_VOICE_FIELDS,
  ChildVoiceForm,
  childVoiceInput,
  EXPLANATION_FIELD_OF,
  ExplanationForm,
  explanationInput,
  mayChangePlan,
} from './child-voice-forms';
import { planChangeRefusal } from './plan-change-refusal';
import { MARK_PLAN_AGREED, PLAN_AGREEMENT_PAGE, RECORD_PLAN_EXPLANATION, UPDATE_CHILD_VOICE } from './plan-queries';

type Values = Record<string, string>;
/** What a posted form of this page holds (see postedValues). */
const POSTED: PostedValuesOptions = { maxLength: 5000, unixLines: true };

interface Agreement {
  childAgreement: string | null;
  childAgreementWords: string | null;
  parentCarerAgreement: string | null;
  parentCarerAgreementWords: string | null;
  explainedOn: string | null;
  explainedHow: string | null;
  blockerDetails: { text: string; pathwayId: string | null }[];
  agreedAt: string | null;
}

interface Loaded {
  me: { roles: string[]; organisationId: string };
  episode: {
    id: string;
    child: { givenName: string; familyName: string; preferredName: string | null };
    supervisingService: { id: string; name: string };
    resettlementPlan: {
      id: string;
      version: number;
      status: string;
      childVoice: Record<string, string | null> | null;
      agreement: Agreement | null;
      pathways: { id: string; type: string }[];
    };
  };
}

const STALE =
  'Someone else changed this plan since you opened it. The form now shows what is there now: nothing you entered was saved, so make your change again';

/**
 * The plan as a whole, changed in the portal (issue 20): the child's voice, how the plan was explained and the
 * child's and parent or carer's answers, and marking it agreed after checking the answers. Each POST carries the
 * version the page showed (a stale one shows what is there now, nothing overwritten); the api decides.
 */
@Controller('plans/:episodeId')
export class AgreementController {
  constructor(private readonly api: ApiClient) {}

  @Get('child-voice')
  async voicePage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
  ) {
    const loaded = await this.load(request, id);
    return this.renderVoice(request, reply, loaded, voiceValues(loaded));
  }

  @Post('child-voice')
  async saveVoice(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Body() body: Values,
  ) {
    const loaded = await this.load(request, id);
    const values = postedValues(body, POSTED);
    const { value, errors } = validateForm(ChildVoiceForm, values);
    if (errors) return this.renderVoice(request, reply, loaded, values, errors, 400);
    try {
      await this.api.asUser(request, UPDATE_CHILD_VOICE, {
        input: childVoiceInput(loaded.episode.resettlementPlan.id, value),
      });
    } catch (error) {
      const refusal = planChangeRefusal(error, {
        supervisingServiceName: loaded.episode.supervisingService.name,
        fieldOf: CHILD_VOICE_FIELD_OF,
        fallback: 'selfAssessment',
        stale: STALE,
      });
      if (refusal.stale) {
        const fresh = await this.load(request, id);
        return this.renderVoice(request, reply, fresh, voiceValues(fresh), refusal.errors, 409, values);
      }
      return this.renderVoice(request, reply, loaded, values, refusal.errors, refusal.status);
    }
    flash(request, 'The child’s voice saved');
    return reply.redirect(`/plans/${id}#child-voice`, 303);
  }

  @Get('agreement')
  async agreementPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
  ) {
    const loaded = await this.load(request, id);
    return this.renderAgreement(request, reply, loaded, agreementValues(loaded));
  }

  @Post('agreement')
  async recordExplanation(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Body() body: Values,
  ) {
    const loaded = await this.load(request, id);
    const values = postedValues(body, POSTED);
    const { value, errors } = validateForm(ExplanationForm, values);
    if (errors) return this.renderAgreement(request, reply, loaded, values, errors, 400);
    try {
      await this.api.asUser(request, RECORD_PLAN_EXPLANATION, {
        input: explanationInput(loaded.episode.resettlementPlan.id, value),
      });
    } catch (error) {
      const refusal = planChangeRefusal(error, {
        supervisingServiceName: loaded.episode.supervisingService.name,
        fieldOf: EXPLANATION_FIELD_OF,
        fallback: 'explainedOnDay',
        stale: STALE,
      });
      if (refusal.stale) {
        const fresh = await this.load(request, id);
        const now = agreementValues(fresh);
        const unsaved = unsavedAnswers(values, now, EXPLANATION_LABELS);
        return this.renderAgreement(request, reply, fresh, now, refusal.errors, 409, unsaved);
      }
      return this.renderAgreement(request, reply, loaded, values, refusal.errors, refusal.status);
    }
    return reply.redirect(`/plans/${id}/agreement/check`, 303);
  }

  /** Check your answers: what was recorded and what still blocks agreement, then mark it agreed. */
  @Get('agreement/check')
  async check(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
  ) {
    return this.renderCheck(request, reply, await this.load(request, id));
  }

  @Post('agreement/agreed')
  async markAgreed(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Body() body: Values,
  ) {
    const loaded = await this.load(request, id);
    const { value, errors } = validateForm(VersionedForm, postedValues(body, POSTED));
    if (errors) return this.renderCheck(request, reply, loaded, formError('agree', STALE), 400);
    try {
      await this.api.asUser(request, MARK_PLAN_AGREED, {
        input: { planId: loaded.episode.resettlementPlan.id, expectedVersion: value.expectedVersion },
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        // A stale version, or something still blocks agreement: the page shows what is there now and why.
        const fresh = await this.load(request, id);
        const blocked = (fresh.episode.resettlementPlan.agreement?.blockerDetails.length ?? 0) > 0;
        const text = blocked ? 'The plan cannot be marked agreed yet: see what still blocks it' : STALE;
        return this.renderCheck(request, reply, fresh, formError('agree', text), 409);
      }
      const r = planChangeRefusal(error, {
        supervisingServiceName: loaded.episode.supervisingService.name,
        fieldOf: {},
        fallback: 'agree',
        stale: STALE,
      });
      return this.renderCheck(request, reply, loaded, r.errors, r.status);
    }
    flash(request, 'The plan is marked agreed');
    return reply.redirect(`/plans/${id}#agreement`, 303);
  }

  // ---------------------------------------------------------------- internals

  /** The plan as the person may see it: the whole plan, or the not-found page (a partner sees only pathways). */
  private async load(request: FastifyRequest, episodeId: string): Promise<Loaded> {
    const { custodialEpisode: episode, me } = await this.api.asUser<{
      custodialEpisode: Loaded['episode'] | null;
      me: Loaded['me'];
    }>(request, PLAN_AGREEMENT_PAGE, { id: episodeId });
    if (!episode?.resettlementPlan?.agreement) throw new ApiError('Not found', 'NOT_FOUND');
    return { me, episode };
  }

  private page(loaded: Loaded) {
    const { child } = loaded.episode;
    return {
      episode: loaded.episode,
      plan: loaded.episode.resettlementPlan,
      childName: `${child.preferredName || child.givenName} ${child.familyName}`,
      mayChange: mayChangePlan(loaded.me, loaded.episode),
    };
  }

  private renderVoice(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: Loaded,
    values: Values,
    errors?: FormErrors,
    status = 200,
    unsaved?: Values,
  ) {
    return renderPage(
      request,
      reply,
      'plans/child-voice.njk',
      {
        ...this.page(loaded),
        values,
        errors,
        fields: CHILD_VOICE_FIELDS,
        // What the person typed on a stale page, beside what is there now.
        unsaved: unsaved
          ? CHILD_VOICE_FIELDS.map((f) => ({ key: { text: f.label }, value: { text: unsaved[f.name] || 'Empty' } }))
          : null,
      },
      status,
    );
  }

  private renderAgreement(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: Loaded,
    values: Values,
    errors?: FormErrors,
    status = 200,
    unsaved?: UnsavedAnswer[],
  ) {
    const items = (name: string, withNone: boolean) => [
      ...(withNone ? [{ value: '', text: 'No parent or carer was involved', checked: !values[name] }] : []),
      ...AGREEMENT_RESPONSES.map((r) => ({ value: r, text: AGREEMENT_LABELS[r], checked: values[name] === r })),
    ];
    return renderPage(
      request,
      reply,
      'plans/agreement.njk',
      {
        ...this.page(loaded),
        values,
        errors,
        unsaved,
        childItems: items('childAgreement', false),
        parentItems: items('parentCarerAgreement', true),
      },
      status,
    );
  }

  private renderCheck(request: FastifyRequest, reply: FastifyReply, loaded: Loaded, errors?: FormErrors, status = 200) {
    const plan = loaded.episode.resettlementPlan;
    return renderPage(
      request,
      reply,
      'plans/agreement-check.njk',
      {
        ...this.page(loaded),
        agreement: plan.agreement,
        labels: AGREEMENT_LABELS,
        blockers: blockerLinks(plan.agreement?.blockerDetails ?? [], loaded.episode.id),
        errors,
      },
      status,
    );
  }
}

function voiceValues({ episode }: Loaded): Values {
  const voice = episode.resettlementPlan.childVoice ?? {};
  const values: Values = { expectedVersion: String(episode.resettlementPlan.version) };
  for (const { name } of CHILD_VOICE_FIELDS) values[name] = voice[name] ?? '';
  return values;
}

/** The explanation's answers as the form labels them, for what was not saved when someone else changed the plan. */
const EXPLANATION_LABELS: Record<string, string> = {
  explainedOn: 'When the plan was explained',
  explainedHow: 'How it was explained, and by whom',
  childAgreement: 'Does the child agree',
  childAgreementWords: 'What the child said',
  parentCarerAgreement: 'Does the parent or carer agree',
  parentCarerAgreementWords: 'What the parent or carer said',
};

function agreementValues({ episode }: Loaded): Values {
  const a = episode.resettlementPlan.agreement;
  const [year, month, day] = a?.explainedOn?.split('-') ?? ['', '', ''];
  return {
    expectedVersion: String(episode.resettlementPlan.version),
    explainedOnDay: day ? String(Number(day)) : '',
    explainedOnMonth: month ? String(Number(month)) : '',
    explainedOnYear: year ?? '',
    explainedHow: a?.explainedHow ?? '',
    childAgreement: a?.childAgreement ?? '',
    childAgreementWords: a?.childAgreementWords ?? '',
    parentCarerAgreement: a?.parentCarerAgreement ?? '',
    parentCarerAgreementWords: a?.parentCarerAgreementWords ?? '',
  };
}

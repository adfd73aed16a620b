import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '@resettle/common';
import { reasonForDifferentRemandDays, remandCreditDifference, remandDaysKnown } from '@resettle/custody';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { dateFromParts } from '../forms/date-input';
import { apiFormErrors, formError, FormErrors, validateForm } from '../forms/form-errors';
import { postedValues, PostedValuesOptions } from '../forms/posted-values';
import { renderPage } from '../http/page';
import { govukDate, humanDates } from '../http/view-filters';
import { MILESTONE_LABELS } from '../plans/plan-labels';
import { flash } from '../session/portal-session';
import {
  CustodyEpisodeRef,
  deadlineChanges,
  earlyReleaseApplies,
  EarlyReleaseForm,
  mayChangeCustody,
  MilestoneDue,
  SENTENCE_FIELD_OF,
  SENTENCE_TYPE_LABELS,
  SENTENCE_TYPES,
  sentenceDateProblem,
  SentenceForm,
  sentenceInput,
} from './establishment-forms';
import { sentenceAtHearingNotice } from './hearing-forms';

type Values = Record<string, string>;
/** What a posted form of this page holds (see postedValues). */
const POSTED: PostedValuesOptions = { skip: ['step'], maxLength: 1000 };

/** What the custody pages need of the episode, and who is asking. */
const CUSTODY_CONTEXT = `query($id: ID!) {
  me { roles organisationId }
  custodialEpisode(id: $id) { id version status startDate remandDate sentenceType expectedReleaseDate daysToRelease
    earliestReleaseDate midTermDate latestReleaseDate earlyReleaseDate
    child { givenName familyName preferredName dateOfBirth }
    currentEstablishment { id name } supervisingService { id name }
    milestones { key dueDate status }
    hearings { id hearingDate court purpose outcome wentTo cancellationReason } } }`;

const RELEASE_DATES = `query($input: ReleaseDateInput!) { calculateReleaseDates(input: $input) {
  sentenceEndDate midTermDate earliestReleaseDate latestReleaseDate paroleEligibilityDate releaseDate
  fridayOrPreHolidayRelease broughtForwardDate furtherSupervisionEndDate immediateRelease notes } }`;

const RECORD_SENTENCE = `mutation($input: RecordSentenceInput!) { recordSentence(input: $input) {
  id version expectedReleaseDate milestones { key dueDate status } } }`;

const GRANT_EARLY_RELEASE = `mutation($input: GrantEarlyReleaseInput!) { grantEarlyRelease(input: $input) {
  id earlyReleaseDate expectedReleaseDate } }`;

interface Episode extends CustodyEpisodeRef {
  id: string;
  version: number;
  startDate: string;
  remandDate: string | null;
  sentenceType: string | null;
  expectedReleaseDate: string | null;
  daysToRelease: number | null;
  earliestReleaseDate: string | null;
  midTermDate: string | null;
  latestReleaseDate: string | null;
  earlyReleaseDate: string | null;
  child: { givenName: string; familyName: string; preferredName: string | null; dateOfBirth: string | null };
  currentEstablishment: { id: string; name: string };
  supervisingService: { id: string; name: string };
  milestones: MilestoneDue[];
  hearings: {
    id: string;
    hearingDate: string;
    court: string;
    purpose: string;
    outcome: string | null;
    wentTo: string | null;
    cancellationReason: string | null;
  }[];
}

interface Me {
  roles: string[];
  organisationId: string | null;
}

/**
 * The custody record in the portal for the establishment holding the child (and the supervising service, whom the
 * api lets do the same): record a sentence, previewed with the api's public release-date calculator before it is
 * saved, then what it changed in the plan's deadlines; and early release of a DTO on a working day. GOV.UK forms
 * that work without JavaScript; the api decides every change and every refusal, shown as an error summary.
 */
@Controller('episodes/:episodeId')
export class CustodyController {
  constructor(
    private readonly api: ApiClient,
    private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------- record a sentence

  @Get('sentence')
  async sentenceForm(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
  ) {
    const { episode, me } = await this.load(request, episodeId);
    const refused = notYours(me, episode, 'sentenceType');
    return this.renderSentenceForm(
      request,
      reply,
      episode,
      { expectedVersion: String(episode.version) },
      refused,
      refused ? 403 : 200,
    );
  }

  /** One address for the three steps: `step` is preview (the form sent), change (back to the form), or confirm. */
  @Post('sentence')
  async sentencePost(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
    @Body() body: Values,
  ) {
    const { episode } = await this.load(request, episodeId);
    const values = postedValues(body, POSTED);
    values.expectedVersion ||= String(episode.version);
    if (body?.step === 'change') return this.renderSentenceForm(request, reply, episode, values);
    const { errors } = validateForm(SentenceForm, values);
    if (errors) return this.renderSentenceForm(request, reply, episode, values, errors, 400);
    // After remand the days on remand are known: an empty box credits them; a credit that differs needs a reason.
    const typedDate = dateFromParts(values.sentenceDateDay, values.sentenceDateMonth, values.sentenceDateYear) ?? '';
    const known = episode.status === 'REMANDED' ? remandDaysKnown(episode.remandDate, typedDate) : null;
    const sentence = sentenceInput(values, known);
    const creditProblem =
      known === null
        ? null
        : reasonForDifferentRemandDays(known, Number(sentence.remandDays), values.reasonForDifferentRemandDays);
    if (creditProblem) {
      const errors = formError('reasonForDifferentRemandDays', creditProblem);
      return this.renderSentenceForm(request, reply, episode, values, errors, 400);
    }
    const reason = known !== null && remandCreditDifference(known, Number(sentence.remandDays));
    const dateProblem = sentenceDateProblem(String(sentence.sentenceDate), this.clock.today(), episode.startDate);
    if (dateProblem) {
      return this.renderSentenceForm(request, reply, episode, values, formError('sentenceDateDay', dateProblem), 400);
    }
    const fieldOf = (path: string) => SENTENCE_FIELD_OF[path.split('.').pop() ?? ''];
    // A hearing waiting for its outcome: the sentence closes it, or (dated before it) would be refused.
    const atHearing = sentenceAtHearingNotice(episode, String(sentence.sentenceDate));
    if (atHearing?.refused) {
      const errors = formError('sentenceDateDay', atHearing.text);
      return this.renderSentenceForm(request, reply, episode, values, errors, 400);
    }

    if (body?.step !== 'confirm') {
      // The preview: the api's own calculator, the same arithmetic the record will use.
      let dates: Record<string, unknown>;
      try {
        ({ calculateReleaseDates: dates } = await this.api.asUser<{ calculateReleaseDates: Record<string, unknown> }>(
          request,
          RELEASE_DATES,
          { input: { ...sentence, ...(episode.child.dateOfBirth && { dateOfBirth: episode.child.dateOfBirth }) } },
        ));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') {
          return this.renderSentenceForm(
            request,
            reply,
            episode,
            values,
            apiFormErrors(error, fieldOf, 'sentenceType'),
            400,
          );
        }
        throw error;
      }
      return renderPage(request, reply, 'establishment/sentence-preview.njk', {
        ...common(episode),
        dates,
        // The calculator's explanation lines, with its dates in words.
        notes: ((dates.notes as string[] | undefined) ?? []).map(humanDates),
        atHearing,
        answers: [
          ...sentenceAnswers(values, known),
          ...(reason
            ? [
                { key: 'Remand credit differs', value: reason },
                { key: 'Why', value: values.reasonForDifferentRemandDays.trim() },
              ]
            : []),
        ],
        hidden: Object.entries(values).map(([name, value]) => ({ name, value })),
      });
    }

    let after: { milestones: MilestoneDue[]; expectedReleaseDate: string | null };
    try {
      ({ recordSentence: after } = await this.api.asUser<{ recordSentence: typeof after }>(request, RECORD_SENTENCE, {
        input: {
          episodeId,
          expectedVersion: Number(values.expectedVersion),
          sentence,
          ...(reason && { reasonForDifferentRemandDays: values.reasonForDifferentRemandDays.trim() }),
        },
      }));
    } catch (error) {
      const refused = this.refusal(error, episode, fieldOf, 'sentenceType');
      if (!refused) throw error;
      // A change made meanwhile: the form again against the episode as it is now.
      const fresh = refused.status === 409 ? (await this.load(request, episodeId)).episode : episode;
      if (refused.status === 409) values.expectedVersion = String(fresh.version);
      return this.renderSentenceForm(request, reply, fresh, values, refused.errors, refused.status);
    }
    const changes = deadlineChanges(episode.milestones, after.milestones);
    return renderPage(request, reply, 'establishment/sentence-recorded.njk', {
      ...common(episode),
      expectedReleaseDate: after.expectedReleaseDate,
      changes,
      labels: MILESTONE_LABELS,
    });
  }

  // ---------------------------------------------------------------- early release

  @Get('early-release')
  async earlyReleaseForm(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
  ) {
    const { episode, me } = await this.load(request, episodeId);
    const refused = notYours(me, episode, 'releaseOnDay');
    return this.renderEarlyRelease(
      request,
      reply,
      episode,
      { expectedVersion: String(episode.version) },
      refused,
      refused ? 403 : 200,
    );
  }

  @Post('early-release')
  async earlyReleasePost(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
    @Body() body: Values,
  ) {
    const { episode } = await this.load(request, episodeId);
    const values = postedValues(body, POSTED);
    values.expectedVersion ||= String(episode.version);
    const { errors } = validateForm(EarlyReleaseForm, values);
    if (errors) return this.renderEarlyRelease(request, reply, episode, values, errors, 400);
    const releaseOn = dateFromParts(values.releaseOnDay, values.releaseOnMonth, values.releaseOnYear);
    try {
      await this.api.asUser(request, GRANT_EARLY_RELEASE, {
        input: { episodeId, expectedVersion: Number(values.expectedVersion), releaseOn },
      });
    } catch (error) {
      const refused = this.refusal(error, episode, () => 'releaseOnDay', 'releaseOnDay');
      if (!refused) throw error;
      const fresh = refused.status === 409 ? (await this.load(request, episodeId)).episode : episode;
      if (refused.status === 409) values.expectedVersion = String(fresh.version);
      return this.renderEarlyRelease(request, reply, fresh, values, refused.errors, refused.status);
    }
    flash(
      request,
      `Early release is recorded: ${common(episode).childName} is expected to leave on ${govukDate(releaseOn!)}`,
    );
    return reply.redirect(`/plans/${episodeId}`, 303);
  }

  // ---------------------------------------------------------------- internals

  /** The episode as the person may see it (another's: the api's NOT_FOUND, the not-found page). */
  private async load(request: FastifyRequest, episodeId: string): Promise<{ episode: Episode; me: Me }> {
    const { custodialEpisode: episode, me } = await this.api.asUser<{ custodialEpisode: Episode; me: Me }>(
      request,
      CUSTODY_CONTEXT,
      { id: episodeId },
    );
    return { episode, me };
  }

  /** What the api refused, as the form's errors; null for what is not a refusal of this change. */
  private refusal(
    error: unknown,
    episode: Episode,
    fieldOf: (path: string) => string | undefined,
    firstField: string,
  ): { errors: FormErrors; status: number } | null {
    if (!(error instanceof ApiError)) return null;
    if (error.code === 'BAD_USER_INPUT') return { errors: apiFormErrors(error, fieldOf, firstField), status: 400 };
    if (error.code === 'CONFLICT') {
      return {
        errors: formError(
          firstField,
          `${error.message.replace(/\.$/, '')}. Nothing was saved: check the record as it is now and try again.`,
        ),
        status: 409,
      };
    }
    // The episode was just read, so it exists: NOT_FOUND or FORBIDDEN here is a refusal of the change itself.
    if (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN') {
      return { errors: formError(firstField, `${cannotChange(episode)} Nothing was saved.`), status: 403 };
    }
    return null;
  }

  private renderSentenceForm(
    request: FastifyRequest,
    reply: FastifyReply,
    episode: Episode,
    values: Values,
    errors?: FormErrors,
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      'establishment/sentence.njk',
      {
        ...common(episode),
        values,
        errors,
        atHearing: sentenceAtHearingNotice(episode),
        typeItems: SENTENCE_TYPES.map((value) => ({
          value,
          text: SENTENCE_TYPE_LABELS[value],
          checked: values.sentenceType === value,
        })),
      },
      status,
    );
  }

  private renderEarlyRelease(
    request: FastifyRequest,
    reply: FastifyReply,
    episode: Episode,
    values: Values,
    errors?: FormErrors,
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      'establishment/early-release.njk',
      { ...common(episode), values, errors, applies: earlyReleaseApplies(episode) },
      status,
    );
  }
}

function cannotChange(episode: Episode): string {
  return `You cannot change this custody record: only ${episode.currentEstablishment.name}, where the child is held, or ${episode.supervisingService.name} can, while the child is in custody.`;
}

/** Someone who may read the child but not change the custody record is told so on the form, never "Page not found". */
function notYours(me: Me, episode: Episode, field: string): FormErrors | undefined {
  return mayChangeCustody(me, episode) ? undefined : formError(field, cannotChange(episode));
}

function common(episode: Episode) {
  const { child } = episode;
  return { episode, childName: `${child.preferredName || child.givenName} ${child.familyName}` };
}

/** The preview's summary of what was typed. */
function sentenceAnswers(values: Values, known: number | null): { key: string; value: string }[] {
  const input = sentenceInput(values, known);
  const rows = [
    { key: 'Type of sentence', value: SENTENCE_TYPE_LABELS[values.sentenceType] },
    { key: 'Date of the sentence', value: govukDate(String(input.sentenceDate)) },
  ];
  if (input.termMonths !== undefined) rows.push({ key: 'Length', value: `${String(input.termMonths)} months` });
  if (input.extensionMonths !== undefined) {
    rows.push({ key: 'Extended licence period', value: `${String(input.extensionMonths)} months` });
  }
  rows.push({ key: 'Days on remand', value: String(input.remandDays) });
  rows.push({ key: 'Days on tagged bail', value: String(input.taggedBailDays) });
  if (values.sentenceType === 'S250') {
    rows.push({
      key: 'Offence',
      value:
        [
          input.qualifyingSeriousOffence && 'A most serious violent or sexual offence',
          input.excludedFromFortyPercentRelease && 'Excluded from the 40% release scheme',
        ]
          .filter(Boolean)
          .join('; ') || 'Neither most serious nor excluded from 40% release',
    });
  }
  return rows;
}

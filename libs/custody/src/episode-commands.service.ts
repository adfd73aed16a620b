import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, QueryFailedError } from 'typeorm';
import { Caller, Role } from '@resettle/access';
import { AuditService } from '@resettle/audit';
import { ChildrenService } from '@resettle/children';
import { BadUserInputError, Clock, ConflictError, todayIso } from '@resettle/common';
import { lockAtVersion } from '@resettle/database';
import { UsersService } from '@resettle/identity';
import { NotificationsService } from '@resettle/notifications';
import { OrganisationsService, OrganisationType, SECURE_ESTABLISHMENT_TYPES } from '@resettle/organisations';
import { CustodyService } from './custody.service';
import {
  EpisodeEventType,
  EpisodeStatus,
  HearingOutcome,
  IN_CUSTODY_STATUSES,
  SentenceTypeEnum,
} from './custody-enums';
import {
  AssignCaseManagerInput,
  ClearReleaseDateOverrideInput,
  EpisodeChangeInput,
  GrantEarlyReleaseInput,
  OrderLateReleaseInput,
  OverrideReleaseDateInput,
  RecordRecallInput,
  RecordReleaseInput,
  RecordSentenceInput,
  SentenceInput,
  StartCustodialEpisodeInput,
  TransferEpisodeInput,
  TransferSupervisionInput,
} from './dto/episode.inputs';
import { CaseManagerAssignment } from './entities/case-manager-assignment.entity';
import { CourtHearing } from './entities/court-hearing.entity';
import { CustodialEpisode } from './entities/custodial-episode.entity';
import { EpisodeEvent } from './entities/episode-event.entity';
import { EstablishmentTransfer } from './entities/establishment-transfer.entity';
import { Sentence } from './entities/sentence.entity';
import { SupervisionTransfer } from './entities/supervision-transfer.entity';
import { EpisodeLifecycle, SupervisionHandOver } from './episode-lifecycle';
import { ReleaseDates } from './release-dates/release-dates';
import { sentenceAtWaitingHearingProblem } from './rules/court-hearing';
import { earlyReleaseDay } from './rules/early-release-day';
import { expectedReleaseDate } from './rules/expected-release-date';
import { leavingDayNote } from './rules/leaving-day';
import { releaseDeparture } from './rules/release-departure';
import { reasonForDifferentRemandDays, remandCreditDifference, remandDaysKnown } from './rules/remand-credit';
import { supervisionTransferDateProblem } from './rules/supervision-transfer-date';

/** A change of an episode, as its history records it. */
export interface EpisodeChange {
  type: EpisodeEventType;
  effectiveDate: string;
  summary: string;
  details: Record<string, unknown>;
}

/** The partial unique index that allows one episode in custody per child (see the migrations). */
const OPEN_EPISODE_PER_CHILD = 'uq_custodial_episode_open_per_child';

const RELEASE_DATE_FIELDS = [
  'sentenceEndDate',
  'midTermDate',
  'earliestReleaseDate',
  'latestReleaseDate',
  'paroleEligibilityDate',
  'releaseDate',
  'broughtForwardDate',
  'furtherSupervisionEndDate',
] as const;

/**
 * The episode commands: start an episode, record a sentence, early or late release, transfer, release, recall, a
 * release date set by hand, a new case manager. Every change runs in one transaction that locks the episode, checks
 * the caller's version, and appends to the episode's history, so two agencies editing at once never silently
 * overwrite each other; other features join the transaction through `EpisodeLifecycle`.
 */
@Injectable()
export class EpisodeCommands {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly custody: CustodyService,
    private readonly children: ChildrenService,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly lifecycle: EpisodeLifecycle,
    private readonly notifications: NotificationsService,
  ) {}

  // ---------------------------------------------------------------- changes

  async startEpisode(input: StartCustodialEpisodeInput, caller: Caller): Promise<CustodialEpisode> {
    if (!!input.remandDate === !!input.sentence) {
      throw BadUserInputError.forField(
        'remandDate',
        'Give either remandDate (for a remand) or sentence, not both or neither',
      );
    }
    const child = await this.children.get(input.childId);
    const establishment = await this.organisations.getOfType(
      input.establishmentId,
      SECURE_ESTABLISHMENT_TYPES,
      'establishmentId',
    );
    const service = await this.organisations.getOfType(
      input.supervisingServiceId,
      [OrganisationType.YOUTH_JUSTICE_SERVICE],
      'supervisingServiceId',
    );
    if (input.caseManagerId) await this.assertCaseManagerOf(input.caseManagerId, service.id);
    const startDate = input.remandDate ?? input.sentence!.sentenceDate;
    const court = input.court?.trim() || null;
    const byCourt = court ? ` by ${court}` : '';
    this.assertNotFuture(startDate, input.remandDate ? 'remandDate' : 'sentence.sentenceDate');
    const dates = input.sentence ? this.datesFor(input.sentence, child.dateOfBirth) : null;

    const alreadyInCustody =
      'This child already has an episode in custody; record a new sentence or transfer on it instead';
    return this.dataSource
      .transaction(async (em) => {
        const open = await em.findOne(CustodialEpisode, {
          where: { childId: child.id, status: In(IN_CUSTODY_STATUSES) },
        });
        if (open) throw new ConflictError(alreadyInCustody);
        const episode = em.create(CustodialEpisode, {
          childId: child.id,
          status: input.sentence ? EpisodeStatus.SENTENCED : EpisodeStatus.REMANDED,
          startDate,
          remandDate: input.remandDate ?? null,
          currentEstablishmentId: establishment.id,
          supervisingServiceId: service.id,
          caseManagerId: input.caseManagerId ?? null,
          earlyReleaseDate: null,
          lateReleaseDate: null,
          releaseDateOverride: null,
          releaseDateOverrideReason: null,
          sentenceType: input.sentence?.sentenceType ?? null,
          ...this.releaseDateColumns(dates),
        });
        episode.expectedReleaseDate = expectedReleaseDate(episode);
        const saved = await em.save(episode);
        await em.insert(EstablishmentTransfer, {
          episodeId: saved.id,
          fromEstablishmentId: null,
          toEstablishmentId: establishment.id,
          transferDate: startDate,
          reason: input.remandDate
            ? `Remanded to youth detention accommodation${byCourt}`
            : `Sentenced to custody${byCourt}`,
          recordedById: caller.actor.userId,
        });
        if (input.caseManagerId) {
          await em.insert(CaseManagerAssignment, {
            episodeId: saved.id,
            caseManagerId: input.caseManagerId,
            assignedFrom: this.clock.now(),
            assignedUntil: null,
            reason: 'Allocated at the start of the episode',
            assignedById: caller.actor.userId,
          });
        }
        if (input.sentence) await this.insertSentence(em, saved.id, input.sentence, caller);
        await this.lifecycle.started(em, saved, caller);
        await this.recordEvent(
          em,
          saved,
          EpisodeEventType.EPISODE_STARTED,
          startDate,
          caller,
          input.remandDate
            ? `Remanded${byCourt} to ${establishment.name}`
            : `Sentenced (${input.sentence!.sentenceType})${byCourt} and placed at ${establishment.name}`,
          {
            status: saved.status,
            ...(court ? { court } : {}),
            establishmentId: establishment.id,
            supervisingServiceId: service.id,
            ...(dates ? { releaseDates: this.releaseDateColumns(dates) } : {}),
          },
        );
        return saved;
      })
      .catch((error: unknown) => {
        // Two starts for one child at once: both pass the check above; the index lets only one in.
        if (
          error instanceof QueryFailedError &&
          (error.driverError as { constraint?: string })?.constraint === OPEN_EPISODE_PER_CHILD
        ) {
          throw new ConflictError(alreadyInCustody);
        }
        throw error;
      });
  }

  /**
   * A sentence on a remand, or a new sentence during custody: the dates are recalculated from it. On remand, a
   * hearing still waiting for its outcome is the one the child was sentenced at: its outcome is recorded as SENTENCED
   * in the same change, or the sentence is refused when dated before it (`sentenceAtWaitingHearingProblem`).
   */
  async recordSentence(input: RecordSentenceInput, caller: Caller): Promise<CustodialEpisode> {
    return this.change(input, caller, async (em, episode) => {
      const waiting =
        episode.status === EpisodeStatus.REMANDED
          ? await em.findOne(CourtHearing, {
              where: { episodeId: episode.id, outcome: IsNull(), cancelledAt: IsNull() },
              lock: { mode: 'pessimistic_write' },
            })
          : null;
      const change = await this.sentence(em, episode, input.sentence, caller, input.reasonForDifferentRemandDays);
      if (!waiting) return change;
      const problem = sentenceAtWaitingHearingProblem(waiting, input.sentence.sentenceDate);
      if (problem) throw BadUserInputError.forField(problem.field, problem.message);
      waiting.outcome = HearingOutcome.SENTENCED;
      waiting.outcomeRecordedAt = this.clock.now();
      waiting.outcomeRecordedById = caller.actor.userId;
      await em.save(waiting);
      return {
        ...change,
        summary: `Hearing at ${waiting.court} on ${waiting.hearingDate}: sentenced. ${change.summary}`,
        details: { ...change.details, hearingId: waiting.id, outcome: HearingOutcome.SENTENCED },
      };
    });
  }

  /** The sentence's change of a locked episode (recordSentence, or a hearing's outcome), for `change`'s caller. */
  async sentence(
    em: EntityManager,
    episode: CustodialEpisode,
    input: SentenceInput,
    caller: Caller,
    reasonForDifference?: string | null,
  ): Promise<EpisodeChange> {
    if (!IN_CUSTODY_STATUSES.includes(episode.status)) {
      throw new ConflictError(
        `A sentence can only be recorded while the child is in custody (the episode is ${episode.status})`,
      );
    }
    this.assertNotFuture(input.sentenceDate, 'sentence.sentenceDate');
    if (input.sentenceDate < episode.startDate) {
      throw BadUserInputError.forField(
        'sentence.sentenceDate',
        `The sentence date cannot be before the episode began (${episode.startDate})`,
      );
    }
    // After remand, the days on remand in this episode are known: the credit defaults to them, and one that
    // differs (remand elsewhere) needs a reason, since it moves every release date.
    const fromRemand = episode.status === EpisodeStatus.REMANDED;
    const known = fromRemand ? remandDaysKnown(episode.remandDate, input.sentenceDate) : null;
    const sentence = { ...input, remandDays: input.remandDays ?? known ?? 0 };
    const credit =
      known === null
        ? null
        : {
            known,
            credited: sentence.remandDays,
            difference: remandCreditDifference(known, sentence.remandDays),
            reason: reasonForDifference?.trim(),
          };
    if (credit) {
      const problem = reasonForDifferentRemandDays(credit.known, credit.credited, credit.reason);
      if (problem) throw BadUserInputError.forField('reasonForDifferentRemandDays', problem);
    }
    const child = await this.children.get(episode.childId);
    const before = this.releaseDateColumns(episode);
    const dates = this.datesFor(sentence, child.dateOfBirth);
    Object.assign(episode, this.releaseDateColumns(dates), {
      sentenceType: input.sentenceType,
      earlyReleaseDate: null,
      lateReleaseDate: null,
    });
    if (episode.status === EpisodeStatus.REMANDED) episode.status = EpisodeStatus.SENTENCED;
    await this.insertSentence(em, episode.id, sentence, caller);
    const creditWords = credit?.difference ? `; remand credit ${credit.difference}: ${credit.reason}` : '';
    return {
      type: EpisodeEventType.SENTENCE_RECORDED,
      effectiveDate: input.sentenceDate,
      summary: `Sentence recorded: ${describeSentence(sentence)}; expected to leave ${expectedReleaseDate(episode) ?? 'on a date not yet known'}${creditWords}`,
      details: {
        before,
        after: this.releaseDateColumns(episode),
        sentence: { ...sentence },
        ...(credit && {
          remandCredit: {
            knownDays: credit.known,
            creditedDays: credit.credited,
            ...(credit.difference && { reasonForDifferentRemandDays: credit.reason }),
          },
        }),
      },
    };
  }

  async grantEarlyRelease(input: GrantEarlyReleaseInput, caller: Caller): Promise<CustodialEpisode> {
    return this.change(input, caller, async (_em, episode) => {
      this.assertDtoInCustody(episode, 'early release');
      if (!episode.earliestReleaseDate || !episode.midTermDate) {
        throw new ConflictError('Early release does not apply to this sentence (a DTO of 8 months or more)');
      }
      // A working day (a weekend or bank holiday is refused, naming the nearest earlier one): rules/early-release-day.
      const decided = earlyReleaseDay(input.releaseOn, {
        earliestReleaseDate: episode.earliestReleaseDate,
        midTermDate: episode.midTermDate,
      });
      if (decided.problem !== undefined) throw BadUserInputError.forField('releaseOn', decided.problem);
      const on = decided.day;
      const before = episode.earlyReleaseDate;
      episode.earlyReleaseDate = on;
      episode.lateReleaseDate = null;
      return {
        type: EpisodeEventType.EARLY_RELEASE_GRANTED,
        effectiveDate: this.clock.today(),
        summary: `Early release granted for ${on}${decided.note ? `: ${decided.note}` : ''}`,
        details: { before: { earlyReleaseDate: before }, after: { earlyReleaseDate: on } },
      };
    });
  }

  async orderLateRelease(input: OrderLateReleaseInput, caller: Caller): Promise<CustodialEpisode> {
    return this.change(input, caller, async (_em, episode) => {
      this.assertDtoInCustody(episode, 'late release');
      if (!episode.latestReleaseDate || !episode.midTermDate) {
        throw new ConflictError('Late release does not apply to this sentence (a DTO of 8 months or more)');
      }
      const on = input.releaseOn ?? episode.latestReleaseDate;
      if (on <= episode.midTermDate || on > episode.latestReleaseDate) {
        throw BadUserInputError.forField(
          'releaseOn',
          `Late release must be after the mid-term date ${episode.midTermDate} and no later than ${episode.latestReleaseDate}`,
        );
      }
      const before = episode.lateReleaseDate;
      episode.lateReleaseDate = on;
      episode.earlyReleaseDate = null;
      const leaving = leavingDayNote(on);
      return {
        type: EpisodeEventType.LATE_RELEASE_ORDERED,
        effectiveDate: this.clock.today(),
        summary: `Youth court ordered late release on ${on}${leaving ? `: ${leaving.note}` : ''}`,
        details: {
          before: { lateReleaseDate: before },
          after: { lateReleaseDate: on },
          ...(leaving && { leavesOn: leaving.leavesOn }),
        },
      };
    });
  }

  async transfer(input: TransferEpisodeInput, caller: Caller): Promise<CustodialEpisode> {
    const to = await this.organisations.getOfType(
      input.toEstablishmentId,
      SECURE_ESTABLISHMENT_TYPES,
      'toEstablishmentId',
    );
    return this.change(input, caller, async (em, episode) => {
      if (!IN_CUSTODY_STATUSES.includes(episode.status)) {
        throw new ConflictError(`Only a child in custody can be transferred (the episode is ${episode.status})`);
      }
      if (to.id === episode.currentEstablishmentId) {
        throw BadUserInputError.forField('toEstablishmentId', 'The child is already placed there');
      }
      this.assertNotFuture(input.transferDate, 'transferDate');
      if (input.transferDate < episode.startDate) {
        throw BadUserInputError.forField(
          'transferDate',
          `The transfer cannot be before the episode began (${episode.startDate})`,
        );
      }
      const from = episode.currentEstablishmentId;
      await em.insert(EstablishmentTransfer, {
        episodeId: episode.id,
        fromEstablishmentId: from,
        toEstablishmentId: to.id,
        transferDate: input.transferDate,
        reason: input.reason,
        recordedById: caller.actor.userId,
      });
      episode.currentEstablishmentId = to.id;
      return {
        type: EpisodeEventType.TRANSFERRED,
        effectiveDate: input.transferDate,
        summary: `Transferred to ${to.name}: ${input.reason}`,
        details: { before: { establishmentId: from }, after: { establishmentId: to.id }, reason: input.reason },
      };
    });
  }

  /**
   * Hands the episode's supervision to another youth justice service (the child moved area). The plan, referrals
   * and deadlines hang on the episode, so they go with it; deadline recipients follow `supervising_service_id`.
   * The old service's case manager no longer holds the case: the open assignment ends, and the receiving service's
   * case manager (when given) takes it.
   */
  async transferSupervision(input: TransferSupervisionInput, caller: Caller): Promise<CustodialEpisode> {
    const to = await this.organisations.getOfType(
      input.toServiceId,
      [OrganisationType.YOUTH_JUSTICE_SERVICE],
      'toServiceId',
    );
    if (input.caseManagerId) await this.assertCaseManagerOf(input.caseManagerId, to.id, 'receiving');
    return this.change(input, caller, async (em, episode) => {
      if (!IN_CUSTODY_STATUSES.includes(episode.status)) {
        throw new ConflictError(
          `Only the supervision of a child in custody can move (the episode is ${episode.status})`,
        );
      }
      if (to.id === episode.supervisingServiceId) {
        throw BadUserInputError.forField('toServiceId', 'That service already supervises the child');
      }
      const problem = supervisionTransferDateProblem(input.effectiveDate, this.clock.today(), episode.startDate);
      if (problem) throw BadUserInputError.forField('effectiveDate', problem);
      const from = episode.supervisingServiceId;
      const fromName = (await this.organisations.get(from)).name;
      const caseManagerBefore = episode.caseManagerId;
      await em.insert(SupervisionTransfer, {
        episodeId: episode.id,
        fromServiceId: from,
        toServiceId: to.id,
        effectiveDate: input.effectiveDate,
        reason: input.reason,
        transferredById: caller.actor.userId,
      });
      const now = this.clock.now();
      await em.update(
        CaseManagerAssignment,
        { episodeId: episode.id, assignedUntil: IsNull() },
        { assignedUntil: now },
      );
      if (input.caseManagerId) {
        await em.insert(CaseManagerAssignment, {
          episodeId: episode.id,
          caseManagerId: input.caseManagerId,
          assignedFrom: now,
          assignedUntil: null,
          reason: `Supervision moved: ${input.reason}`,
          assignedById: caller.actor.userId,
        });
      }
      episode.supervisingServiceId = to.id;
      episode.caseManagerId = input.caseManagerId ?? null;
      const handOver = {
        episode,
        fromServiceId: from,
        fromServiceName: fromName,
        toServiceId: to.id,
        toServiceName: to.name,
        effectiveDate: input.effectiveDate,
        reason: input.reason,
      };
      await this.notifyHandOver(em, handOver, caseManagerBefore, caller);
      await this.lifecycle.supervisionTransferred(em, handOver, caller);
      return {
        type: EpisodeEventType.SUPERVISION_TRANSFERRED,
        effectiveDate: input.effectiveDate,
        summary: `Supervision moved to ${to.name}: ${input.reason}`,
        details: {
          before: { supervisingServiceId: from, caseManagerId: caseManagerBefore },
          after: { supervisingServiceId: to.id, caseManagerId: episode.caseManagerId },
          reason: input.reason,
        },
      };
    });
  }

  async recordRelease(input: RecordReleaseInput, caller: Caller): Promise<CustodialEpisode> {
    return this.change(input, caller, async (_em, episode) => {
      if (!IN_CUSTODY_STATUSES.includes(episode.status)) {
        throw new ConflictError(`Only a child in custody can be released (the episode is ${episode.status})`);
      }
      if (input.releasedAt.getTime() > this.clock.now().getTime()) {
        throw BadUserInputError.forField('releasedAt', 'A release can only be recorded once it has happened');
      }
      // The day in England and Wales: 00:30 BST is already the next day, though UTC still says the day before.
      const day = todayIso(input.releasedAt);
      if (day < episode.startDate) {
        throw BadUserInputError.forField(
          'releasedAt',
          `The release cannot be before the episode began (${episode.startDate})`,
        );
      }
      const fromRemand = episode.status === EpisodeStatus.REMANDED;
      const departure = fromRemand ? null : releaseDeparture(episode.expectedReleaseDate, day);
      if (departure && !input.reasonForDifferentDay) {
        throw BadUserInputError.forField(
          'reasonForDifferentDay',
          `The child left on ${day}, ${departure.words}: say why the release was on another day`,
        );
      }
      const before = episode.status;
      episode.status = EpisodeStatus.RELEASED;
      episode.releasedAt = input.releasedAt;
      const reason = departure ? input.reasonForDifferentDay : undefined;
      return {
        type: EpisodeEventType.RELEASED,
        effectiveDate: day,
        summary:
          (fromRemand ? `Released from remand on ${day}` : `Released on ${day}`) +
          (departure ? `, ${departure.words}: ${reason}` : ''),
        details: {
          before: { status: before },
          after: { status: episode.status, releasedAt: input.releasedAt.toISOString() },
          ...(departure && { expectedReleaseDate: episode.expectedReleaseDate, reasonForDifferentDay: reason }),
        },
      };
    });
  }

  async recordRecall(input: RecordRecallInput, caller: Caller): Promise<CustodialEpisode> {
    const establishment = await this.organisations.getOfType(
      input.establishmentId,
      SECURE_ESTABLISHMENT_TYPES,
      'establishmentId',
    );
    return this.change(input, caller, async (em, episode) => {
      if (episode.status !== EpisodeStatus.RELEASED) {
        throw new ConflictError(
          `Only a child released on this episode can be recalled (the episode is ${episode.status})`,
        );
      }
      const sentences = await em.count(Sentence, { where: { episodeId: episode.id } });
      if (sentences === 0)
        throw new ConflictError('A child released from remand cannot be recalled; start a new episode');
      this.assertNotFuture(input.recalledOn, 'recalledOn');
      const from = episode.currentEstablishmentId;
      await em.insert(EstablishmentTransfer, {
        episodeId: episode.id,
        fromEstablishmentId: from,
        toEstablishmentId: establishment.id,
        transferDate: input.recalledOn,
        reason: `Recall: ${input.reason}`,
        recordedById: caller.actor.userId,
      });
      episode.status = EpisodeStatus.RECALLED;
      episode.recalledAt = new Date(`${input.recalledOn}T00:00:00Z`);
      episode.currentEstablishmentId = establishment.id;
      // The earlier release day has passed; until a new one is set by override, none is expected.
      episode.earlyReleaseDate = null;
      episode.lateReleaseDate = null;
      episode.releaseDate = null;
      episode.releaseDateOverride = null;
      episode.releaseDateOverrideReason = null;
      return {
        type: EpisodeEventType.RECALLED,
        effectiveDate: input.recalledOn,
        summary: `Recalled to ${establishment.name}: ${input.reason}`,
        details: {
          before: { status: EpisodeStatus.RELEASED, establishmentId: from },
          after: { status: episode.status, establishmentId: establishment.id },
          reason: input.reason,
        },
      };
    });
  }

  async overrideReleaseDate(input: OverrideReleaseDateInput, caller: Caller): Promise<CustodialEpisode> {
    return this.change(input, caller, async (_em, episode) => {
      if (!IN_CUSTODY_STATUSES.includes(episode.status)) {
        throw new ConflictError(
          `The release date can only be changed while the child is in custody (the episode is ${episode.status})`,
        );
      }
      if (input.releaseDate < episode.startDate) {
        throw BadUserInputError.forField(
          'releaseDate',
          `The release date cannot be before the episode began (${episode.startDate})`,
        );
      }
      const before = {
        releaseDateOverride: episode.releaseDateOverride,
        reason: episode.releaseDateOverrideReason,
        expectedReleaseDate: episode.expectedReleaseDate,
      };
      episode.releaseDateOverride = input.releaseDate;
      episode.releaseDateOverrideReason = input.reason;
      return {
        type: EpisodeEventType.RELEASE_DATE_OVERRIDDEN,
        effectiveDate: this.clock.today(),
        summary: `Release date set by hand to ${input.releaseDate}: ${input.reason}`,
        details: { before, after: { releaseDateOverride: input.releaseDate, reason: input.reason } },
      };
    });
  }

  async clearReleaseDateOverride(input: ClearReleaseDateOverrideInput, caller: Caller): Promise<CustodialEpisode> {
    return this.change(input, caller, async (_em, episode) => {
      if (!episode.releaseDateOverride) throw new ConflictError('There is no manual release date to clear');
      const before = { releaseDateOverride: episode.releaseDateOverride, reason: episode.releaseDateOverrideReason };
      episode.releaseDateOverride = null;
      episode.releaseDateOverrideReason = null;
      return {
        type: EpisodeEventType.RELEASE_DATE_OVERRIDE_CLEARED,
        effectiveDate: this.clock.today(),
        summary: 'Manual release date removed; the calculated date applies again',
        details: { before, after: { releaseDateOverride: null } },
      };
    });
  }

  async assignCaseManager(input: AssignCaseManagerInput, caller: Caller): Promise<CustodialEpisode> {
    return this.change(input, caller, async (em, episode) => {
      await this.assertCaseManagerOf(input.caseManagerId, episode.supervisingServiceId);
      if (episode.caseManagerId === input.caseManagerId) {
        throw BadUserInputError.forField('caseManagerId', 'That person already manages this case');
      }
      const now = this.clock.now();
      // IsNull(), not null: TypeORM turns a plain null into `= NULL`, which matches no row.
      await em.update(
        CaseManagerAssignment,
        { episodeId: episode.id, assignedUntil: IsNull() },
        { assignedUntil: now },
      );
      await em.insert(CaseManagerAssignment, {
        episodeId: episode.id,
        caseManagerId: input.caseManagerId,
        assignedFrom: now,
        assignedUntil: null,
        reason: input.reason ?? null,
        assignedById: caller.actor.userId,
      });
      const before = episode.caseManagerId;
      episode.caseManagerId = input.caseManagerId;
      return {
        type: EpisodeEventType.CASE_MANAGER_CHANGED,
        effectiveDate: this.clock.today(),
        summary: input.reason ? `Case manager changed: ${input.reason}` : 'Case manager changed',
        details: { before: { caseManagerId: before }, after: { caseManagerId: input.caseManagerId } },
      };
    });
  }

  // ---------------------------------------------------------------- internals

  /**
   * The shape of every change: lock the episode, refuse a stale version with the current state, apply, then
   * `finish`, all in one transaction.
   */
  async change(
    input: EpisodeChangeInput,
    caller: Caller,
    apply: (em: EntityManager, episode: CustodialEpisode) => Promise<EpisodeChange>,
  ): Promise<CustodialEpisode> {
    return this.dataSource.transaction(async (em) => {
      const episode = await lockAtVersion(
        em,
        CustodialEpisode,
        input.episodeId,
        input.expectedVersion,
        'Custodial episode',
      );
      const before = { ...episode };
      return this.finish(em, episode, before, await apply(em, episode), caller);
    });
  }

  /**
   * The end of every change of a locked episode: recompute the expected release day, save (bumping the version) and
   * append the history event, then let other features follow (`EpisodeLifecycle`).
   */
  async finish(
    em: EntityManager,
    episode: CustodialEpisode,
    before: Partial<CustodialEpisode>,
    event: EpisodeChange,
    caller: Caller,
  ): Promise<CustodialEpisode> {
    const expectedBefore = episode.expectedReleaseDate;
    episode.expectedReleaseDate = expectedReleaseDate(episode);
    if (expectedBefore !== episode.expectedReleaseDate) {
      event.details = {
        ...event.details,
        expectedReleaseDate: { before: expectedBefore, after: episode.expectedReleaseDate },
      };
    }
    const saved = await em.save(episode);
    await this.recordEvent(em, saved, event.type, event.effectiveDate, caller, event.summary, event.details, before);
    await this.lifecycle.changed(em, saved, caller);
    return saved;
  }

  /** The episode's history event and the audit row (before and after), in the change's transaction. */
  private async recordEvent(
    em: EntityManager,
    episode: CustodialEpisode,
    type: EpisodeEventType,
    effectiveDate: string,
    caller: Caller,
    summary: string,
    details: Record<string, unknown>,
    before: Partial<CustodialEpisode> | null = null,
  ): Promise<void> {
    await em.save(
      em.create(EpisodeEvent, {
        episodeId: episode.id,
        type,
        effectiveDate,
        summary,
        details,
        recordedById: caller.actor.userId,
      }),
    );
    await this.audit.recordChange(em, caller, {
      resourceType: 'CustodialEpisode',
      resourceId: episode.id,
      childId: episode.childId,
      before,
      after: { ...episode },
      detail: { event: type, summary },
    });
  }

  private async insertSentence(em: EntityManager, episodeId: string, s: SentenceInput, caller: Caller): Promise<void> {
    await em.insert(Sentence, {
      episodeId,
      sentenceType: s.sentenceType,
      sentenceDate: s.sentenceDate,
      termMonths: s.termMonths ?? null,
      extensionMonths: s.extensionMonths ?? null,
      remandDays: s.remandDays ?? 0,
      taggedBailDays: s.taggedBailDays ?? 0,
      offenceDate: s.offenceDate ?? null,
      qualifyingSeriousOffence: s.qualifyingSeriousOffence ?? false,
      excludedFromFortyPercentRelease: s.excludedFromFortyPercentRelease ?? false,
      recordedById: caller.actor.userId,
    });
  }

  /** The dates for a sentence on an episode; the child's date of birth decides further supervision. */
  private datesFor(sentence: SentenceInput, dateOfBirth: string): ReleaseDates {
    return this.custody.calculate({ ...sentence, dateOfBirth }, 'sentence.');
  }

  private releaseDateColumns(dates: ReleaseDates | CustodialEpisode | null) {
    const columns: Record<string, unknown> = {};
    for (const field of RELEASE_DATE_FIELDS) columns[field] = dates ? dates[field] : null;
    columns.fridayOrPreHolidayRelease = dates?.fridayOrPreHolidayRelease ?? false;
    columns.immediateRelease = dates?.immediateRelease ?? false;
    columns.releaseDateNotes = dates ? ('notes' in dates ? dates.notes : dates.releaseDateNotes) : [];
    return columns as Pick<
      CustodialEpisode,
      (typeof RELEASE_DATE_FIELDS)[number] | 'fridayOrPreHolidayRelease' | 'immediateRelease' | 'releaseDateNotes'
    >;
  }

  private assertDtoInCustody(episode: CustodialEpisode, what: string): void {
    if (episode.sentenceType !== SentenceTypeEnum.DTO) {
      throw new ConflictError(`${what} applies only to a detention and training order`);
    }
    if (episode.status !== EpisodeStatus.SENTENCED) {
      throw new ConflictError(
        `${what} applies only to a sentenced child in custody (the episode is ${episode.status})`,
      );
    }
  }

  /** Both services' managers and the case managers before and after hear of it (not the person who did it). */
  private async notifyHandOver(
    em: EntityManager,
    handOver: SupervisionHandOver,
    caseManagerBefore: string | null,
    caller: Caller,
  ): Promise<void> {
    const managers = [
      ...(await this.users.activeWithRole(handOver.fromServiceId, Role.YJS_MANAGER)),
      ...(await this.users.activeWithRole(handOver.toServiceId, Role.YJS_MANAGER)),
    ].map((u) => u.id);
    const caseManagers = [caseManagerBefore, handOver.episode.caseManagerId].filter((id): id is string => !!id);
    const enabled = await this.users.enabledIds(em, caseManagers);
    const recipients = [...new Set([...managers, ...caseManagers.filter((id) => enabled.has(id))])].filter(
      (id) => id !== caller.actor.userId,
    );
    const key = `supervision-transfer:${handOver.episode.id}:${handOver.episode.version}`;
    await this.notifications.notifyMany(
      em,
      recipients.map((recipientUserId) => ({
        recipientUserId,
        kind: 'SUPERVISION_TRANSFERRED',
        title: `Supervision moved from ${handOver.fromServiceName} to ${handOver.toServiceName}`,
        body:
          `From ${handOver.effectiveDate}, ${handOver.toServiceName} supervises this child: their plan, open ` +
          `referrals and deadlines go with them. Reason: ${handOver.reason}`,
        link: `/plans/${handOver.episode.id}`,
        childId: handOver.episode.childId,
        dedupeKey: `${key}:${recipientUserId}`,
      })),
    );
  }

  private assertNotFuture(date: string, field: string): void {
    if (date > this.clock.today()) throw BadUserInputError.forField(field, `${field} cannot be in the future`);
  }

  /**
   * The named case manager holds the case manager role (YJS_CASE_MANAGER) in the service, and their account is
   * enabled: a manager, an establishment's member or a disabled account is refused, naming `caseManagerId`.
   */
  private async assertCaseManagerOf(
    userId: string,
    serviceId: string,
    service: 'supervising' | 'receiving' = 'supervising',
  ): Promise<void> {
    const user = await this.users.get(userId).catch(() => null);
    if (!user || user.organisationId !== serviceId || user.disabled || !user.roles.includes(Role.YJS_CASE_MANAGER)) {
      throw BadUserInputError.forField(
        'caseManagerId',
        `The case manager must be an active case manager of the ${service} youth justice service`,
      );
    }
  }
}

function describeSentence(s: SentenceInput): string {
  const term = s.termMonths ? `${s.termMonths} months` : 'no fixed term';
  return s.sentenceType === SentenceTypeEnum.EXTENDED
    ? `extended sentence, custodial term ${term} plus ${s.extensionMonths ?? 0} months extended licence, from ${s.sentenceDate}`
    : `${s.sentenceType} ${term} from ${s.sentenceDate}`;
}

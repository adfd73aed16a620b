import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, QueryFailedError } from 'typeorm';
import { Caller } from '@resettle/access';
import { BadUserInputError, Clock, ConflictError } from '@resettle/common';
import { lockAtVersion } from '@resettle/database';
import { EpisodeEventType, EpisodeStatus, HearingOutcome } from '../custody-enums';
import {
  CancelHearingInput,
  MoveHearingInput,
  RecordHearingOutcomeInput,
  ScheduleHearingInput,
} from '../dto/hearing.inputs';
import { CourtHearing } from '../entities/court-hearing.entity';
import { CustodialEpisode } from '../entities/custodial-episode.entity';
import { EpisodeChange, EpisodeCommands } from '../episode-commands.service';
import { hearingDateProblem, HearingProblem, outcomeEndsEpisode, outcomeProblem } from '../rules/court-hearing';

/** The partial unique index that allows one hearing waiting for its outcome per episode (the next hearing). */
const NEXT_HEARING_PER_EPISODE = 'uq_court_hearing_next_per_episode';

const OUTCOME_WORDS: Record<HearingOutcome, string> = {
  [HearingOutcome.REMANDED]: 'remanded to youth detention accommodation again',
  [HearingOutcome.SENTENCED]: 'sentenced',
  [HearingOutcome.RELEASED_ON_BAIL]: 'released on bail',
  [HearingOutcome.REMANDED_TO_LOCAL_AUTHORITY]: "remanded to the local authority's care",
};

/**
 * A remanded child's court hearings: schedule the next one, move it (with the reason), cancel it (with the reason),
 * record what the court decided. Each is a change of the episode (locked, in its history, audited, and followed by
 * the milestones, whose hearing deadlines hang on the next hearing's date), through the episode commands' own shape.
 */
@Injectable()
export class HearingCommands {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly episodes: EpisodeCommands,
    private readonly clock: Clock,
  ) {}

  async schedule(input: ScheduleHearingInput, caller: Caller): Promise<CourtHearing> {
    const made: { hearing?: CourtHearing } = {};
    await this.episodes
      .change(input, caller, async (em, episode) => {
        assertOnRemand(episode);
        refuse(hearingDateProblem(input.hearingDate, this.clock.today(), episode.startDate));
        const next = await em.findOne(CourtHearing, {
          where: { episodeId: episode.id, outcome: IsNull(), cancelledAt: IsNull() },
        });
        if (next) throw nextAlreadyScheduled(next);
        made.hearing = await this.insert(em, episode, input, caller);
        return scheduled(made.hearing);
      })
      .catch(translateUniqueViolation);
    return made.hearing!;
  }

  async move(input: MoveHearingInput, caller: Caller): Promise<CourtHearing> {
    return this.changeHearing(input, caller, async (em, episode, hearing) => {
      if (hearing.outcome) throw new ConflictError('The hearing has taken place: its outcome is recorded');
      assertNotCancelled(hearing);
      refuse(hearingDateProblem(input.hearingDate, this.clock.today(), episode.startDate));
      if (input.hearingDate === hearing.hearingDate)
        throw BadUserInputError.forField('hearingDate', `The hearing is already on ${hearing.hearingDate}`);
      const from = hearing.hearingDate;
      const reason = input.reason.trim();
      hearing.moves = [
        ...hearing.moves,
        {
          from,
          to: input.hearingDate,
          reason,
          movedAt: this.clock.now().toISOString(),
          movedById: caller.actor.userId,
        },
      ];
      hearing.hearingDate = input.hearingDate;
      return {
        type: EpisodeEventType.HEARING_MOVED,
        effectiveDate: this.clock.today(),
        summary: `Hearing at ${hearing.court} moved from ${from} to ${input.hearingDate}: ${reason}`,
        details: {
          hearingId: hearing.id,
          before: { hearingDate: from },
          after: { hearingDate: input.hearingDate },
          reason,
        },
      };
    });
  }

  /**
   * The court vacated the listing, or the hearing was entered in error: it no longer waits for its outcome, so a
   * new hearing can be scheduled. Its deadlines still open are waived by the system with the reason when the
   * milestones follow this change (`hearingDeadlineWaiver`); scheduling the next hearing plans them again.
   */
  async cancel(input: CancelHearingInput, caller: Caller): Promise<CourtHearing> {
    const reason = input.reason.trim();
    if (reason.length < 3) throw BadUserInputError.forField('reason', 'Give the reason the hearing is cancelled');
    return this.changeHearing(input, caller, async (_em, _episode, hearing) => {
      if (hearing.outcome) throw new ConflictError(`The hearing's outcome is already recorded (${hearing.outcome})`);
      assertNotCancelled(hearing);
      hearing.cancelledAt = this.clock.now();
      hearing.cancelledById = caller.actor.userId;
      hearing.cancellationReason = reason;
      return {
        type: EpisodeEventType.HEARING_CANCELLED,
        effectiveDate: this.clock.today(),
        summary: `Hearing at ${hearing.court} on ${hearing.hearingDate} cancelled: ${reason}`,
        details: {
          hearingId: hearing.id,
          before: { hearingDate: hearing.hearingDate, cancelledAt: null },
          after: { cancelledAt: hearing.cancelledAt.toISOString(), cancellationReason: reason },
          reason,
        },
      };
    });
  }

  async recordOutcome(input: RecordHearingOutcomeInput, caller: Caller): Promise<CourtHearing> {
    return this.changeHearing(input, caller, async (em, episode, hearing) => {
      if (hearing.outcome) throw new ConflictError(`The hearing's outcome is already recorded (${hearing.outcome})`);
      assertNotCancelled(hearing);
      assertOnRemand(episode);
      refuse(
        outcomeProblem({
          outcome: input.outcome,
          hearingDate: hearing.hearingDate,
          today: this.clock.today(),
          nextHearingDate: input.nextHearingDate,
          hasSentence: !!input.sentence,
          wentTo: input.wentTo,
        }),
      );
      hearing.outcome = input.outcome;
      hearing.outcomeRecordedAt = this.clock.now();
      hearing.outcomeRecordedById = caller.actor.userId;
      const details: Record<string, unknown> = { hearingId: hearing.id, outcome: input.outcome };
      let summary = `Hearing at ${hearing.court} on ${hearing.hearingDate}: ${OUTCOME_WORDS[input.outcome]}`;
      if (input.outcome === HearingOutcome.REMANDED) {
        // Saved first: the next hearing may wait for its outcome only once this one has one.
        await em.save(hearing);
        const next = await this.insert(
          em,
          episode,
          {
            hearingDate: input.nextHearingDate!,
            court: input.nextHearingCourt?.trim() || hearing.court,
            purpose: input.nextHearingPurpose?.trim() || hearing.purpose,
          },
          caller,
        );
        hearing.nextHearingId = next.id;
        details.nextHearing = { id: next.id, hearingDate: next.hearingDate, court: next.court };
        summary += `, to ${next.court} on ${next.hearingDate}`;
      } else if (input.outcome === HearingOutcome.SENTENCED) {
        // Into the sentence flow: the dates are calculated and recorded as for any sentence, in this transaction.
        const sentenced = await this.episodes.sentence(em, episode, input.sentence!, caller);
        details.sentence = sentenced.details;
        summary += `. ${sentenced.summary}`;
      } else if (outcomeEndsEpisode(input.outcome)) {
        const wentTo = input.wentTo!.trim();
        hearing.wentTo = wentTo;
        episode.status = EpisodeStatus.RELEASED;
        // The day of the hearing, never later than now (an outcome recorded the same morning).
        const noon = new Date(`${hearing.hearingDate}T12:00:00Z`);
        episode.releasedAt = noon.getTime() < this.clock.now().getTime() ? noon : this.clock.now();
        details.wentTo = wentTo;
        details.before = { status: EpisodeStatus.REMANDED };
        details.after = { status: episode.status, releasedAt: episode.releasedAt.toISOString() };
        summary += `; went to ${wentTo}`;
      }
      return {
        type: EpisodeEventType.HEARING_OUTCOME_RECORDED,
        effectiveDate: hearing.hearingDate,
        summary,
        details,
      };
    });
  }

  /** Lock the hearing at the caller's version and its episode, apply, save both, and finish the episode's change. */
  private async changeHearing(
    input: { hearingId: string; expectedVersion: number },
    caller: Caller,
    apply: (em: EntityManager, episode: CustodialEpisode, hearing: CourtHearing) => Promise<EpisodeChange>,
  ): Promise<CourtHearing> {
    return this.dataSource
      .transaction(async (em) => {
        // The episode first, as every episode change locks it, so two changes never wait on each other crosswise.
        const found = await em.findOne(CourtHearing, { where: { id: input.hearingId } });
        const episode = found
          ? await em.findOne(CustodialEpisode, { where: { id: found.episodeId }, lock: { mode: 'pessimistic_write' } })
          : null;
        const hearing = await lockAtVersion(em, CourtHearing, input.hearingId, input.expectedVersion, 'Court hearing');
        if (!episode) throw new ConflictError('The hearing has no episode');
        const before = { ...episode };
        const event = await apply(em, episode, hearing);
        const saved = await em.save(hearing);
        await this.episodes.finish(em, episode, before, event, caller);
        return saved;
      })
      .catch(translateUniqueViolation);
  }

  private async insert(
    em: EntityManager,
    episode: CustodialEpisode,
    h: { hearingDate: string; court: string; purpose: string },
    caller: Caller,
  ): Promise<CourtHearing> {
    return em.save(
      em.create(CourtHearing, {
        episodeId: episode.id,
        childId: episode.childId,
        hearingDate: h.hearingDate,
        court: h.court.trim(),
        purpose: h.purpose.trim(),
        moves: [],
        outcome: null,
        outcomeRecordedAt: null,
        outcomeRecordedById: null,
        wentTo: null,
        nextHearingId: null,
        scheduledById: caller.actor.userId,
        cancelledAt: null,
        cancelledById: null,
        cancellationReason: null,
      }),
    );
  }
}

function scheduled(hearing: CourtHearing): EpisodeChange {
  return {
    type: EpisodeEventType.HEARING_SCHEDULED,
    effectiveDate: hearing.hearingDate,
    summary: `Hearing scheduled: ${hearing.court} on ${hearing.hearingDate} (${hearing.purpose})`,
    details: {
      hearingId: hearing.id,
      after: { hearingDate: hearing.hearingDate, court: hearing.court, purpose: hearing.purpose },
    },
  };
}

function assertOnRemand(episode: CustodialEpisode): void {
  if (episode.status !== EpisodeStatus.REMANDED) {
    throw new ConflictError(`Hearings are planned for a child on remand (the episode is ${episode.status})`);
  }
}

function assertNotCancelled(hearing: CourtHearing): void {
  if (hearing.cancelledAt) {
    throw new ConflictError(`The hearing was cancelled: ${hearing.cancellationReason ?? 'no reason given'}`);
  }
}

function refuse(problem: HearingProblem | null): void {
  if (problem) throw BadUserInputError.forField(problem.field, problem.message);
}

function nextAlreadyScheduled(next: CourtHearing): ConflictError {
  return new ConflictError(
    `The next hearing is already scheduled (${next.court} on ${next.hearingDate}): move it, cancel it, or record its outcome`,
  );
}

/** Two schedules at once both pass the check; the index lets only one in. */
function translateUniqueViolation(error: unknown): never {
  if (
    error instanceof QueryFailedError &&
    (error.driverError as { constraint?: string })?.constraint === NEXT_HEARING_PER_EPISODE
  ) {
    throw new ConflictError('The next hearing is already scheduled: move it, cancel it, or record its outcome');
  }
  throw error;
}

import { HearingOutcome } from '../custody-enums';

/** A problem with a hearing change, naming the input field it is about. */
export interface HearingProblem {
  field: string;
  message: string;
}

/**
 * Whether a hearing may be set for `hearingDate`: never a day already past (a hearing that has happened is recorded
 * with its outcome), and never before the episode began. Pure: today is given.
 */
export function hearingDateProblem(
  hearingDate: string,
  today: string,
  episodeStart: string,
  field = 'hearingDate',
): HearingProblem | null {
  if (hearingDate < today)
    return {
      field,
      message: `The hearing date ${hearingDate} has passed: a hearing can only be set for today or later`,
    };
  if (hearingDate < episodeStart)
    return { field, message: `The hearing date cannot be before the episode began (${episodeStart})` };
  return null;
}

export interface OutcomeFacts {
  outcome: HearingOutcome;
  hearingDate: string;
  today: string;
  nextHearingDate?: string | null;
  hasSentence: boolean;
  wentTo?: string | null;
}

/**
 * What an outcome needs: the hearing has taken place (its day has come); remanded again needs the next hearing's
 * date, after this one and not past; sentenced needs the sentence; bail or remand to the local authority's care needs
 * where the child went (the episode ends there). Pure.
 */
export function outcomeProblem(f: OutcomeFacts): HearingProblem | null {
  if (f.hearingDate > f.today)
    return {
      field: 'outcome',
      message: `The hearing is on ${f.hearingDate}: its outcome can be recorded from that day (move the hearing if the date changed)`,
    };
  switch (f.outcome) {
    case HearingOutcome.REMANDED:
      if (!f.nextHearingDate)
        return { field: 'nextHearingDate', message: 'Give the date of the next hearing the child is remanded to' };
      if (f.nextHearingDate <= f.hearingDate)
        return { field: 'nextHearingDate', message: `The next hearing must be after this one (${f.hearingDate})` };
      if (f.nextHearingDate < f.today)
        return { field: 'nextHearingDate', message: `The next hearing date ${f.nextHearingDate} has passed` };
      return null;
    case HearingOutcome.SENTENCED:
      return f.hasSentence ? null : { field: 'sentence', message: 'Give the sentence the court passed' };
    case HearingOutcome.RELEASED_ON_BAIL:
    case HearingOutcome.REMANDED_TO_LOCAL_AUTHORITY:
      return f.wentTo?.trim()
        ? null
        : { field: 'wentTo', message: 'Say where the child went from court (the address or placement)' };
  }
}

/** Whether an outcome ends the episode (the child leaves custody from court). */
export function outcomeEndsEpisode(outcome: HearingOutcome): boolean {
  return outcome === HearingOutcome.RELEASED_ON_BAIL || outcome === HearingOutcome.REMANDED_TO_LOCAL_AUTHORITY;
}

/**
 * A sentence recorded on the sentence page (`recordSentence`) for a child on remand while a hearing still waits for
 * its outcome. A child is sentenced at a hearing, and the clerk records the sentence passed at the hearing that was
 * listed: dated that day or later (sentence adjourned to the afternoon, or for reports), that hearing's outcome is
 * SENTENCED, in the same change, so it is never left waiting. Dated before it, the sentence was passed at a hearing
 * the record does not hold (a listing brought forward and never moved here): refused, naming the sentence date, rather
 * than guessing; the clerk cancels the listed hearing with the reason, or corrects the date. Pure.
 */
export function sentenceAtWaitingHearingProblem(
  hearing: { hearingDate: string; court: string },
  sentenceDate: string,
): HearingProblem | null {
  if (sentenceDate >= hearing.hearingDate) return null;
  return {
    field: 'sentence.sentenceDate',
    message: `The hearing at ${hearing.court} on ${hearing.hearingDate} is still waiting for its outcome, and the sentence date ${sentenceDate} is before it: if the child was sentenced at an earlier hearing, cancel the listed one with the reason, then record the sentence`,
  };
}

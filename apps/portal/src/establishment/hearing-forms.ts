import { Transform } from 'class-transformer';
import { Allow, IsIn, IsNotEmpty, Length, Validate, ValidateIf } from 'class-validator';
import { sentenceAtWaitingHearingProblem } from '@resettle/custody';
import { dateFromParts, RealDate } from '../forms/date-input';
import { govukDate } from '../http/view-filters';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
type Values = Record<string, string>;

/** The next court hearing of a child on remand. */
export class ScheduleHearingForm {
  @Transform(trim) @Validate(RealDate, ['hearingDate', 'the date of the hearing']) hearingDateDay: string;
  @Transform(trim) @Allow() hearingDateMonth: string;
  @Transform(trim) @Allow() hearingDateYear: string;
  @Transform(trim)
  @Length(3, 200, { message: 'The court must be 3 to 200 characters' })
  @IsNotEmpty({ message: 'Enter the court' })
  court: string;
  @Transform(trim)
  @Length(3, 500, { message: 'What the hearing is for must be 3 to 500 characters' })
  @IsNotEmpty({ message: 'Enter what the hearing is for' })
  purpose: string;
  @Allow() expectedVersion: string;
}

/** A hearing moved to a new date, with the reason. */
export class MoveHearingForm {
  @Transform(trim) @Validate(RealDate, ['hearingDate', 'the new date of the hearing']) hearingDateDay: string;
  @Transform(trim) @Allow() hearingDateMonth: string;
  @Transform(trim) @Allow() hearingDateYear: string;
  @Transform(trim)
  @Length(3, 1000, { message: 'The reason the date changed must be 3 to 1000 characters' })
  @IsNotEmpty({ message: 'Enter the reason the date changed' })
  reason: string;
  @Allow() expectedVersion: string;
}

/** A hearing cancelled: the court vacated the listing, or it was entered in error. */
export class CancelHearingForm {
  @Transform(trim)
  @Length(3, 1000, { message: 'The reason the hearing is cancelled must be 3 to 1000 characters' })
  @IsNotEmpty({ message: 'Enter the reason the hearing is cancelled' })
  reason: string;
  @Allow() expectedVersion: string;
}

/** The outcomes recorded here; a sentence is recorded on the sentence page, which calculates its dates. */
export const OUTCOME_LABELS: Record<string, string> = {
  REMANDED: 'Remanded again to youth detention accommodation',
  RELEASED_ON_BAIL: 'Released on bail',
  REMANDED_TO_LOCAL_AUTHORITY: 'Remanded to the local authority’s care',
  SENTENCED: 'Sentenced',
};

const LEFT_CUSTODY = ['RELEASED_ON_BAIL', 'REMANDED_TO_LOCAL_AUTHORITY'];

/** What the court decided: remanded again to the next hearing, or the child left custody from court (and where to). */
export class HearingOutcomeForm {
  @IsIn(['REMANDED', ...LEFT_CUSTODY], { message: 'Select what the court decided' }) outcome: string;
  @ValidateIf((f: HearingOutcomeForm) => f.outcome === 'REMANDED')
  @Transform(trim)
  @Validate(RealDate, ['nextHearingDate', 'the date of the next hearing'])
  nextHearingDateDay: string;
  @Transform(trim) @Allow() nextHearingDateMonth: string;
  @Transform(trim) @Allow() nextHearingDateYear: string;
  @ValidateIf((f: HearingOutcomeForm) => f.outcome === 'REMANDED' && !!f.nextHearingCourt)
  @Transform(trim)
  @Length(3, 200, { message: 'The court of the next hearing must be 3 to 200 characters' })
  nextHearingCourt?: string;
  @ValidateIf((f: HearingOutcomeForm) => f.outcome === 'REMANDED' && !!f.nextHearingPurpose)
  @Transform(trim)
  @Length(3, 500, { message: 'What the next hearing is for must be 3 to 500 characters' })
  nextHearingPurpose?: string;
  @ValidateIf((f: HearingOutcomeForm) => LEFT_CUSTODY.includes(f.outcome))
  @Transform(trim)
  @Length(3, 1000, { message: 'Where the child went must be 3 to 1000 characters' })
  @IsNotEmpty({ message: 'Enter where the child went from court (the address or placement)' })
  wentTo?: string;
  @Allow() expectedVersion: string;
}

/** The form's field for an api input path (`input.hearingDate`, `input.wentTo`). */
export const HEARING_FIELD_OF: Record<string, string> = {
  hearingDate: 'hearingDateDay',
  court: 'court',
  purpose: 'purpose',
  reason: 'reason',
  outcome: 'outcome',
  nextHearingDate: 'nextHearingDateDay',
  nextHearingCourt: 'nextHearingCourt',
  nextHearingPurpose: 'nextHearingPurpose',
  wentTo: 'wentTo',
  informedOn: 'informedOnDay',
  informedBy: 'informedBy',
  informedWhom: 'informedWhom',
  hearingId: 'informedOnDay',
};

const date = (values: Values, prefix: string) =>
  dateFromParts(values[`${prefix}Day`], values[`${prefix}Month`], values[`${prefix}Year`]) ?? '';

export function scheduleHearingInput(values: Values): Record<string, unknown> {
  return { hearingDate: date(values, 'hearingDate'), court: values.court, purpose: values.purpose };
}

export function moveHearingInput(values: Values): Record<string, unknown> {
  return { hearingDate: date(values, 'hearingDate'), reason: values.reason };
}

export function cancelHearingInput(values: Values): Record<string, unknown> {
  return { reason: values.reason?.trim() };
}

/** The outcome as the api takes it: only the answers that belong to the chosen outcome, blanks left out. */
export function hearingOutcomeInput(values: Values): Record<string, unknown> {
  if (values.outcome === 'REMANDED') {
    return {
      outcome: 'REMANDED',
      nextHearingDate: date(values, 'nextHearingDate'),
      ...(values.nextHearingCourt?.trim() && { nextHearingCourt: values.nextHearingCourt.trim() }),
      ...(values.nextHearingPurpose?.trim() && { nextHearingPurpose: values.nextHearingPurpose.trim() }),
    };
  }
  return { outcome: values.outcome, wentTo: values.wentTo?.trim() };
}

interface HearingRow {
  id: string;
  hearingDate: string;
  court: string;
  purpose: string;
  outcome: string | null;
  wentTo: string | null;
  cancellationReason?: string | null;
}

/** Whether a hearing still waits for what the court decides: no outcome recorded, and not cancelled. */
function waitsForOutcome(h: { outcome: string | null; cancellationReason?: string | null }): boolean {
  return !h.outcome && !h.cancellationReason;
}

/**
 * What recording a sentence now does to a remanded child's hearing still waiting for its outcome, in words for the
 * sentence page and its check step, before anything is saved (the api's rule, `sentenceAtWaitingHearingProblem`): a
 * sentence dated that day or later also records that hearing's outcome as sentenced; one dated before it is refused.
 * Without a date yet (the form), both are said. Null when no hearing waits, or the child is not on remand.
 */
export function sentenceAtHearingNotice(
  episode: { status: string; hearings?: HearingRow[] },
  sentenceDate?: string,
): { text: string; refused: boolean } | null {
  const hearing = episode.status === 'REMANDED' ? (episode.hearings ?? []).find((h) => waitsForOutcome(h)) : undefined;
  if (!hearing) return null;
  const listed = `the hearing at ${hearing.court} on ${govukDate(hearing.hearingDate)} (${hearing.purpose})`;
  if (!sentenceDate) {
    return {
      text:
        `The child is waiting for the outcome of ${listed}. Saving a sentence dated that day or later also records ` +
        `that hearing’s outcome as sentenced. A sentence dated before it is refused: if the child was sentenced at an ` +
        `earlier hearing, cancel the listed one with the reason first.`,
      refused: false,
    };
  }
  if (sentenceAtWaitingHearingProblem(hearing, sentenceDate)) {
    return {
      text:
        `The sentence is dated before ${listed}, which is waiting for its outcome: it would be refused. Correct the ` +
        `date, or if the child was sentenced at an earlier hearing, cancel the listed one with the reason first`,
      refused: true,
    };
  }
  return { text: `Saving this sentence also records the outcome of ${listed} as sentenced.`, refused: false };
}

/**
 * The episode's hearings for the plan page, with what may be done to each: a hearing waiting for its outcome may be
 * moved, cancelled or have its outcome recorded, and a remanded child with none waiting may have the next one
 * scheduled.
 */
export function hearingsOf(
  episode: { id: string; status: string; hearings?: HearingRow[] },
  mayChange: boolean,
  childrensServices: { mayRecord: boolean; told: readonly ChildrensServicesTold[] | null } = {
    mayRecord: false,
    told: null,
  },
): {
  rows: (HearingRow & {
    outcomeLabel: string | null;
    links: { href: string; text: string }[];
    childrensServices: string | null;
    informLink: { href: string; text: string } | null;
  })[];
  scheduleHref: string | null;
  /** Whether the reader sees the plan's records of children's services told (a column of the table). */
  childrensServicesShown: boolean;
} {
  const hearings = episode.hearings ?? [];
  const onRemand = mayChange && episode.status === 'REMANDED';
  const base = `/episodes/${episode.id}/hearings`;
  return {
    childrensServicesShown: childrensServices.told !== null,
    rows: hearings.map((h) => ({
      ...h,
      childrensServices: childrensServicesWords(h, childrensServices.told),
      informLink:
        childrensServices.mayRecord && episode.status === 'REMANDED' && waitsForOutcome(h)
          ? { href: `${base}/${h.id}/childrens-services`, text: 'Record that children’s services were told' }
          : null,
      outcomeLabel: h.outcome
        ? (OUTCOME_LABELS[h.outcome] ?? h.outcome)
        : h.cancellationReason
          ? `Cancelled: ${h.cancellationReason}`
          : null,
      links:
        onRemand && waitsForOutcome(h)
          ? [
              { href: `${base}/${h.id}/move`, text: 'Move the hearing' },
              { href: `${base}/${h.id}/outcome`, text: 'Record the outcome' },
              { href: `${base}/${h.id}/cancel`, text: 'Cancel the hearing' },
            ]
          : [],
    })),
    scheduleHref: onRemand && !hearings.some(waitsForOutcome) ? `${base}/new` : null,
  };
}

/** A record that children's services were told of a hearing, as the plan reads it. */
export interface ChildrensServicesTold {
  hearingId: string;
  informedOn: string;
  informedBy: string;
  informedWhom: string | null;
}

/**
 * What children's services were told of a hearing, in words for the hearings table (the latest record), or null when
 * the reader may not see the plan's records. A hearing still waiting says so when they have not been told.
 */
function childrensServicesWords(
  h: Pick<HearingRow, 'id'> & { outcome: string | null; cancellationReason?: string | null },
  told: readonly ChildrensServicesTold[] | null,
): string | null {
  if (!told) return null;
  const latest = told.filter((t) => t.hearingId === h.id).at(-1);
  if (latest) {
    return `Told on ${govukDate(latest.informedOn)} by ${latest.informedBy}${latest.informedWhom ? ` (told: ${latest.informedWhom})` : ''}`;
  }
  return waitsForOutcome(h) ? 'Not told yet' : 'Not recorded';
}

/** Children's services told of a hearing before it: the day, who told them, and whom they told. */
export class ChildrensServicesInformedForm {
  @Transform(trim) @Validate(RealDate, ['informedOn', 'the day children’s services were told']) informedOnDay: string;
  @Transform(trim) @Allow() informedOnMonth: string;
  @Transform(trim) @Allow() informedOnYear: string;
  @Transform(trim)
  @Length(3, 200, { message: 'Who told them must be 3 to 200 characters' })
  @IsNotEmpty({ message: 'Enter who told children’s services' })
  informedBy: string;
  @Transform(trim)
  @ValidateIf((f: ChildrensServicesInformedForm) => !!f.informedWhom)
  @Length(1, 200, { message: 'Whom they told must be 200 characters or fewer' })
  informedWhom?: string;
  @Allow() expectedVersion: string;
}

export function childrensServicesInformedInput(values: Values): Record<string, unknown> {
  return {
    informedOn: date(values, 'informedOn'),
    informedBy: values.informedBy,
    ...(values.informedWhom?.trim() && { informedWhom: values.informedWhom.trim() }),
  };
}

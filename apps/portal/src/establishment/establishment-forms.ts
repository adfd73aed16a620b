import { Transform } from 'class-transformer';
import { Allow, IsIn, IsInt, IsNotEmpty, IsOptional, Length, Max, Min, Validate, ValidateIf } from 'class-validator';
import { Capability, mayPerform, Role } from '@resettle/access';
import { dateFromParts, RealDate } from '../forms/date-input';
import { govukDate } from '../http/view-filters';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** A whole number typed in a box ("12"), left as typed when it is not one so the message can say so. */
const wholeNumber = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\s*\d+\s*$/.test(value)
    ? Number(value)
    : typeof value === 'string'
      ? value.trim()
      : value;
const blankAsUndefined = (v: unknown) => v === undefined || v === '';

export const SENTENCE_TYPES = ['DTO', 'S250', 'EXTENDED', 'DHMP'] as const;
export const SENTENCE_TYPE_LABELS: Record<string, string> = {
  DTO: 'Detention and training order (DTO)',
  S250: 'Section 250 detention',
  EXTENDED: 'Extended sentence',
  DHMP: 'Detention at His Majesty’s pleasure (DHMP)',
};

export class SentenceForm {
  @IsIn(SENTENCE_TYPES, { message: 'Select the type of sentence' })
  sentenceType: string;

  @Transform(trim) @Validate(RealDate, ['sentenceDate', 'the date of the sentence']) sentenceDateDay: string;
  @Transform(trim) @Allow() sentenceDateMonth: string;
  @Transform(trim) @Allow() sentenceDateYear: string;

  @Transform(wholeNumber)
  @ValidateIf((form: SentenceForm) => form.sentenceType !== 'DHMP' || !blankAsUndefined(form.termMonths))
  @Min(1, { message: 'The length of the sentence must be between 1 and 1200 months' })
  @Max(1200, { message: 'The length of the sentence must be between 1 and 1200 months' })
  @IsNotEmpty({ message: 'Enter the length of the sentence in months' })
  @IsInt({ message: 'The length of the sentence must be a whole number of months, like 12' })
  termMonths: number | string;

  @Transform(wholeNumber)
  @ValidateIf((form: SentenceForm) => form.sentenceType === 'EXTENDED')
  @Min(1, { message: 'The extended licence period must be between 1 and 240 months' })
  @Max(240, { message: 'The extended licence period must be between 1 and 240 months' })
  @IsNotEmpty({ message: 'Enter the extended licence period in months' })
  @IsInt({ message: 'The extended licence period must be a whole number of months, like 24' })
  extensionMonths: number | string;

  @Transform(wholeNumber)
  @ValidateIf((form: SentenceForm) => !blankAsUndefined(form.remandDays))
  @Min(0, { message: 'Days on remand must be between 0 and 10000' })
  @Max(10000, { message: 'Days on remand must be between 0 and 10000' })
  @IsInt({ message: 'Days on remand must be a whole number, like 31' })
  remandDays: number | string;

  @Transform(wholeNumber)
  @ValidateIf((form: SentenceForm) => !blankAsUndefined(form.taggedBailDays))
  @Min(0, { message: 'Days on tagged bail must be between 0 and 10000' })
  @Max(10000, { message: 'Days on tagged bail must be between 0 and 10000' })
  @IsInt({ message: 'Days on tagged bail must be a whole number, like 10' })
  taggedBailDays: number | string;

  @IsOptional() @IsIn(['yes']) qualifyingSeriousOffence?: string;
  @IsOptional() @IsIn(['yes']) excludedFromFortyPercentRelease?: string;

  @Transform(trim)
  @ValidateIf((form: SentenceForm) => !!form.reasonForDifferentRemandDays)
  @Length(3, 1000, { message: 'The reason for a different remand credit must be 3 to 1000 characters' })
  reasonForDifferentRemandDays?: string;

  /** The episode's version the page showed: a change made meanwhile is refused by the api (CONFLICT). */
  @Allow() expectedVersion: string;
}

/** The api's `SentenceInput` from a valid form (the calculator's `ReleaseDateInput` takes the same fields). */
export function sentenceInput(
  values: Record<string, string>,
  /** The days on remand known in this episode: what an empty box credits (the api's own default). */
  knownRemandDays: number | null = null,
): Record<string, unknown> {
  const number = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : Number(v));
  const input: Record<string, unknown> = {
    sentenceType: values.sentenceType,
    sentenceDate: dateFromParts(values.sentenceDateDay, values.sentenceDateMonth, values.sentenceDateYear),
    termMonths: number(values.termMonths),
    extensionMonths: values.sentenceType === 'EXTENDED' ? number(values.extensionMonths) : undefined,
    remandDays: number(values.remandDays) ?? knownRemandDays ?? 0,
    taggedBailDays: number(values.taggedBailDays) ?? 0,
  };
  if (values.sentenceType === 'S250') {
    input.qualifyingSeriousOffence = values.qualifyingSeriousOffence === 'yes';
    input.excludedFromFortyPercentRelease = values.excludedFromFortyPercentRelease === 'yes';
  }
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

/**
 * What the api would refuse about a real sentence date, said before the preview rather than after saving: a day
 * after today, or before the episode began. Null when neither.
 */
export function sentenceDateProblem(date: string, today: string, episodeStart: string): string | null {
  if (date > today) return 'The date of the sentence must be today or in the past';
  if (date < episodeStart)
    return `The date of the sentence must be on or after the day custody began, ${govukDate(episodeStart)}`;
  return null;
}

/** The form's field for an api input path (`input.sentence.termMonths`, `input.sentenceDate`). */
export const SENTENCE_FIELD_OF: Record<string, string> = {
  sentenceType: 'sentenceType',
  sentenceDate: 'sentenceDateDay',
  termMonths: 'termMonths',
  extensionMonths: 'extensionMonths',
  remandDays: 'remandDays',
  taggedBailDays: 'taggedBailDays',
  qualifyingSeriousOffence: 'sentenceType',
  excludedFromFortyPercentRelease: 'sentenceType',
  reasonForDifferentRemandDays: 'reasonForDifferentRemandDays',
};

export class EarlyReleaseForm {
  @Transform(trim) @Validate(RealDate, ['releaseOn', 'the day early release is granted for']) releaseOnDay: string;
  @Transform(trim) @Allow() releaseOnMonth: string;
  @Transform(trim) @Allow() releaseOnYear: string;
  @Allow() expectedVersion: string;
}

export interface CustodyEpisodeRef {
  status: string;
  currentEstablishment: { id: string };
  supervisingService: { id: string };
}

const IN_CUSTODY = ['REMANDED', 'SENTENCED', 'RECALLED'];

/**
 * Whether the custody links and forms are for this person: the mutations' `@Allow(CHANGE_CUSTODY)` on their roles
 * (from `me`), the child in custody, and the policy's rule that the establishment holding the child or the
 * supervising service changes the custody record. The api still decides every change.
 */
export function mayChangeCustody(
  me: { roles: string[]; organisationId: string | null } | undefined,
  episode: CustodyEpisodeRef,
): boolean {
  return (
    !!me &&
    mayPerform({ roles: me.roles as Role[] }, Capability.CHANGE_CUSTODY) &&
    IN_CUSTODY.includes(episode.status) &&
    (me.organisationId === episode.currentEstablishment.id || me.organisationId === episode.supervisingService.id)
  );
}

/** Early release applies to a DTO with an early release window (8 months or more). */
export function earlyReleaseApplies(episode: {
  sentenceType: string | null;
  earliestReleaseDate: string | null;
  midTermDate: string | null;
}): boolean {
  return episode.sentenceType === 'DTO' && !!episode.earliestReleaseDate && !!episode.midTermDate;
}

export interface MilestoneDue {
  key: string;
  dueDate: string | null;
  status: string;
}

export interface DeadlineChanges {
  moved: { key: string; from: string | null; to: string | null }[];
  added: MilestoneDue[];
  removed: MilestoneDue[];
  unchanged: number;
}

/**
 * What a change did to the plan's deadlines: each deadline (by its key) whose due date moved, those that are new,
 * and those that are gone; in the order the deadlines fall after the change (removed ones in their old order).
 */
export function deadlineChanges(before: MilestoneDue[], after: MilestoneDue[]): DeadlineChanges {
  const old = new Map(before.map((m) => [m.key, m]));
  const now = new Set(after.map((m) => m.key));
  const changes: DeadlineChanges = { moved: [], added: [], removed: [], unchanged: 0 };
  for (const m of after) {
    const was = old.get(m.key);
    if (!was) changes.added.push(m);
    else if (was.dueDate !== m.dueDate) changes.moved.push({ key: m.key, from: was.dueDate, to: m.dueDate });
    else changes.unchanged++;
  }
  changes.removed = before.filter((m) => !now.has(m.key));
  return changes;
}

import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { MEASURES_SCOPE_KINDS, MeasuresScopeKind } from '@resettle/access';
import { IsLocalDate } from '@resettle/common';
import type { ReleasedPopulation } from '@resettle/custody';
import { REGIONS } from '@resettle/organisations';
import { MilestoneKey } from '../milestone-enums';
import {
  BREAKDOWN_DIMENSIONS,
  BREAKDOWN_MEASURES,
  BreakdownDimension,
  BreakdownMeasure,
} from './rules/measure-breakdowns';
import { MEASURE_FIGURES, MeasureFigure } from './rules/resettlement-measures';

const enumOf = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;
const BreakdownDimensionEnum = enumOf(BREAKDOWN_DIMENSIONS);
const BreakdownMeasureEnum = enumOf(BREAKDOWN_MEASURES);
registerEnumType(BreakdownDimensionEnum, {
  name: 'BreakdownDimension',
  description:
    'What the children released are broken down by: ONS ethnic group, gender, age band, care status, remand or sentenced.',
});
registerEnumType(BreakdownMeasureEnum, { name: 'BreakdownMeasure' });
const MeasureFigureEnum = enumOf(MEASURE_FIGURES);
registerEnumType(MeasureFigureEnum, {
  name: 'MeasureFigure',
  description: 'A headline figure of the measures (the `key` of a MeasureFigureType): the children it counts.',
});

const MeasuresScopeKindEnum = enumOf(MEASURES_SCOPE_KINDS);
registerEnumType(MeasuresScopeKindEnum, {
  name: 'MeasuresScopeKind',
  description: 'What the measures are counted for: whose children released.',
  valuesMap: {
    YOUTH_JUSTICE_SERVICE: { description: 'The children the youth justice service supervises.' },
    ESTABLISHMENT: { description: 'The children released from the secure establishment.' },
    LOCAL_AUTHORITY: {
      description:
        'The children whose home is the local authority (its accommodation team finds where they will live): the council as partner.',
    },
    REGION: {
      description: "The children supervised by the region's youth justice services (an English region, or Wales).",
    },
    ENGLAND_AND_WALES: { description: 'Every child released.' },
  },
});

@InputType({ description: 'Whose measures: an organisation of the kind named, a region, or England and Wales.' })
export class MeasuresScopeInput {
  @Field(() => MeasuresScopeKindEnum)
  @IsIn(MEASURES_SCOPE_KINDS)
  kind: MeasuresScopeKind;

  @Field(() => ID, {
    nullable: true,
    description: 'The youth justice service, establishment or local authority (for those kinds only).',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `The region (for REGION only): ${REGIONS.join(', ')}.`,
  })
  @IsOptional()
  @IsIn(REGIONS)
  region?: string | null;
}

@ObjectType({ description: 'Whose measures these are.' })
export class MeasuresScopeType {
  @Field(() => MeasuresScopeKindEnum) kind: MeasuresScopeKind;
  @Field(() => ID, { nullable: true, description: 'The youth justice service, establishment or local authority.' })
  organisationId: string | null;
  @Field(() => String, { nullable: true }) region: string | null;
  @Field({ description: 'The organisation\'s or region\'s name, or "England and Wales".' }) name: string;
}

/** A page of the children behind a figure. */
export const MEASURE_CHILDREN_PAGE_SIZE = 50;

@InputType()
export class ResettlementMeasuresInput {
  @Field({ description: 'The first day of the period (YYYY-MM-DD): children released on or after it.' })
  @IsLocalDate()
  from: string;

  @Field({ description: 'The last day of the period (YYYY-MM-DD), at most 366 days after `from`.' })
  @IsLocalDate()
  to: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'One youth justice service: the same as `scope: { kind: YOUTH_JUSTICE_SERVICE, organisationId }` (not with `scope`).',
  })
  @IsOptional()
  @IsUUID()
  youthJusticeServiceId?: string | null;

  @Field(() => MeasuresScopeInput, {
    nullable: true,
    description:
      'Whose measures. Without it (or `youthJusticeServiceId`): your own (your service, establishment or, as its lead, council); a national admin all of England and Wales.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => MeasuresScopeInput)
  scope?: MeasuresScopeInput | null;
}

@ObjectType({
  description: 'A count as published: under 5 it is hidden ("fewer than 5"), and so is any that would give one away.',
})
export class PublishedCountType {
  @Field(() => Int, { nullable: true, description: 'Null when suppressed.' }) value: number | null;
  @Field() suppressed: boolean;
  @Field({ description: 'The number, or "fewer than 5".' }) display: string;
}

@ObjectType({ description: 'One figure: how many of the children released, after suppression.' })
export class MeasureFigureType {
  @Field() key: string;
  @Field() label: string;
  @Field(() => PublishedCountType) numerator: PublishedCountType;
  @Field(() => PublishedCountType, { description: 'The children released in the period.' })
  denominator: PublishedCountType;
  @Field(() => Int, { nullable: true, description: 'Whole per cent; null when either count is hidden.' })
  percentage: number | null;
}

@ObjectType({ description: 'The deadlines of one kind of the children released: how each ended.' })
export class DeadlineMeasureType {
  @Field(() => MilestoneKey) key: MilestoneKey;
  @Field(() => PublishedCountType, { description: 'Met by the recorded fact on or before the due date.' })
  metOnTime: PublishedCountType;
  @Field(() => PublishedCountType, { description: 'Met after the due date (missed, then met).' })
  metLate: PublishedCountType;
  @Field(() => PublishedCountType, { description: 'Never met (missed, or still pending).' })
  notMet: PublishedCountType;
  @Field(() => PublishedCountType) waived: PublishedCountType;
  @Field(() => PublishedCountType) total: PublishedCountType;
}

@ObjectType({
  description:
    'The deadlines of one kind of the children released (or of all kinds together) by the highest level of the escalation ladder each reached (level 1 the owner at the due moment, 2 their manager, 3 the head of service); the bands add up to the total.',
})
export class EscalationMeasureType {
  @Field(() => MilestoneKey, {
    nullable: true,
    description: 'The kind of deadline; null for all kinds together (the last row), each band the kinds’ added up.',
  })
  key: MilestoneKey | null;
  @Field(() => PublishedCountType, { description: 'Never escalated (met, waived or still to come in time).' })
  notEscalated: PublishedCountType;
  @Field(() => PublishedCountType, { description: 'Reached level 1 (the owner) and went no further.' })
  level1: PublishedCountType;
  @Field(() => PublishedCountType, { description: "Reached level 2 (the owner's manager) and went no further." })
  level2: PublishedCountType;
  @Field(() => PublishedCountType, { description: 'Reached level 3 (the head of service).' })
  level3: PublishedCountType;
  @Field(() => PublishedCountType) total: PublishedCountType;
}

@ObjectType({ description: 'One measure for one group: how many of the group had it, and against the largest group.' })
export class BreakdownFigureType {
  @Field(() => BreakdownMeasureEnum) measure: BreakdownMeasure;
  @Field() label: string;
  @Field(() => PublishedCountType, { description: 'How many of the group had it.' }) numerator: PublishedCountType;
  @Field(() => Int, { nullable: true, description: 'Whole per cent of the group; null when hidden.' })
  percentage: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      "The group's rate over the largest group's, to two places (1 for the largest; under 1: fewer of this group had it). Null when a count behind it is hidden.",
  })
  relativeRate: number | null;
}

@ObjectType({ description: 'One group of a breakdown (e.g. Black, Black British, Black Welsh, Caribbean or African).' })
export class BreakdownGroupType {
  @Field() group: string;
  @Field() label: string;
  @Field(() => PublishedCountType, { description: 'Children of the group released in the period.' })
  released: PublishedCountType;
  @Field(() => [BreakdownFigureType]) figures: BreakdownFigureType[];
}

@ObjectType({
  description: 'The headline measures by one characteristic of the children, with the counts behind them.',
})
export class MeasureBreakdownType {
  @Field(() => BreakdownDimensionEnum) dimension: BreakdownDimension;
  @Field() label: string;
  @Field(() => String, { nullable: true, description: 'The largest group: the one each relative rate compares with.' })
  baseGroup: string | null;
  @Field(() => [BreakdownGroupType], { description: "Groups with children released, in the dimension's order." })
  groups: BreakdownGroupType[];
}

@ObjectType({
  description:
    'The resettlement measures for the children released in a period, counted in PostgreSQL from the recorded facts; counts only, small numbers suppressed.',
})
export class ResettlementMeasuresType {
  @Field() from: string;
  @Field() to: string;
  @Field(() => ID, { nullable: true, description: 'The youth justice service, when that is the scope.' })
  youthJusticeServiceId: string | null;
  @Field(() => MeasuresScopeType) scope: MeasuresScopeType;
  /** Not in the schema: whose children the scope counts, for the fields other features resolve (response times). */
  population: ReleasedPopulation | null;
  @Field(() => PublishedCountType, { description: 'Children released in the period.' })
  released: PublishedCountType;
  @Field(() => [MeasureFigureType], { description: 'When the address was confirmed (bands that add up to all).' })
  accommodation: MeasureFigureType[];
  @Field(() => [MeasureFigureType]) childTold: MeasureFigureType[];
  @Field(() => [MeasureFigureType]) ete: MeasureFigureType[];
  @Field(() => [MeasureFigureType], {
    description:
      "Plans with the child's own view (in words, not the reason it could not be had) on every active pathway, at least one active, and not; as the plan stands.",
  })
  planViews: MeasureFigureType[];
  @Field(() => [MeasureFigureType], { description: 'Plans explained to the child by the day of release, and not.' })
  planExplained: MeasureFigureType[];
  @Field(() => [MeasureFigureType], {
    description: 'Plans agreed (and still agreed) by the day of release, and not.',
  })
  planAgreed: MeasureFigureType[];
  @Field(() => [MeasureFigureType], {
    description:
      "The initial planning meeting held by its milestone's due date (10 working days after sentence; for a child released from remand, the detention placement plan's, 10 working days after remand), and not.",
  })
  initialMeeting: MeasureFigureType[];
  @Field(() => [MeasureFigureType], {
    description:
      "The pre-release planning meeting held by its milestone's due date (20 working days before the earliest release date; with none, by the day of release), and not.",
  })
  preReleaseMeeting: MeasureFigureType[];
  @Field(() => [MeasureFigureType], {
    description:
      'Changes of case manager from the first allocation to the day of release (`case_manager_assignment`, each assignment naming someone other than the one before): nobody allocated, none, one, two or more; bands that add up to all.',
  })
  caseManagerChanges: MeasureFigureType[];
  @Field(() => [MeasureFigureType], {
    description:
      'Plans with an action (open or done) naming an intervention the child already did on an earlier order (the same name, case, spacing and punctuation aside), and not; as the plan stands.',
  })
  interventionRepeated: MeasureFigureType[];
  @Field(() => [MeasureFigureType], {
    description:
      'The first night at the accommodation planned, as the release record (written after release) says, and not (not at it, or nothing recorded).',
  })
  firstNight: MeasureFigureType[];
  @Field(() => [MeasureFigureType], {
    description:
      'Education, training or employment started as planned: the release record says so and an ETE place (provider, start date, hours, who confirmed) was recorded by the day of release; and not (not started as planned, not yet known, or no place).',
  })
  eteStarted: MeasureFigureType[];
  @Field(() => [MeasureFigureType], {
    description:
      'Every health pathway needing one (physical health always; mental health and substance misuse unless their need is NONE) handed over to a receiving provider with a first appointment by the day of release, and not.',
  })
  healthHandover: MeasureFigureType[];
  @Field(() => [MeasureFigureType], {
    description:
      'The release-day plan confirmed by the day of release (and still confirmed: a later change withdraws it), and not.',
  })
  releaseDayPlan: MeasureFigureType[];
  @Field(() => [DeadlineMeasureType]) deadlines: DeadlineMeasureType[];
  @Field(() => [EscalationMeasureType], {
    description:
      'The same deadlines by the highest level of the escalation ladder each reached (`milestone_escalation`, any of its due dates), as recorded now: a row a kind, then all kinds together (key null); suppressed as one table, so no total (a row’s, a column’s, all kinds’) gives a hidden count away.',
  })
  escalations: EscalationMeasureType[];
  @Field(() => [MeasureBreakdownType], {
    description:
      'The headline measures by ethnic group, gender, age band, looked-after status, care leavers and remand or sentenced (disproportionality), suppressed so no hidden count can be worked out.',
  })
  breakdowns?: MeasureBreakdownType[];
  @Field(() => [BreakdownGroupType], {
    description:
      'The same measures for each month of the period (the trend; `group` is YYYY-MM, a month nobody was released in included), suppressed across the months as a table; no relative rates.',
  })
  byMonth?: BreakdownGroupType[];
}

@InputType()
export class MeasureChildrenInput extends ResettlementMeasuresInput {
  @Field(() => MeasureFigureEnum, { description: 'The figure whose children to list.' })
  @IsIn(MEASURE_FIGURES)
  figure: MeasureFigure;

  @Field(() => Int, { nullable: true, description: `The page, from 1; ${MEASURE_CHILDREN_PAGE_SIZE} children a page.` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  page?: number | null;
}

@ObjectType({
  description: 'One child behind a figure: the episode they were released from and the days that decided it.',
})
export class MeasureChildType {
  @Field(() => ID) episodeId: string;
  @Field(() => ID) childId: string;
  @Field({ description: 'The name the child is known by (preferred given name, family name).' }) name: string;
  @Field({ description: 'YYYY-MM-DD, the London day the child left.' }) releasedOn: string;
  @Field(() => String, { nullable: true, description: 'The day the address was confirmed (the fact that met it).' })
  addressConfirmedOn: string | null;
  @Field(() => String, { nullable: true, description: 'The day the child was told where they will live.' })
  toldOn: string | null;
  @Field(() => String, { nullable: true, description: 'The day the ETE place was confirmed.' })
  etePlaceConfirmedOn: string | null;
  @Field({ description: "The child's own view is on every active pathway of the plan (as it stands)." })
  viewsOnEveryPathway: boolean;
  @Field(() => String, { nullable: true, description: 'The day the plan was explained to the child.' })
  planExplainedOn: string | null;
  @Field(() => String, { nullable: true, description: 'The day the plan was agreed, while it still is.' })
  planAgreedOn: string | null;
  @Field(() => String, { nullable: true, description: 'The day the initial planning meeting was held.' })
  initialMeetingOn: string | null;
  @Field(() => String, { nullable: true, description: 'The day it was due by (see `initialMeeting`).' })
  initialMeetingDue: string | null;
  @Field(() => String, { nullable: true, description: 'The day the pre-release planning meeting was held.' })
  preReleaseMeetingOn: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The day it was due by (none for a child released from remand).',
  })
  preReleaseMeetingDue: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Changes of case manager to the day of release; null when nobody was allocated by then.',
  })
  caseManagerChanges: number | null;
  @Field({ description: 'The plan names an intervention the child did on an earlier order (as it stands).' })
  interventionRepeated: boolean;
  @Field(() => Boolean, {
    nullable: true,
    description: 'The first night at the accommodation planned (the release record); null when nothing was recorded.',
  })
  firstNightAsPlanned: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Education, training or work started as planned (the release record); null when not recorded.',
  })
  eteStartedAsPlanned: boolean | null;
  @Field(() => String, { nullable: true, description: 'The start date of the latest ETE place recorded.' })
  eteStartDate: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The day the last health pathway needing a handover was handed over; null while any is not.',
  })
  healthHandoverOn: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The day the release-day plan was confirmed, while it still is.',
  })
  releaseDayPlanConfirmedOn: string | null;
}

@ObjectType({ description: 'The children behind a figure, a page at a time, in order of release.' })
export class MeasureChildrenPage {
  @Field(() => MeasureFigureEnum) figure: MeasureFigure;
  @Field(() => Int, { description: 'All the children the figure counts (not suppressed: this is a list of children).' })
  total: number;
  @Field(() => Int) page: number;
  @Field(() => Int) pageSize: number;
  @Field(() => [MeasureChildType]) children: MeasureChildType[];
}

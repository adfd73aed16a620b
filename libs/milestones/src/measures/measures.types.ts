import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsLocalDate } from '@resettle/common';
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
    description: 'One youth justice service (a manager: their own, the default); none for national admins: all.',
  })
  @IsOptional()
  @IsUUID()
  youthJusticeServiceId?: string | null;
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
  @Field(() => ID, { nullable: true, description: 'Null: every youth justice service in England and Wales.' })
  youthJusticeServiceId: string | null;
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
  @Field(() => [DeadlineMeasureType]) deadlines: DeadlineMeasureType[];
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

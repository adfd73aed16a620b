import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { IsLocalDate } from '@resettle/common';
import { MilestoneKey } from '../milestone-enums';

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
  @Field(() => [DeadlineMeasureType]) deadlines: DeadlineMeasureType[];
}

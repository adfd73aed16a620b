import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Pathway } from './entities/pathway.entity';
import { PathwayAction } from './entities/pathway-action.entity';
import { AgreementResponse, PathwayType } from './planning-enums';

@ObjectType({ description: 'The child’s voice: what they think matters, in their own words.' })
export class ChildVoice {
  @Field(() => String, { nullable: true, description: 'What the child thinks matters and would help.' })
  selfAssessment: string | null;

  @Field(() => String, { nullable: true })
  aspirations: string | null;

  @Field(() => String, { nullable: true })
  strengths: string | null;

  @Field(() => String, { nullable: true })
  interests: string | null;

  @Field(() => String, { nullable: true })
  learningStyle: string | null;

  @Field(() => String, { nullable: true })
  communicationNeeds: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'How the plan is adapted to how the child learns and communicates.',
  })
  communicationAdaptations: string | null;
}

@ObjectType({ description: 'One thing stopping a plan being marked agreed.' })
export class PlanAgreementBlocker {
  @Field({ description: 'What to do, in words a case manager can act on.' })
  text: string;

  @Field(() => ID, { nullable: true, description: 'The pathway where it is done; null for the plan as a whole.' })
  pathwayId: string | null;
}

@ObjectType({
  description: 'How, when and by whom the plan was explained, and the child’s and parent/carer’s agreement.',
})
export class PlanAgreement {
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  explainedOn: string | null;

  @Field(() => String, { nullable: true })
  explainedById: string | null;

  @Field(() => String, { nullable: true })
  explainedHow: string | null;

  @Field(() => AgreementResponse, { nullable: true })
  childAgreement: AgreementResponse | null;

  @Field(() => String, { nullable: true, description: 'In the child’s own words.' })
  childAgreementWords: string | null;

  @Field(() => AgreementResponse, { nullable: true })
  parentCarerAgreement: AgreementResponse | null;

  @Field(() => String, { nullable: true })
  parentCarerAgreementWords: string | null;

  @Field(() => Date, { nullable: true })
  agreedAt: Date | null;

  @Field(() => String, { nullable: true })
  agreedById: string | null;

  @Field(() => [String], { description: 'What still stops the plan being marked agreed; empty when nothing does.' })
  blockers: string[];

  @Field(() => [PlanAgreementBlocker], {
    description: 'The same as `blockers`, each with the pathway it is fixed on when it is a pathway’s.',
  })
  blockerDetails: PlanAgreementBlocker[];
}

@ObjectType()
export class AddPathwayActionPayload {
  @Field(() => PathwayAction)
  action: PathwayAction;

  @Field(() => Pathway)
  pathway: Pathway;

  @Field(() => [String], { description: 'For instance: the child already did this intervention on an earlier order.' })
  warnings: string[];
}

@ObjectType({ description: 'An intervention planned again that the child already did on an earlier order.' })
export class RepeatedIntervention {
  @Field(() => ID)
  priorInterventionId: string;

  @Field(() => ID, { description: 'The open action that plans it again.' })
  actionId: string;

  @Field(() => ID)
  pathwayId: string;

  @Field(() => PathwayType)
  pathwayType: PathwayType;

  @Field({ description: 'The intervention as the earlier order named it.' })
  name: string;

  @Field({ description: 'The warning, in words a case manager can act on.' })
  text: string;
}

import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '@resettle/common';
import { MilestoneAnchor, MilestoneKey, MilestoneStatus } from '@resettle/milestones';
import { Referral } from './entities/referral.entity';
import { ReferralNews } from './rules/referral-news';
import { ReferralUrgency } from './rules/referral-urgency';

registerEnumType(ReferralNews, {
  name: 'ReferralNews',
  description: 'What is new on a referral for you, from your unread notices about it.',
});

registerEnumType(ReferralUrgency, {
  name: 'ReferralUrgency',
  description:
    'How close a referral is to the deadline it exists to meet (the address confirmed 28 days before release, the ETE place and the health handover 14 days before).',
});

/** The minimal summary of the child the partner sees: taken when the referral was sent. */
@ObjectType()
export class ReferralSummary {
  @Field() givenName: string;
  @Field() familyName: string;
  @Field(() => String, { nullable: true }) preferredName: string | null;
  @Field(() => Int) age: number;
  @Field() gender: string;
  @Field(() => String, { nullable: true, description: 'The expected release date when sent (null on remand).' })
  releaseDate: string | null;
  @Field(() => String, { nullable: true }) establishmentName: string | null;
  @Field(() => String, { nullable: true }) needsAndRisks: string | null;
  @Field(() => String, { nullable: true }) childWishes: string | null;
  @Field(() => String, { nullable: true }) familyViews: string | null;
  @Field(() => Date) takenAt: Date;
}

@ObjectType()
export class ReferralConnection extends Connection(Referral, 'Referral') {}

/** The deadline a referral exists to meet: the deadline engine's milestone for it (see `rules/referral-urgency.ts`). */
@ObjectType()
export class ReferralDeadline {
  @Field(() => MilestoneKey) key: MilestoneKey;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null while there is no release date (remand).' })
  dueDate: string | null;
  @Field(() => MilestoneStatus) status: MilestoneStatus;
  @Field(() => MilestoneAnchor, {
    description:
      'What the due date is counted from: for every referral, the earliest date the child could be released.',
  })
  anchor: MilestoneAnchor;
  /** The episode whose deadline it is (its anchor date and its service's policy are read by the fields). */
  episodeId: string;
}

/**
 * Who to call about the referral: the child's case manager at the supervising service, as both sides of the referral
 * see them (`ReferralFieldGroup.CASE_MANAGER_CONTACT`).
 */
@ObjectType()
export class ReferralContact {
  @Field({ description: 'Given and family name.' }) name: string;
  @Field({ description: 'Work email.' }) email: string;
  @Field(() => String, { nullable: true, description: 'Work phone, as they gave it; null if they have not.' })
  workPhone: string | null;
}

import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '@resettle/common';
import { Referral } from './entities/referral.entity';

/** The minimal summary of the child the partner sees: taken when the referral was sent. */
@ObjectType()
export class ReferralSummary {
  @Field() givenName: string;
  @Field() familyName: string;
  @Field(() => String, { nullable: true }) preferredName: string | null;
  @Field(() => Int) age: number;
  @Field() gender: string;
  @Field(() => String, { nullable: true, description: 'The expected release date when sent (null on remand).' }) releaseDate: string | null;
  @Field(() => String, { nullable: true }) establishmentName: string | null;
  @Field(() => String, { nullable: true }) needsAndRisks: string | null;
  @Field(() => String, { nullable: true }) childWishes: string | null;
  @Field(() => String, { nullable: true }) familyViews: string | null;
  @Field(() => Date) takenAt: Date;
}

@ObjectType()
export class ReferralConnection extends Connection(Referral, 'Referral') {}

import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Something the release-day plan lacks before it can be confirmed.' })
export class ReleaseDayGap {
  @Field({ description: 'The planReleaseDay input field to fill in or change.' })
  field: string;

  @Field()
  message: string;
}

import { registerEnumType } from '@nestjs/graphql';

/** The deadlines of DOMAIN.md ("Deadlines"), each met by a recorded fact. */
export enum MilestoneKey {
  DETENTION_PLACEMENT_PLAN = 'DETENTION_PLACEMENT_PLAN',
  INITIAL_PLANNING_MEETING = 'INITIAL_PLANNING_MEETING',
  ACCOMMODATION_REFERRAL_SENT = 'ACCOMMODATION_REFERRAL_SENT',
  ACCOMMODATION_CONFIRMED = 'ACCOMMODATION_CONFIRMED',
  CHILD_TOLD_WHERE_LIVING = 'CHILD_TOLD_WHERE_LIVING',
  ETE_PLACE_CONFIRMED = 'ETE_PLACE_CONFIRMED',
  HEALTH_HANDOVER_ARRANGED = 'HEALTH_HANDOVER_ARRANGED',
  DAY_OF_RELEASE_PLAN_CONFIRMED = 'DAY_OF_RELEASE_PLAN_CONFIRMED',
  PRE_RELEASE_MEETING_HELD = 'PRE_RELEASE_MEETING_HELD',
  // Before each court hearing of a child on remand, so release at court is possible.
  HEARING_ACCOMMODATION_OPTION_IDENTIFIED = 'HEARING_ACCOMMODATION_OPTION_IDENTIFIED',
  HEARING_CHILDRENS_SERVICES_INFORMED = 'HEARING_CHILDRENS_SERVICES_INFORMED',
  HEARING_ETE_ARRANGEMENTS = 'HEARING_ETE_ARRANGEMENTS',
  HEARING_HEALTH_ARRANGEMENTS = 'HEARING_HEALTH_ARRANGEMENTS',
}
registerEnumType(MilestoneKey, { name: 'MilestoneKey' });

export enum MilestoneStatus {
  PENDING = 'PENDING',
  MET = 'MET',
  MISSED = 'MISSED',
  WAIVED = 'WAIVED',
}
registerEnumType(MilestoneStatus, { name: 'MilestoneStatus' });

/** The date a milestone hangs on. */
export enum MilestoneAnchor {
  REMAND_DATE = 'REMAND_DATE',
  SENTENCE_DATE = 'SENTENCE_DATE',
  /** The earliest date the child could be released (for a DTO of 8+ months, the early release date). */
  EARLIEST_RELEASE_DATE = 'EARLIEST_RELEASE_DATE',
  /** The day the child is now expected to leave. */
  RELEASE_DATE = 'RELEASE_DATE',
  /** On remand: the date of the next court hearing, where the child may be released. */
  NEXT_HEARING_DATE = 'NEXT_HEARING_DATE',
}
registerEnumType(MilestoneAnchor, { name: 'MilestoneAnchor' });

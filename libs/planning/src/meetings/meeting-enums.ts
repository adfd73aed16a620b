import { registerEnumType } from '@nestjs/graphql';

/** The kinds of resettlement planning meeting (DOMAIN.md "The resettlement plan"). */
export enum MeetingType {
  /** The first planning meeting of the episode: one per plan (unless it was cancelled). */
  INITIAL = 'INITIAL',
  REVIEW = 'REVIEW',
  PRE_RELEASE = 'PRE_RELEASE',
  POST_RELEASE = 'POST_RELEASE',
  OTHER = 'OTHER',
}
registerEnumType(MeetingType, { name: 'MeetingType' });

export enum MeetingStatus {
  SCHEDULED = 'SCHEDULED',
  /** The outcome is recorded: attendance, participation, decisions and actions. */
  HELD = 'HELD',
  /** Kept, with its reason, never deleted. */
  CANCELLED = 'CANCELLED',
}
registerEnumType(MeetingStatus, { name: 'MeetingStatus' });

/** How the child, or their parent/carer, takes part: as planned, and then as it happened. */
export enum MeetingParticipation {
  IN_PERSON = 'IN_PERSON',
  REMOTELY = 'REMOTELY',
  /** Not at the meeting, but their views were gathered beforehand and put to it. */
  VIEWS_SHARED_BEFOREHAND = 'VIEWS_SHARED_BEFOREHAND',
  NOT_PARTICIPATING = 'NOT_PARTICIPATING',
}
registerEnumType(MeetingParticipation, { name: 'MeetingParticipation' });

/** An invitee's attendance, recorded with the outcome. */
export enum MeetingAttendance {
  ATTENDED = 'ATTENDED',
  APOLOGIES = 'APOLOGIES',
  DID_NOT_ATTEND = 'DID_NOT_ATTEND',
}
registerEnumType(MeetingAttendance, { name: 'MeetingAttendance' });

const TYPE_LABELS: Record<MeetingType, string> = {
  [MeetingType.INITIAL]: 'Initial planning meeting',
  [MeetingType.REVIEW]: 'Planning review meeting',
  [MeetingType.PRE_RELEASE]: 'Pre-release planning meeting',
  [MeetingType.POST_RELEASE]: 'Post-release planning meeting',
  [MeetingType.OTHER]: 'Planning meeting',
};

export function meetingTypeLabel(type: MeetingType): string {
  return TYPE_LABELS[type];
}

import { registerEnumType } from '@nestjs/graphql';

/** The nine resettlement pathways (DOMAIN.md "The resettlement plan"). */
export enum PathwayType {
  ACCOMMODATION = 'ACCOMMODATION',
  EDUCATION_TRAINING_EMPLOYMENT = 'EDUCATION_TRAINING_EMPLOYMENT',
  PHYSICAL_HEALTH = 'PHYSICAL_HEALTH',
  MENTAL_HEALTH = 'MENTAL_HEALTH',
  SUBSTANCE_MISUSE = 'SUBSTANCE_MISUSE',
  SPEECH_LANGUAGE_COMMUNICATION = 'SPEECH_LANGUAGE_COMMUNICATION',
  FAMILY_AND_RELATIONSHIPS = 'FAMILY_AND_RELATIONSHIPS',
  FINANCE_BENEFITS_ID = 'FINANCE_BENEFITS_ID',
  CONSTRUCTIVE_ACTIVITIES = 'CONSTRUCTIVE_ACTIVITIES',
}
registerEnumType(PathwayType, { name: 'PathwayType' });

/** In the order a plan shows them. */
export const PATHWAY_TYPES = Object.values(PathwayType);

export enum PathwayStatus {
  NOT_STARTED = 'NOT_STARTED',
  SUPPORT_REQUIRED = 'SUPPORT_REQUIRED',
  IN_PROGRESS = 'IN_PROGRESS',
  ARRANGED = 'ARRANGED',
  SUPPORT_NOT_REQUIRED = 'SUPPORT_NOT_REQUIRED',
  SUPPORT_DECLINED = 'SUPPORT_DECLINED',
}
registerEnumType(PathwayStatus, { name: 'PathwayStatus' });

/** A pathway is active (needs the child's view before the plan is agreed) unless support is not needed. */
export const INACTIVE_PATHWAY_STATUSES = [PathwayStatus.NOT_STARTED, PathwayStatus.SUPPORT_NOT_REQUIRED];

export enum NeedLevel {
  NONE = 'NONE',
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
registerEnumType(NeedLevel, { name: 'NeedLevel' });

export enum AgreementResponse {
  AGREES = 'AGREES',
  PARTLY_AGREES = 'PARTLY_AGREES',
  DISAGREES = 'DISAGREES',
  /** Could not be asked (with the reason in their words field). */
  NOT_ASKED = 'NOT_ASKED',
}
registerEnumType(AgreementResponse, { name: 'AgreementResponse' });

export enum PlanStatus {
  /** Being built with the child. */
  DRAFT = 'DRAFT',
  /** Explained to the child and parent/carer and agreed. */
  AGREED = 'AGREED',
}
registerEnumType(PlanStatus, { name: 'PlanStatus' });

/** Circumstances the inspections found children fare worst in, each with what is being done about it. */
export enum CircumstanceKind {
  LOOKED_AFTER = 'LOOKED_AFTER',
  CARE_LEAVER = 'CARE_LEAVER',
  GENDER = 'GENDER',
  ETHNICITY = 'ETHNICITY',
  DISABILITY = 'DISABILITY',
  EHCP = 'EHCP',
  PARENT = 'PARENT',
  EXPECTING_PARENT = 'EXPECTING_PARENT',
  /** Cares for a parent, brother or sister (the 2026 migration). */
  YOUNG_CARER = 'YOUNG_CARER',
}
registerEnumType(CircumstanceKind, { name: 'CircumstanceKind' });

export enum PlanEventType {
  PLAN_CREATED = 'PLAN_CREATED',
  CHILD_VOICE_UPDATED = 'CHILD_VOICE_UPDATED',
  PATHWAY_UPDATED = 'PATHWAY_UPDATED',
  PATHWAY_ACTION_ADDED = 'PATHWAY_ACTION_ADDED',
  PATHWAY_ACTION_UPDATED = 'PATHWAY_ACTION_UPDATED',
  CIRCUMSTANCE_RECORDED = 'CIRCUMSTANCE_RECORDED',
  PRIOR_INTERVENTION_RECORDED = 'PRIOR_INTERVENTION_RECORDED',
  PLAN_EXPLAINED = 'PLAN_EXPLAINED',
  PLAN_AGREED = 'PLAN_AGREED',
  MEETING_SCHEDULED = 'MEETING_SCHEDULED',
  MEETING_CHANGED = 'MEETING_CHANGED',
  MEETING_CANCELLED = 'MEETING_CANCELLED',
  MEETING_HELD = 'MEETING_HELD',
  RELEASE_DAY_PLANNED = 'RELEASE_DAY_PLANNED',
  RELEASE_DAY_CONFIRMED = 'RELEASE_DAY_CONFIRMED',
  RELEASE_RECORDED = 'RELEASE_RECORDED',
  APPOINTMENT_RECORDED = 'APPOINTMENT_RECORDED',
  BARRIER_ASSESSED = 'BARRIER_ASSESSED',
  SUPERVISION_RECORDED = 'SUPERVISION_RECORDED',
  /** The recorded facts deadlines are met by (issue 23). */
  ACCOMMODATION_ARRANGED = 'ACCOMMODATION_ARRANGED',
  CHILD_TOLD_WHERE_LIVING = 'CHILD_TOLD_WHERE_LIVING',
  ETE_PLACE_CONFIRMED = 'ETE_PLACE_CONFIRMED',
  HEALTH_HANDOVER_ARRANGED = 'HEALTH_HANDOVER_ARRANGED',
  /** A deadline open again: met only by a pathway's status, which is no recorded fact (the 2026 migration). */
  MILESTONE_REOPENED = 'MILESTONE_REOPENED',
  /** Circumstances and earlier interventions changed and removed in the portal (issue 20). */
  CIRCUMSTANCE_REMOVED = 'CIRCUMSTANCE_REMOVED',
  PRIOR_INTERVENTION_CHANGED = 'PRIOR_INTERVENTION_CHANGED',
  PRIOR_INTERVENTION_REMOVED = 'PRIOR_INTERVENTION_REMOVED',
  /** Children's services told of the next court hearing, before it (meets its deadline). */
  CHILDRENS_SERVICES_INFORMED = 'CHILDRENS_SERVICES_INFORMED',
}
registerEnumType(PlanEventType, { name: 'PlanEventType' });

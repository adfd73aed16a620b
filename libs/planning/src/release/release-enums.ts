import { registerEnumType } from '@nestjs/graphql';

/** Where the child slept on the first night after release. */
export enum FirstNightPlacementType {
  FAMILY_HOME = 'FAMILY_HOME',
  FOSTER_CARE = 'FOSTER_CARE',
  CHILDRENS_HOME = 'CHILDRENS_HOME',
  SUPPORTED_ACCOMMODATION = 'SUPPORTED_ACCOMMODATION',
  OTHER = 'OTHER',
  /** Nowhere settled (sofa-surfing, the street, a police station): the outcome every plan exists to prevent. */
  NO_FIXED_ABODE = 'NO_FIXED_ABODE',
}
registerEnumType(FirstNightPlacementType, { name: 'FirstNightPlacementType' });

export enum AppointmentKind {
  YJS = 'YJS',
  HEALTH = 'HEALTH',
  EDUCATION = 'EDUCATION',
  ACCOMMODATION = 'ACCOMMODATION',
  OTHER = 'OTHER',
}
registerEnumType(AppointmentKind, { name: 'AppointmentKind' });

export enum AppointmentOutcome {
  /** Arranged; not yet happened (the only outcome allowed before the child is released). */
  PLANNED = 'PLANNED',
  KEPT = 'KEPT',
  MISSED = 'MISSED',
  /** Moved: record the new time as its own appointment. */
  RESCHEDULED = 'RESCHEDULED',
}
registerEnumType(AppointmentOutcome, { name: 'AppointmentOutcome' });

/** Outcomes that say what happened, so need the child released and the appointment's time passed. */
export const HAPPENED_OUTCOMES = [AppointmentOutcome.KEPT, AppointmentOutcome.MISSED];

export enum BarrierStatus {
  OPEN = 'OPEN',
  ADDRESSED = 'ADDRESSED',
}
registerEnumType(BarrierStatus, { name: 'BarrierStatus' });

export enum SupervisionCompliance {
  COMPLIANT = 'COMPLIANT',
  PARTLY_COMPLIANT = 'PARTLY_COMPLIANT',
  NON_COMPLIANT = 'NON_COMPLIANT',
}
registerEnumType(SupervisionCompliance, { name: 'SupervisionCompliance' });

import { registerEnumType } from '@nestjs/graphql';

/** Where the child will live, when no accommodation referral is needed (most often home to family). */
export enum AccommodationKind {
  FAMILY_HOME = 'FAMILY_HOME',
  RELATIVE_OR_FRIEND = 'RELATIVE_OR_FRIEND',
  FOSTER_CARE = 'FOSTER_CARE',
  CHILDRENS_HOME = 'CHILDRENS_HOME',
  SUPPORTED_ACCOMMODATION = 'SUPPORTED_ACCOMMODATION',
  OTHER = 'OTHER',
}
registerEnumType(AccommodationKind, { name: 'AccommodationKind' });

/** How the child was told where they will live. */
export enum ToldHow {
  IN_PERSON = 'IN_PERSON',
  VIDEO_CALL = 'VIDEO_CALL',
  PHONE = 'PHONE',
  LETTER = 'LETTER',
}
registerEnumType(ToldHow, { name: 'ToldHow' });

/** The health pathways a handover is made for (DOMAIN: CAMHS, substance misuse, GP). */
export enum HealthHandoverPathway {
  PHYSICAL_HEALTH = 'PHYSICAL_HEALTH',
  MENTAL_HEALTH = 'MENTAL_HEALTH',
  SUBSTANCE_MISUSE = 'SUBSTANCE_MISUSE',
}
registerEnumType(HealthHandoverPathway, { name: 'HealthHandoverPathway' });

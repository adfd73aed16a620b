import { registerEnumType } from '@nestjs/graphql';

export enum OrganisationType {
  LOCAL_AUTHORITY = 'LOCAL_AUTHORITY',
  YOUTH_JUSTICE_SERVICE = 'YOUTH_JUSTICE_SERVICE',
  YOI = 'YOI',
  STC = 'STC',
  SCH = 'SCH',
  SECURE_SCHOOL = 'SECURE_SCHOOL',
  HEALTH_PROVIDER = 'HEALTH_PROVIDER',
  EDUCATION_PROVIDER = 'EDUCATION_PROVIDER',
  /** The Youth Justice Board and other national bodies: home of national administrators. */
  NATIONAL_BODY = 'NATIONAL_BODY',
}

export const SECURE_ESTABLISHMENT_TYPES = [
  OrganisationType.YOI,
  OrganisationType.STC,
  OrganisationType.SCH,
  OrganisationType.SECURE_SCHOOL,
] as const;

registerEnumType(OrganisationType, {
  name: 'OrganisationType',
  description: 'Kinds of agency that take part in a child’s resettlement.',
  valuesMap: {
    YOI: { description: 'Young offender institution' },
    STC: { description: 'Secure training centre' },
    SCH: { description: 'Secure children’s home' },
    SECURE_SCHOOL: { description: 'Secure school' },
  },
});

import { registerEnumType } from '@nestjs/graphql';

/** What a user does in the service; the access policy decides what each may see and change. */
export enum Role {
  YJS_CASE_MANAGER = 'YJS_CASE_MANAGER',
  YJS_MANAGER = 'YJS_MANAGER',
  ESTABLISHMENT_STAFF = 'ESTABLISHMENT_STAFF',
  ESTABLISHMENT_MANAGER = 'ESTABLISHMENT_MANAGER',
  LA_ACCOMMODATION_OFFICER = 'LA_ACCOMMODATION_OFFICER',
  LA_CHILDRENS_SERVICES = 'LA_CHILDRENS_SERVICES',
  HEALTH_PRACTITIONER = 'HEALTH_PRACTITIONER',
  EDUCATION_PROVIDER = 'EDUCATION_PROVIDER',
  NATIONAL_ADMIN = 'NATIONAL_ADMIN',
}

registerEnumType(Role, { name: 'Role' });

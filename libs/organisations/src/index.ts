export * from './organisation.entity';
export * from './organisation-type';
export * from './organisations.module';
export { loadOrganisation, ORGANISATION_LOADER } from './organisations.resolver';
export * from './organisations.service';
export * from './organisations-graphql.module';
export * from './rules/email-domains';
// The reference data of the field (local authorities, secure establishments, their partners), for the seed.
export * from './reference/local-authorities';
export * from './reference/partner-organisations';
export * from './reference/regions';
export * from './reference/secure-establishments';

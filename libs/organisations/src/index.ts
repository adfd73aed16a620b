export * from './organisation-type';
export * from './organisation.entity';
export * from './organisations.service';
export * from './organisations.module';
export * from './organisations-graphql.module';
export { loadOrganisation } from './organisations.resolver';
export * from './rules/email-domains';
// The reference data of the field (local authorities, secure establishments, their partners), for the seed.
export * from './reference/local-authorities';
export * from './reference/secure-establishments';
export * from './reference/partner-organisations';

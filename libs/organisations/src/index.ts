export * from './organisation-type';
export * from './organisation.entity';
export * from './organisations.service';
export * from './organisations.module';
export * from './organisations-graphql.module';
export { loadOrganisation } from './organisations.resolver';
export * from './rules/email-domains';

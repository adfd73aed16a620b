import { Module } from '@nestjs/common';
import { OrganisationsModule } from './organisations.module';
import { OrganisationsResolver } from './organisations.resolver';

/** The GraphQL face of the feature, for the api only (the worker imports OrganisationsModule). */
@Module({ imports: [OrganisationsModule], providers: [OrganisationsResolver] })
export class OrganisationsGraphqlModule {}

import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@resettle/organisations';
import { ChildrenModule } from './children.module';
import { ChildrenResolver } from './children.resolver';

@Module({ imports: [ChildrenModule, OrganisationsModule], providers: [ChildrenResolver] })
export class ChildrenGraphqlModule {}

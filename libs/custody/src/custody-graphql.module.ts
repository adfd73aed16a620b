import { Module } from '@nestjs/common';
import { ChildrenModule } from '@resettle/children';
import { OrganisationsModule } from '@resettle/organisations';
import { IdentityModule } from '@resettle/identity';
import { CustodyModule } from './custody.module';
import { ChildCustodyResolver, CustodyResolver } from './custody.resolver';

@Module({
  imports: [CustodyModule, ChildrenModule, OrganisationsModule, IdentityModule],
  providers: [CustodyResolver, ChildCustodyResolver],
})
export class CustodyGraphqlModule {}

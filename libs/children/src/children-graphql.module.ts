import { Module, OnModuleInit } from '@nestjs/common';
import { ChildRelationsRegistry } from '@resettle/access';
import { OrganisationsModule } from '@resettle/organisations';
import { ChildrenModule } from './children.module';
import { ChildrenResolver } from './children.resolver';
import { AccessReportEntryResolver, ChildAuditResolver } from './audit/child-audit.resolver';
import { IdentityModule } from '@resettle/identity';
import { ChildrenService } from './children.service';

@Module({
  imports: [ChildrenModule, OrganisationsModule, IdentityModule],
  providers: [ChildrenResolver, ChildAuditResolver, AccessReportEntryResolver],
})
export class ChildrenGraphqlModule implements OnModuleInit {
  constructor(
    private readonly registry: ChildRelationsRegistry,
    private readonly children: ChildrenService,
  ) {}

  /** Children are the access policy's primary source: they say which children exist and who recorded them. */
  onModuleInit(): void {
    this.registry.register(this.children, { primary: true });
  }
}

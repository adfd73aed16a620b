import { Module, OnModuleInit } from '@nestjs/common';
import { ChildRecordsRegistry, ChildRelationsRegistry } from '@resettle/access';
import { IdentityModule } from '@resettle/identity';
import { OrganisationsModule } from '@resettle/organisations';
import { AccessReportEntryResolver, ChildAuditResolver } from './audit/child-audit.resolver';
import { ChildrenModule } from './children.module';
import { ChildrenResolver } from './children.resolver';
import { ChildrenService } from './children.service';

@Module({
  imports: [ChildrenModule, OrganisationsModule, IdentityModule],
  providers: [ChildrenResolver, ChildAuditResolver, AccessReportEntryResolver],
})
export class ChildrenGraphqlModule implements OnModuleInit {
  constructor(
    private readonly registry: ChildRelationsRegistry,
    private readonly records: ChildRecordsRegistry,
    private readonly children: ChildrenService,
  ) {}

  /** Children are the access policy's primary source: they say which children exist and who recorded them. */
  onModuleInit(): void {
    this.registry.register(this.children, { primary: true });
    // A child's record is its own (auditTrail, accessReport and startCustodialEpisode name it by id).
    this.records.register('Child', (ids) => `SELECT c.id, c.id AS child_id FROM child c WHERE c.id = ANY(${ids})`);
  }
}

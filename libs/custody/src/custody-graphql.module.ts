import { Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChildRecordsRegistry, ChildRelationsRegistry } from '@resettle/access';
import { ChildrenModule } from '@resettle/children';
import { IdentityModule } from '@resettle/identity';
import { OrganisationsModule } from '@resettle/organisations';
import { custodyCaseloadParts } from './caseload-parts';
import { CaseloadPrefetch } from './caseload-prefetch';
import { CustodyModule } from './custody.module';
import { ChildCustodyResolver, CustodyResolver, SupervisionTransferResolver } from './custody.resolver';
import { CustodyService } from './custody.service';
import { HearingsResolver } from './hearings/hearings.resolver';

@Module({
  imports: [CustodyModule, ChildrenModule, OrganisationsModule, IdentityModule],
  providers: [CustodyResolver, ChildCustodyResolver, HearingsResolver, SupervisionTransferResolver],
})
export class CustodyGraphqlModule implements OnModuleInit {
  constructor(
    private readonly registry: ChildRelationsRegistry,
    private readonly records: ChildRecordsRegistry,
    private readonly custody: CustodyService,
    private readonly prefetch: CaseloadPrefetch,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Custody tells the access policy who supervises each child and which establishments hold or held them. */
  onModuleInit(): void {
    this.registry.register(this.custody);
    // What a caseload page or a single episode's page asks of custody, read with the page (not a query each).
    for (const part of custodyCaseloadParts(this.dataSource)) this.prefetch.register(part);
    // Whose each episode is, for the audit rows of operations that name one.
    this.records.register(
      'CustodialEpisode',
      (ids) => `SELECT e.id, e.child_id FROM custodial_episode e WHERE e.id = ANY(${ids})`,
    );
    this.records.register(
      'CourtHearing',
      (ids) => `SELECT h.id, h.child_id FROM court_hearing h WHERE h.id = ANY(${ids})`,
    );
  }
}

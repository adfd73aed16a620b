import { Global, Module } from '@nestjs/common';
import { AuditModule } from '@resettle/audit';
import { AccessService } from './access.service';
import { ChildRecordsRegistry } from './child-records.registry';
import { ChildRelationsRegistry } from './child-relations.registry';

/**
 * Global so that every feature's resolvers share one registry of relation sources, one of children's records and one
 * AccessService. The
 * api registers `AccessGuard` as its APP_GUARD.
 */
@Global()
@Module({
  imports: [AuditModule],
  providers: [AccessService, ChildRelationsRegistry, ChildRecordsRegistry],
  exports: [AccessService, ChildRelationsRegistry, ChildRecordsRegistry, AuditModule],
})
export class AccessModule {}

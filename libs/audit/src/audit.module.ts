import { Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { AuditMaintenance } from './retention/audit-maintenance.service';

/** The audit log, written and read in SQL (`audit_record` is partitioned, which TypeORM's entities do not describe). */
@Module({
  providers: [AuditService, AuditMaintenance],
  exports: [AuditService, AuditMaintenance],
})
export class AuditModule {}

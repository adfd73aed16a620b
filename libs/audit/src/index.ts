export * from './audit.module';
export * from './audit.service';
export * from './audit-event.model';
export * from './changed-fields';
export * from './retention/audit-maintenance.processor';
export * from './retention/audit-maintenance.service';

/** A calendar month, as `YYYY-MM` (UTC): the unit the audit log is partitioned and kept by. */
export type AuditMonth = string;

/** The shortest retention allowed: a year of audit is the least a subject access request or inspection needs. */
const MINIMUM_AUDIT_RETENTION_MONTHS = 12;

export interface AuditPartitionPlan {
  /** Months that need a partition: this month and the next `monthsAhead`, when missing. */
  create: AuditMonth[];
  /** Months whose every row is older than the retention, oldest first. */
  drop: AuditMonth[];
}

function monthIndex(month: AuditMonth): number {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) throw new Error(`not a month: ${month}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

function monthOf(index: number): AuditMonth {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * Which monthly partitions of the audit log to create and which to drop on `today`. A month is dropped only when
 * it ended before the retention began (so every row in it is older than `retentionMonths`); the months kept are
 * never fewer than the retention. Partitions are made `monthsAhead` in advance so a write never waits for one.
 */
export function auditPartitionPlan(
  today: Date,
  retentionMonths: number,
  existing: readonly AuditMonth[],
  monthsAhead = 2,
): AuditPartitionPlan {
  if (!Number.isInteger(retentionMonths) || retentionMonths < MINIMUM_AUDIT_RETENTION_MONTHS) {
    throw new Error(`retentionMonths must be a whole number of at least ${MINIMUM_AUDIT_RETENTION_MONTHS}`);
  }
  const current = today.getUTCFullYear() * 12 + today.getUTCMonth();
  const have = new Set(existing.map(monthIndex));
  const create: AuditMonth[] = [];
  for (let m = current; m <= current + monthsAhead; m++) if (!have.has(m)) create.push(monthOf(m));
  const keepFrom = current - retentionMonths;
  const drop = [...have]
    .filter((m) => m < keepFrom)
    .sort((a, b) => a - b)
    .map(monthOf);
  return { create, drop };
}

/** The partition's table name for a month (`audit_record_y2026m12`). */
export function auditPartitionName(month: AuditMonth): string {
  const index = monthIndex(month);
  return `audit_record_y${Math.floor(index / 12)}m${String((index % 12) + 1).padStart(2, '0')}`;
}

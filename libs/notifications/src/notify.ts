/**
 * What a feature asks to tell someone. `dedupeKey` is unique: asking twice with the same key (a job BullMQ delivered
 * twice) makes one notification and one email.
 */
export interface NotificationRequest {
  recipientUserId: string;
  /** e.g. `MILESTONE_REMINDER`, `MILESTONE_ESCALATION`. */
  kind: string;
  title: string;
  body: string;
  /** Where in the service to look (a path the portal or api client understands), if anywhere. */
  link?: string | null;
  childId?: string | null;
  dedupeKey: string;
}

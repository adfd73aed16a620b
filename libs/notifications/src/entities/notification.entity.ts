import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An in-app notification to one person (a deadline coming up, an escalation). Made only through
 * `NotificationsService.notify`, in the transaction of whatever caused it; `dedupeKey` is unique, so a job delivered
 * twice makes one notification and one email. The worker emails it (`emailedAt`, or `emailError` while it fails).
 */
@ObjectType({ description: 'A notification to you. Only ever your own.' })
@Entity()
@Index('ix_notification_recipient_created', ['recipientUserId', 'createdAt', 'id'])
@Index('ix_notification_recipient_unread', ['recipientUserId', 'createdAt'], { where: 'read_at IS NULL' })
// The digest's and the email job's search for what is still to email.
@Index('ix_notification_unemailed', ['recipientUserId', 'createdAt'], { where: 'emailed_at IS NULL' })
// Prefix searches of the dedupe key in any collation (text_pattern_ops, which TypeORM cannot describe: made by the
// migration NotificationKeyPrefix1796240000000): a feature reading back what it sent (`sentUnderKeyPrefixes`).
@Index('ix_notification_dedupe_key_prefix', { synchronize: false })
export class Notification {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_notification' })
  id: string;

  @Column({ type: 'uuid' })
  recipientUserId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_user_id', foreignKeyConstraintName: 'fk_notification_recipient' })
  private readonly recipientRelation?: unknown;

  @Field({ description: 'What kind of notification, e.g. MILESTONE_REMINDER, MILESTONE_ESCALATION.' })
  @Column({ type: 'text' })
  kind: string;

  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field()
  @Column({ type: 'text' })
  body: string;

  @Field(() => String, { nullable: true, description: 'Where in the service to look (a path), if anywhere.' })
  @Column({ type: 'text', nullable: true })
  link: string | null;

  /** No foreign key: notifications stay independent of the children feature's tables. */
  @Field(() => ID, { nullable: true, description: 'The child it concerns, if any.' })
  @Column({ type: 'uuid', nullable: true })
  childId: string | null;

  /** Unique: asking twice with the same key makes one notification. */
  @Index('uq_notification_dedupe_key', { unique: true })
  @Column({ type: 'text' })
  dedupeKey: string;

  /** From the service's Clock (not the database's), so keyset cursors and tests agree to the millisecond. */
  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When you marked it read; null while unread.' })
  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it was emailed to you (alone or in a digest); null if not (yet).',
  })
  @Column({ type: 'timestamptz', nullable: true })
  emailedAt: Date | null;

  /** The last email failure (the worker retries with backoff); cleared once sent. Never shown over GraphQL. */
  @Column({ type: 'text', nullable: true })
  emailError: string | null;

  /** Email attempts that failed so far. */
  @Column({ type: 'int', default: 0 })
  emailAttempts: number;
}

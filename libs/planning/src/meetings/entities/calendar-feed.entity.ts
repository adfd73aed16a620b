import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';

/**
 * A user's secret iCalendar feed of their planning meetings. Only the SHA-256 of the token is kept: the token itself
 * is shown once, in the URL `createCalendarFeed` returns. Creating the feed again replaces the token, so the old URL
 * stops working at once.
 */
@Entity('calendar_feed')
export class CalendarFeedSecret {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_calendar_feed' })
  userId: string;

  @OneToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_calendar_feed_user' })
  private readonly userRelation?: unknown;

  /** Hex SHA-256 of the 32-byte base64url token. */
  @Index('uq_calendar_feed_token_hash', { unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  /** When the token was last replaced; null while it is the first. */
  @Column({ type: 'timestamptz', nullable: true })
  rotatedAt: Date | null;
}

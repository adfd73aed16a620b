import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { EmailMode } from '../notification-enums';

/** A person's choice of how notifications are emailed. No row means the default, IMMEDIATE. */
@Entity()
export class NotificationPreference {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_notification_preference' })
  userId: string;

  @OneToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notification_preference_user' })
  private readonly userRelation?: unknown;

  @Column({ type: 'enum', enum: EmailMode, enumName: 'notification_email_mode', default: EmailMode.IMMEDIATE })
  emailMode: EmailMode;

  /** Kinds of notice (`Notification.kind`) the person wants no email of; they still see them in the portal. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  emailOffKinds: string[];

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

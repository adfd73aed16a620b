import { Field, ID, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { EpisodeStatus, SentenceTypeEnum } from '../custody-enums';

/**
 * One period in custody: remand and/or sentence, every transfer, release and recall. The release dates are the
 * calculator's answer for the current sentence, stored so caseloads can sort and filter in SQL; `expectedReleaseDate`
 * is the day the child is now expected to leave (after early or late release and any manual override).
 */
@ObjectType()
@Entity()
// At most one episode in custody per child at a time.
// Caseload keyset indexes on the expected release day (an expression TypeORM cannot declare): hand-written in
// the migrations, and marked here so schema generation leaves them alone.
@Index('ix_caseload_by_service', { synchronize: false })
@Index('ix_caseload_by_establishment', { synchronize: false })
@Index('ix_caseload_by_case_manager', { synchronize: false })
@Index('ix_caseload_national', { synchronize: false })
// The London day each child left (the measures' period): an expression too, in the migration MeasuresReleasedDay.
@Index('ix_custodial_episode_released_day', { synchronize: false })
// And a service's children by that day (MeasuresReleasedDayByService).
@Index('ix_custodial_episode_service_released_day', { synchronize: false })
@Index('uq_custodial_episode_open_per_child', ['childId'], {
  unique: true,
  where: `status IN ('REMANDED','SENTENCED','RECALLED')`,
})
export class CustodialEpisode {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String)
  @Index()
  @Column({ type: 'uuid' })
  childId: string;

  @ManyToOne('Child', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'child_id' })
  private readonly childRelation?: unknown;

  @Field(() => EpisodeStatus)
  @Column({ type: 'enum', enum: EpisodeStatus, enumName: 'episode_status' })
  status: EpisodeStatus;

  @Field({ description: 'The day custody began (remand or sentence).' })
  @Column({ type: 'date' })
  startDate: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'date', nullable: true })
  remandDate: string | null;

  @Field(() => String, { description: 'The secure establishment holding the child now (or last).' })
  @Index()
  @Column({ type: 'uuid' })
  currentEstablishmentId: string;

  @ManyToOne('Organisation', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'current_establishment_id' })
  private readonly currentEstablishmentRelation?: unknown;

  @Field(() => String, { description: 'The youth justice service supervising the child.' })
  @Column({ type: 'uuid' })
  supervisingServiceId: string;

  @ManyToOne('Organisation', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supervising_service_id' })
  private readonly supervisingServiceRelation?: unknown;

  @Field(() => String, { nullable: true })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  caseManagerId: string | null;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_manager_id' })
  private readonly caseManagerRelation?: unknown;

  @Field(() => SentenceTypeEnum, { nullable: true, description: 'The sentence now in force; null on remand.' })
  @Column({ type: 'enum', enum: SentenceTypeEnum, enumName: 'sentence_type', nullable: true })
  sentenceType: SentenceTypeEnum | null;

  // ---- Release dates from the calculator for the current sentence (null where they do not apply) ----
  @Field(() => String, { nullable: true }) @Column({ type: 'date', nullable: true }) sentenceEndDate: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'date', nullable: true }) midTermDate: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'date', nullable: true }) earliestReleaseDate: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'date', nullable: true }) latestReleaseDate: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'date', nullable: true }) paroleEligibilityDate:
    string | null;
  @Field(() => String, { nullable: true, description: 'The statutory release date moved back to a working day.' })
  @Column({ type: 'date', nullable: true })
  releaseDate: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'For the calculated releaseDate; see expectedReleaseDay for the day now expected.',
  })
  @Column({ type: 'date', nullable: true })
  broughtForwardDate: string | null;
  @Field({ description: 'For the calculated releaseDate; see expectedReleaseDay for the day now expected.' })
  @Column({ default: false })
  fridayOrPreHolidayRelease: boolean;
  @Field(() => String, { nullable: true }) @Column({ type: 'date', nullable: true }) furtherSupervisionEndDate:
    string | null;
  @Field() @Column({ default: false }) immediateRelease: boolean;
  @Field(() => [String], { description: 'How the dates were worked out, in plain English.' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  releaseDateNotes: string[];

  @Field(() => String, {
    nullable: true,
    description: 'Early release granted by the Secretary of State, to leave on this day.',
  })
  @Column({ type: 'date', nullable: true })
  earlyReleaseDate: string | null;

  @Field(() => String, { nullable: true, description: 'Late release ordered by a youth court, to leave on this day.' })
  @Column({ type: 'date', nullable: true })
  lateReleaseDate: string | null;

  @Field(() => String, { nullable: true, description: 'A manual release date set by a person, with a reason.' })
  @Column({ type: 'date', nullable: true })
  releaseDateOverride: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  releaseDateOverrideReason: string | null;

  /** The day the child is expected to leave custody: what caseloads sort by and deadlines hang on. */
  @Field(() => String, { nullable: true })
  @Column({ type: 'date', nullable: true })
  expectedReleaseDate: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  releasedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  recalledAt: Date | null;

  @Field({ description: 'Send this back with any change; a stale version is refused with CONFLICT.' })
  @VersionColumn()
  version: number;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

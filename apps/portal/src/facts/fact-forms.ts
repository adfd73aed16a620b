import { Transform } from 'class-transformer';
import { Allow, IsIn, IsInt, IsNotEmpty, IsOptional, Length, Max, MaxLength, Min, Validate } from 'class-validator';
import { RealDate } from '../forms/date-input';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const NAME = 200;

export const ACCOMMODATION_KINDS = [
  'FAMILY_HOME',
  'RELATIVE_OR_FRIEND',
  'FOSTER_CARE',
  'CHILDRENS_HOME',
  'SUPPORTED_ACCOMMODATION',
  'OTHER',
] as const;
export const TOLD_HOW = ['IN_PERSON', 'VIDEO_CALL', 'PHONE', 'LETTER'] as const;
const HEALTH_PATHWAYS = ['PHYSICAL_HEALTH', 'MENTAL_HEALTH', 'SUBSTANCE_MISUSE'] as const;

export class AccommodationArrangementForm {
  @Transform(trim)
  @IsNotEmpty({ message: 'Enter the address' })
  @Length(5, 500, { message: 'Address must be between 5 and 500 characters' })
  address: string;

  @Transform(trim) @Validate(RealDate, ['startDate', 'the date the child can live there from']) startDateDay: string;
  @Transform(trim) @Allow() startDateMonth: string;
  @Transform(trim) @Allow() startDateYear: string;

  @IsIn(ACCOMMODATION_KINDS, { message: 'Select the kind of home' })
  kind: string;

  @Transform(trim)
  @IsNotEmpty({ message: 'Enter who the child will live with' })
  @MaxLength(NAME, { message: `Who the child will live with must be ${NAME} characters or fewer` })
  livingWith: string;

  @Transform(trim)
  @IsNotEmpty({ message: 'Enter who confirmed the child can live there' })
  @MaxLength(NAME, { message: `Who confirmed it must be ${NAME} characters or fewer` })
  confirmedBy: string;
}

export class ChildToldForm {
  @Transform(trim) @Validate(RealDate, ['toldOn', 'the day the child was told']) toldOnDay: string;
  @Transform(trim) @Allow() toldOnMonth: string;
  @Transform(trim) @Allow() toldOnYear: string;

  @Transform(trim)
  @IsNotEmpty({ message: 'Enter who told the child' })
  @MaxLength(NAME, { message: `Who told the child must be ${NAME} characters or fewer` })
  toldBy: string;

  @IsIn(TOLD_HOW, { message: 'Select how the child was told' })
  how: string;

  @IsOptional()
  @IsIn(['yes', 'no', 'unknown'], { message: 'Select whether the child has seen the place' })
  hasSeenIt?: string;

  /** The confirmed address the page showed: told about that one, not one confirmed since. */
  @Allow() addressRecordId: string;
}

export class EtePlacementForm {
  @Transform(trim)
  @IsNotEmpty({ message: 'Enter the school, college, training provider or employer' })
  @MaxLength(NAME, { message: `The provider must be ${NAME} characters or fewer` })
  provider: string;

  @Transform(trim) @Validate(RealDate, ['startDate', 'the first day']) startDateDay: string;
  @Transform(trim) @Allow() startDateMonth: string;
  @Transform(trim) @Allow() startDateYear: string;

  @Transform(({ value }) => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value))
  @IsNotEmpty({ message: 'Enter the hours a week' })
  @IsInt({ message: 'Hours a week must be a whole number, like 15' })
  @Min(1, { message: 'Hours a week must be between 1 and 60' })
  @Max(60, { message: 'Hours a week must be between 1 and 60' })
  hoursPerWeek: number | string;

  @Transform(trim)
  @IsNotEmpty({ message: 'Enter who confirmed the place' })
  @MaxLength(NAME, { message: `Who confirmed it must be ${NAME} characters or fewer` })
  confirmedBy: string;
}

export class HealthHandoverForm {
  @IsIn(HEALTH_PATHWAYS, { message: 'Select which health need is handed over' })
  pathwayType: string;

  @Transform(trim)
  @IsNotEmpty({ message: 'Enter who is taking the child on' })
  @MaxLength(NAME, { message: `Who is taking the child on must be ${NAME} characters or fewer` })
  receivingProvider: string;

  @Transform(trim)
  @Validate(RealDate, ['firstAppointmentOn', 'the date of the first appointment'])
  firstAppointmentOnDay: string;
  @Transform(trim) @Allow() firstAppointmentOnMonth: string;
  @Transform(trim) @Allow() firstAppointmentOnYear: string;
}

import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, Matches, Min, ValidateIf } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const WHOLE = /^\d{1,3}$/;
const CHOICES = ['default', 'own'];
const STALE = 'The page was out of date: reload it and try again';

/**
 * A council's figure for a step is asked for only when it chose its own (`<step>Choice` = own); the national defaults
 * have no choice. Whole numbers only here; the range (1 to 60) is the api's to say, its message against the field.
 */
const ownFigure = (step: string) => ValidateIf((form: Record<string, unknown>) => form[`${step}Choice`] !== 'default');

export class ResponseTargetsForm {
  @Transform(({ value }) => Number(value))
  @IsInt({ message: STALE })
  @Min(0, { message: STALE })
  expectedVersion: number;

  @IsOptional()
  @IsIn(CHOICES, { message: 'Select whether to acknowledge within the national default or your own target' })
  acknowledgeChoice?: string;

  @ownFigure('acknowledge')
  @Transform(trim)
  @IsNotEmpty({ message: 'Enter the working days to acknowledge a new referral' })
  @Matches(WHOLE, { message: 'Working days to acknowledge must be a whole number, like 2' })
  acknowledge: string;

  @IsOptional()
  @IsIn(CHOICES, { message: 'Select whether to answer within the national default or your own target' })
  answerChoice?: string;

  @ownFigure('answer')
  @Transform(trim)
  @IsNotEmpty({ message: 'Enter the working days to answer a referral sent again' })
  @Matches(WHOLE, { message: 'Working days to answer must be a whole number, like 3' })
  answer: string;

  @IsOptional()
  @IsIn(CHOICES, { message: 'Select whether to make an offer within the national default or your own target' })
  offerChoice?: string;

  @ownFigure('offer')
  @Transform(trim)
  @IsNotEmpty({ message: 'Enter the working days to make an offer' })
  @Matches(WHOLE, { message: 'Working days to make an offer must be a whole number, like 10' })
  offer: string;

  @IsOptional()
  @IsIn(CHOICES, { message: 'Select whether to confirm within the national default or your own target' })
  confirmChoice?: string;

  @ownFigure('confirm')
  @Transform(trim)
  @IsNotEmpty({ message: 'Enter the working days to confirm a placement' })
  @Matches(WHOLE, { message: 'Working days to confirm must be a whole number, like 3' })
  confirm: string;
}

import { Transform } from 'class-transformer';
import { IsNotEmpty, Matches } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const WHOLE = /^\d{1,3}$/;

/** Whole numbers only here; the range (1 to 60) is the api's to say, and its message shows against the field. */
export class ResponseTargetsForm {
  @Transform(trim)
  @IsNotEmpty({ message: 'Enter the working days to acknowledge a new referral' })
  @Matches(WHOLE, { message: 'Working days to acknowledge must be a whole number, like 2' })
  acknowledge: string;

  @Transform(trim)
  @IsNotEmpty({ message: 'Enter the working days to answer a referral sent again' })
  @Matches(WHOLE, { message: 'Working days to answer must be a whole number, like 3' })
  answer: string;

  @Transform(trim)
  @IsNotEmpty({ message: 'Enter the working days to make an offer' })
  @Matches(WHOLE, { message: 'Working days to make an offer must be a whole number, like 10' })
  offer: string;

  @Transform(trim)
  @IsNotEmpty({ message: 'Enter the working days to confirm a placement' })
  @Matches(WHOLE, { message: 'Working days to confirm must be a whole number, like 3' })
  confirm: string;
}

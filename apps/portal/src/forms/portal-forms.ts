import { Transform } from 'class-transformer';
import {
  Allow,
  ArrayNotEmpty,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsUUID,
  MaxLength,
  Min,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const TEXT = 4000;

/** Every change to a referral carries the version the page showed, so the api refuses an edit made on a stale page. */
export class VersionedForm {
  @Transform(({ value }) => Number(value))
  @IsInt({ message: 'The page was out of date: reload it and try again' })
  @Min(1, { message: 'The page was out of date: reload it and try again' })
  expectedVersion: number;
}

export class SignInForm {
  @Transform(trim)
  @IsNotEmpty({ message: 'Enter your email address' })
  @IsEmail({}, { message: 'Enter an email address in the correct format, like name@example.com' })
  email: string;

  @IsNotEmpty({ message: 'Enter your password' })
  @MaxLength(1000, { message: 'Password must be 1000 characters or fewer' })
  password: string;
}

export class ReasonForm extends VersionedForm {
  @Transform(trim)
  @IsNotEmpty({ message: 'Enter the reason' })
  @MaxLength(TEXT, { message: `Reason must be ${TEXT} characters or fewer` })
  reason: string;
}

export class RequestInformationForm extends VersionedForm {
  @Transform(trim)
  @IsNotEmpty({ message: 'Enter what you need to know' })
  @MaxLength(TEXT, { message: `What you need to know must be ${TEXT} characters or fewer` })
  note: string;
}

/** Your work phone: the api decides what a UK number is (its refusal shows against the field); empty removes it. */
export class WorkPhoneForm {
  @Transform(trim)
  @IsOptional()
  @MaxLength(30, { message: 'Work phone must be 30 characters or fewer' })
  workPhone: string = '';
}

export class MessageForm {
  @Transform(trim)
  @IsNotEmpty({ message: 'Enter a message' })
  @MaxLength(TEXT, { message: `Message must be ${TEXT} characters or fewer` })
  body: string;
}

/** The GOV.UK date input's three boxes make a real calendar date. */
@ValidatorConstraint({ name: 'realDate' })
class RealDate implements ValidatorConstraintInterface {
  validate(_: unknown, args: ValidationArguments): boolean {
    return offerStartDate(args.object as OfferForm) !== null;
  }
  defaultMessage(args: ValidationArguments): string {
    const form = args.object as OfferForm;
    return form.startDateDay || form.startDateMonth || form.startDateYear
      ? 'Start date must be a real date'
      : 'Enter the start date';
  }
}

export class OfferForm extends VersionedForm {
  @Transform(trim)
  @IsNotEmpty({ message: 'Enter the address or place' })
  @MaxLength(1000, { message: 'Address or place must be 1000 characters or fewer' })
  addressOrPlace: string;

  @Transform(trim)
  @IsNotEmpty({ message: 'Enter the type of placement or place' })
  @MaxLength(200, { message: 'Type must be 200 characters or fewer' })
  placementType: string;

  @Transform(trim)
  @IsNotEmpty({ message: 'Enter the provider' })
  @MaxLength(300, { message: 'Provider must be 300 characters or fewer' })
  provider: string;

  // Checked on the day box, the first of the three, which the error summary links to.
  @Transform(trim)
  @Validate(RealDate)
  startDateDay: string;
  // Checked with the day; @Allow keeps them through validation's whitelist.
  @Transform(trim) @Allow() startDateMonth: string;
  @Transform(trim) @Allow() startDateYear: string;
}

/** YYYY-MM-DD from the three boxes, or null when they do not make a real date. */
export function offerStartDate(
  form: Pick<OfferForm, 'startDateDay' | 'startDateMonth' | 'startDateYear'>,
): string | null {
  const [day, month, year] = [form.startDateDay, form.startDateMonth, form.startDateYear].map((v) =>
    /^\d{1,4}$/.test(v ?? '') ? Number(v) : NaN,
  );
  if (!(year >= 2000 && year <= 2100) || !(month >= 1 && month <= 12) || !(day >= 1)) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** What a referral says, changed while a draft or while the partner asks for more information. */
export class ReferralDetailsForm extends VersionedForm {
  @Transform(trim)
  @IsOptional()
  @MaxLength(TEXT, { message: `The child’s wishes must be ${TEXT} characters or fewer` })
  childWishes?: string;

  @Transform(trim)
  @IsOptional()
  @MaxLength(TEXT, { message: `The family’s views must be ${TEXT} characters or fewer` })
  familyViews?: string;

  @Transform(trim)
  @IsOptional()
  @MaxLength(TEXT, { message: `Needs and risks must be ${TEXT} characters or fewer` })
  needsAndRisks?: string;
}

export class MakeReferralForm {
  @IsUUID('all', { message: 'Select who the referral is to' })
  toOrganisationId: string;

  @Transform(trim)
  @IsOptional()
  @MaxLength(TEXT, { message: `The child’s wishes must be ${TEXT} characters or fewer` })
  childWishes?: string;

  @Transform(trim)
  @IsOptional()
  @MaxLength(TEXT, { message: `The family’s views must be ${TEXT} characters or fewer` })
  familyViews?: string;

  @Transform(trim)
  @IsOptional()
  @MaxLength(TEXT, { message: `Needs and risks must be ${TEXT} characters or fewer` })
  needsAndRisks?: string;

  /**
   * Which button: send (to the check step first), keep as a draft to finish later; on the check step, send it now
   * (`confirm`) or go back to change the answers (`change`).
   */
  @IsIn(['send', 'draft', 'confirm', 'change'])
  submit: 'send' | 'draft' | 'confirm' | 'change' = 'send';
}

/** Choosing a password from an invitation link: the api applies the password rules, the portal that both match. */
export class ChoosePasswordForm {
  @IsNotEmpty({ message: 'The link is not right: open it again from the email' })
  @MaxLength(200, { message: 'The link is not right: open it again from the email' })
  token: string;

  @IsNotEmpty({ message: 'Enter a password' })
  @MaxLength(1000, { message: 'Password must be 1000 characters or fewer' })
  password: string;

  @IsNotEmpty({ message: 'Enter your password again' })
  @MaxLength(1000, { message: 'Password must be 1000 characters or fewer' })
  confirmPassword: string;
}

const asList = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value];

/** Someone to invite: a new account, emailed a link to choose their own password. */
export class InviteUserForm {
  @IsUUID('all', { message: 'Choose the organisation again' })
  organisationId: string;

  @Transform(trim)
  @IsNotEmpty({ message: 'Enter their first name' })
  @MaxLength(100, { message: 'First name must be 100 characters or fewer' })
  givenName: string;

  @Transform(trim)
  @IsNotEmpty({ message: 'Enter their last name' })
  @MaxLength(100, { message: 'Last name must be 100 characters or fewer' })
  familyName: string;

  @Transform(trim)
  @IsNotEmpty({ message: 'Enter their work email address' })
  @IsEmail({}, { message: 'Enter an email address in the correct format, like name@example.com' })
  @MaxLength(254, { message: 'Email address must be 254 characters or fewer' })
  email: string;

  @Transform(asList)
  @IsArray()
  @ArrayNotEmpty({ message: 'Select at least one role' })
  roles: string[];
}

export class EmailDomainsForm {
  @Allow()
  emailDomains: string;
}

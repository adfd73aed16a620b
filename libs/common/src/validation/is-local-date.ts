import { registerDecorator, ValidationOptions } from 'class-validator';
import { isIsoDate } from '../dates/iso-date';

/** A real calendar date written YYYY-MM-DD (2023-02-29 is refused). */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isLocalDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a real date written YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isIsoDate(value) },
    });
}

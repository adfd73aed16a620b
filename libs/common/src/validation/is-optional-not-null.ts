import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';

/**
 * For an input field that may be left out but has no "nothing" to be set to (a NOT NULL column, a flag, a status
 * that cannot be cleared): left out, it is not validated; sent as null, it is refused naming the field, instead of
 * reaching the database as null. class-validator's `@IsOptional()` lets null through; use it only where null
 * means something (usually "clear it"), and type such a field `T | null`.
 */
export function IsOptionalNotNull(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    ValidateIf((_object: unknown, value: unknown) => value !== undefined)(target, propertyName);
    registerDecorator({
      name: 'isNotNull',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} cannot be null; leave it out instead`, ...options },
      validator: { validate: (value: unknown) => value !== null },
    });
  };
}

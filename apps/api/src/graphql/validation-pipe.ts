import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** Flattens nested class-validator errors into `{ 'sentence.termMonths': ['...'] }`. */
export function fieldErrorsOf(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) out[path] = Object.values(e.constraints);
    if (e.children?.length) Object.assign(out, fieldErrorsOf(e.children, path));
  }
  return out;
}

/** class-validator on every input; a rejected input reaches no service, so nothing is written. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    exceptionFactory: (errors) => new BadRequestException({ message: 'Invalid input', fieldErrors: fieldErrorsOf(errors) }),
  });
}

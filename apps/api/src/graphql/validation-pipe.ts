import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/**
 * Flattens nested class-validator errors into `{ 'sentence.termMonths': ['...'] }`. A field sent as null where it
 * cannot be (IsOptionalNotNull) says so first, before its type's complaint about null.
 */
function fieldErrorsOf(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) {
      const { isNotNull, ...rest } = e.constraints;
      out[path] = [...(isNotNull ? [isNotNull] : []), ...Object.values(rest)];
    }
    if (e.children?.length) Object.assign(out, fieldErrorsOf(e.children, path));
  }
  return out;
}

/** NestJS GraphQL's parameter kinds as the pipes see them (its GqlParamtype, which it does not export). */
const GRAPHQL_ARGS = 3;

/**
 * Validates what a client sends: GraphQL arguments (and, on plain routes, bodies, queries and route params). A
 * resolver's parent, context and info are the api's own objects; validating a parent meant class-transformer
 * copying every record a field hangs off (200 a caseload page) to find no rules.
 */
class InputValidationPipe extends ValidationPipe {
  protected override toValidate(metadata: ArgumentMetadata): boolean {
    const type: unknown = metadata.type;
    if (typeof type === 'number' && type !== GRAPHQL_ARGS) return false;
    return super.toValidate(metadata);
  }
}

/** class-validator on every input; a rejected input reaches no service, so nothing is written. */
export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    exceptionFactory: (errors) =>
      new BadRequestException({ message: 'Invalid input', fieldErrors: fieldErrorsOf(errors) }),
  });
}

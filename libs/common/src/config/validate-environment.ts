import { plainToInstance } from 'class-transformer';
import { ValidateBy, validateSync, ValidationOptions } from 'class-validator';

export class ConfigValidationError extends Error {}

/**
 * An app's environment, validated by its config class: unset and empty variables take the class's defaults, and a
 * bad value stops the process with a message naming each variable (never showing a secret's value).
 */
export function validateEnvironment<T extends object>(cls: new () => T, env: Record<string, unknown>): T {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(cls, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `  ${e.property}=${shown(e.property, e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigValidationError(`Invalid configuration; fix these environment variables:\n${lines.join('\n')}`);
  }
  return config;
}

/** A refused value as the error message may show it: secrets and connection strings (which carry passwords) never. */
function shown(name: string, value: unknown): string {
  return /SECRET|PASSWORD|_URL$/.test(name) ? '(hidden)' : JSON.stringify(value);
}

/**
 * A secret whose development default is public (it is in the repository): production must set its own. The config
 * class needs a `NODE_ENV` property.
 */
export function NotDevelopmentDefaultInProduction(
  developmentDefault: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notDevelopmentDefaultInProduction',
      validator: {
        validate: (value, args) =>
          (args?.object as { NODE_ENV?: string }).NODE_ENV !== 'production' || value !== developmentDefault,
        defaultMessage: () =>
          'set a secret of your own (at least 32 random characters): the development default is public',
      },
    },
    options,
  );
}

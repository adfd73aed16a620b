import { ConfigValidationError } from '@resettle/common';
import { PortalConfig, validatePortalConfig } from './portal-config';

describe('portal configuration', () => {
  it('takes the defaults for unset and empty variables', () => {
    const config = validatePortalConfig({ PORTAL_PORT: '', COOKIE_SECURE: '' });
    expect(config).toMatchObject({
      PORTAL_PORT: 3001,
      API_URL: 'http://127.0.0.1:3000/graphql',
      SESSION_IDLE_MINUTES: 120,
    });
  });

  it.each([
    [{ NODE_ENV: 'production' }, 'SESSION_SECRET', 'the development default is public'],
    [{ SESSION_SECRET: 'too short' }, 'SESSION_SECRET', 'longer than or equal to 32'],
    [{ SESSION_IDLE_MINUTES: '1' }, 'SESSION_IDLE_MINUTES', 'not be less than 5'],
    [{ API_URL: 'ftp://example' }, 'API_URL', 'URL'],
  ])('refuses %j, naming %s', (env, variable, reason) => {
    expect(() => validatePortalConfig(env)).toThrow(ConfigValidationError);
    expect(() => validatePortalConfig(env)).toThrow(new RegExp(`${variable}=.*${reason}`));
  });

  it('never shows the secret it refuses', () => {
    expect(() => validatePortalConfig({ SESSION_SECRET: 'hunter2' })).toThrow(/SESSION_SECRET=\(hidden\)/);
    expect(() => validatePortalConfig({ SESSION_SECRET: 'hunter2' })).not.toThrow(/hunter2/);
  });

  it('accepts production with a secret of its own', () => {
    expect(validatePortalConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) }).SESSION_SECRET).not.toBe(
      PortalConfig.DEVELOPMENT_SESSION_SECRET,
    );
  });
});

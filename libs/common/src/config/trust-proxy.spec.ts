import { validateConfig } from './app-config';
import { isTrustProxyEntry, trustProxyOption } from './trust-proxy';

describe('TRUST_PROXY', () => {
  it.each<[string, boolean]>([
    ['loopback', true],
    ['uniquelocal', true],
    ['172.28.0.10', true],
    ['10.0.0.0/8', true],
    ['10.0.0.0/32', true],
    ['10.0.0.0/33', false],
    ['::1', true],
    ['fd00::/8', true],
    ['fd00::/129', false],
    ['portal', false], // a host name: its address is not known when the api starts
    ['10.0.0.0/8/8', false],
    ['10.0.0.0/', false],
    ['true', false],
    ['*', false],
  ])('%s is an entry: %s', (entry, valid) => {
    expect(isTrustProxyEntry(entry)).toBe(valid);
  });

  it.each<[string, string[] | false]>([
    ['', false],
    [' , ', false],
    ['loopback', ['loopback']],
    [' 172.28.0.10 , loopback ', ['172.28.0.10', 'loopback']],
  ])('%j trusts %j', (value, option) => {
    expect(trustProxyOption(value)).toEqual(option);
  });

  it('trusts no proxy by default, and refuses a bad entry at start-up, naming the variable', () => {
    expect(validateConfig({}).TRUST_PROXY).toBe('');
    expect(validateConfig({ TRUST_PROXY: 'loopback,172.28.0.10' }).TRUST_PROXY).toBe('loopback,172.28.0.10');
    expect(() => validateConfig({ TRUST_PROXY: 'loopback,portal' })).toThrow(/TRUST_PROXY/);
  });
});

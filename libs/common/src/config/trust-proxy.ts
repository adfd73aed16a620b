import { isIP } from 'node:net';
import { ValidateBy, ValidationOptions } from 'class-validator';

/** proxy-addr's names for whole ranges (Fastify's `trustProxy` takes them as they are). */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** The entries of a TRUST_PROXY value: comma-separated, blanks ignored. */
function trustProxyEntries(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** One address, a CIDR range (`10.0.0.0/8`, `fd00::/8`) or a named range (`loopback`, `linklocal`, `uniquelocal`). */
export function isTrustProxyEntry(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Fastify's `trustProxy` for a TRUST_PROXY value: `false` (trust no proxy: the client's address is the connection's)
 * when it lists none, else the list.
 */
export function trustProxyOption(value: string): string[] | false {
  const entries = trustProxyEntries(value);
  return entries.length > 0 ? entries : false;
}

/** A TRUST_PROXY value whose every entry `isTrustProxyEntry`; empty is allowed (no proxy trusted). */
export function IsTrustProxyList(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTrustProxyList',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && trustProxyEntries(value).every(isTrustProxyEntry),
        defaultMessage: () =>
          'a comma-separated list of proxy addresses, CIDR ranges or loopback/linklocal/uniquelocal (empty: trust none)',
      },
    },
    options,
  );
}

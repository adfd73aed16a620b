import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type Redis from 'ioredis';
import { AppConfig, Clock } from '@resettle/common';
import { REDIS_CONNECTION } from '@resettle/queue';
import {
  decideSignInAttempt,
  FailureRecord,
  SignInDecision,
  withAccountFailure,
  withIpFailure,
  withoutIpFailure,
} from '../rules/sign-in-throttle';

/**
 * Compare-and-set over several keys: writes the new values (or deletes, for '') only if every key still holds the
 * value read before ('' for none). The rule itself stays in TypeScript; this only makes read-decide-write atomic
 * across every api instance.
 */
const COMPARE_AND_SET = `
local n = #KEYS
for i = 1, n do
  local current = redis.call('GET', KEYS[i])
  if (current or '') ~= ARGV[i] then return 0 end
end
local ttl = tonumber(ARGV[2 * n + 1])
for i = 1, n do
  local value = ARGV[n + i]
  if value == '' then redis.call('DEL', KEYS[i]) else redis.call('SET', KEYS[i], value, 'EX', ttl) end
end
return 1
`;

/** Longer than anything the rule remembers (15 minutes after the last failure), in Redis's own seconds. */
const KEY_TTL_SECONDS = 30 * 60;
const MAX_RACES = 20;

/**
 * The sign-in counters, in Redis so that every api instance shares them. An attempt that may go ahead is counted
 * as a failure before the password is even checked, so a burst of parallel guesses cannot all slip past the count;
 * a success then wipes the account's count and takes the IP's back down by one.
 */
@Injectable()
export class SignInThrottle {
  private readonly prefix: string;

  constructor(
    @Inject(REDIS_CONNECTION) private readonly redis: Redis,
    config: ConfigService<AppConfig, true>,
    private readonly clock: Clock,
  ) {
    this.prefix = `${config.get('QUEUE_PREFIX', { infer: true })}:sign-in`;
  }

  /** May this attempt go ahead? If so it is counted (as a failure until `succeeded` says otherwise). */
  async begin(normalisedEmail: string, clientIp: string | null): Promise<SignInDecision> {
    const keys = this.keysOf(normalisedEmail, clientIp);
    for (let race = 0; race < MAX_RACES; race++) {
      const now = this.clock.now().getTime();
      const [accountRaw, ipRaw] = await this.redis.mget(keys.account, keys.ip);
      const account = parse(accountRaw);
      const ip = parse(ipRaw);
      const decision = decideSignInAttempt(account, ip, now);
      if (decision.retryAfterSeconds > 0) return decision;
      const next = [JSON.stringify(withAccountFailure(account, now)), JSON.stringify(withIpFailure(ip, now))];
      if (await this.compareAndSet([keys.account, keys.ip], [accountRaw, ipRaw], next)) return decision;
    }
    // Only under a flood of attempts for the same account: ask the caller to slow down rather than wait here.
    return { retryAfterSeconds: 1, reason: 'ACCOUNT_BACKOFF' };
  }

  /** The attempt proved the password: forget the account's failures and take back the IP's advance count. */
  async succeeded(normalisedEmail: string, clientIp: string | null): Promise<void> {
    const keys = this.keysOf(normalisedEmail, clientIp);
    await this.redis.del(keys.account);
    for (let race = 0; race < MAX_RACES; race++) {
      const raw = await this.redis.get(keys.ip);
      const next = withoutIpFailure(parse(raw));
      if (await this.compareAndSet([keys.ip], [raw], [next ? JSON.stringify(next) : ''])) return;
    }
  }

  private keysOf(normalisedEmail: string, clientIp: string | null) {
    // The email is hashed so Redis holds no addresses (and the key is the same whether or not the account exists).
    const account = `${this.prefix}:account:${createHash('sha256').update(normalisedEmail).digest('hex')}`;
    return { account, ip: `${this.prefix}:ip:${clientIp ?? 'unknown'}` };
  }

  private async compareAndSet(keys: string[], expected: (string | null)[], next: string[]): Promise<boolean> {
    const result = await this.redis.eval(
      COMPARE_AND_SET,
      keys.length,
      ...keys,
      ...expected.map((v) => v ?? ''),
      ...next,
      KEY_TTL_SECONDS,
    );
    return result === 1;
  }
}

function parse(raw: string | null): FailureRecord | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as FailureRecord;
    return typeof value.failures === 'number' &&
      typeof value.lastFailureAt === 'number' &&
      typeof value.firstFailureAt === 'number'
      ? value
      : null;
  } catch {
    return null;
  }
}

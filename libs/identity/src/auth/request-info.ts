import { isIP } from 'node:net';
import { clientIpOf, requestIdOf } from '@resettle/access';
import { GraphqlContext } from '@resettle/common';

/** Where a request came from, for the audit trail and the sign-in counters. */
export interface RequestInfo {
  requestId: string | null;
  /** A valid IP address, or null (a forged X-Forwarded-For can carry anything, and the columns are `inet`). */
  clientIp: string | null;
}

export function requestInfoOf(ctx: GraphqlContext): RequestInfo {
  return { requestId: requestIdOf(ctx), clientIp: validIp(clientIpOf(ctx)) };
}

export function validIp(ip: string | null | undefined): string | null {
  return ip && isIP(ip) ? ip : null;
}

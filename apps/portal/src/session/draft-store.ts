import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import type { PortalConfig } from '../config/portal-config';
import { PORTAL_CONFIG } from '../config/portal-config.provider';
import { DRAFT_SECONDS, FormDraft } from './form-drafts';
import { PORTAL_REDIS } from './portal-redis.provider';

/**
 * Answers kept from a form posted after the session ended (`form-drafts.ts`). In Redis, never in a cookie: under the
 * person's id until they sign in again, then under their new session, and taken (deleted) when the form is shown.
 * Kept only for a form whose CSRF token matched, so nobody else's page can plant answers for someone to send.
 */
@Injectable()
export class DraftStore {
  constructor(
    @Inject(PORTAL_REDIS) private readonly redis: Redis,
    @Inject(PORTAL_CONFIG) private readonly config: PortalConfig,
  ) {}

  private key(owner: string): string {
    return `${this.config.QUEUE_PREFIX}:portal:draft:${owner}`;
  }

  /** Keeps one form's answers for the person (a newer form replaces an older). */
  async keepForUser(userId: string, draft: FormDraft): Promise<void> {
    await this.redis.set(this.key(`user:${userId}`), JSON.stringify(draft), 'EX', DRAFT_SECONDS);
  }

  /** At sign-in: the person's kept answers move to the new session; the page they belong to, if any. */
  async claim(userId: string, sessionId: string): Promise<string | null> {
    const value = await this.redis.getdel(this.key(`user:${userId}`));
    if (!value) return null;
    await this.redis.set(this.key(`session:${sessionId}`), value, 'EX', DRAFT_SECONDS);
    return (JSON.parse(value) as FormDraft).page;
  }

  /** The answers for this page of this session, once; null if there are none (or they are for another page). */
  async take(sessionId: string | undefined, page: string): Promise<Record<string, string> | null> {
    if (!sessionId) return null;
    const key = this.key(`session:${sessionId}`);
    const value = await this.redis.get(key);
    if (!value) return null;
    const draft = JSON.parse(value) as FormDraft;
    if (draft.page !== page) return null;
    await this.redis.del(key);
    return draft.fields;
  }
}

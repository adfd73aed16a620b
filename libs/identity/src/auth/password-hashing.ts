import * as argon2 from 'argon2';

/** argon2id cost. The defaults are OWASP's minimums for argon2id (19 MiB, 2 iterations, 1 lane). */
export interface Argon2Params {
  memoryKib: number;
  timeCost: number;
  parallelism: number;
}

const OWASP_MINIMUM_ARGON2_PARAMS: Argon2Params = { memoryKib: 19456, timeCost: 2, parallelism: 1 };

function optionsOf(params: Argon2Params) {
  return {
    type: argon2.argon2id as typeof argon2.argon2id,
    memoryCost: params.memoryKib,
    timeCost: params.timeCost,
    parallelism: params.parallelism,
  };
}

/**
 * An argon2id hash (a PHC string carrying its own salt and parameters). Framework-free, so the seed script can use
 * it too.
 */
export function hashPassword(password: string, params: Argon2Params = OWASP_MINIMUM_ARGON2_PARAMS): Promise<string> {
  return argon2.hash(password, optionsOf(params));
}

/** Whether the password matches the hash; false (never an exception) for a malformed hash. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Whether a stored hash was made with other parameters than today's, so it should be remade at the next sign-in. */
export function passwordNeedsRehash(hash: string, params: Argon2Params): boolean {
  try {
    return argon2.needsRehash(hash, {
      memoryCost: params.memoryKib,
      timeCost: params.timeCost,
      parallelism: params.parallelism,
    });
  } catch {
    return false;
  }
}

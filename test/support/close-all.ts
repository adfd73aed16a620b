/**
 * Runs every closer in order, each even if an earlier one failed, then throws the first failure: one thing that will
 * not close must not leave the others open (an open socket or child process keeps jest from exiting).
 */
export async function closeAll(closers: (() => Promise<unknown> | unknown)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const close of closers) {
    try {
      await close();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, `${failures.length} things failed to close`);
}

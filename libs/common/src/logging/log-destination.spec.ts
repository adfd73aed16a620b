import { spawn } from 'node:child_process';
import pino from 'pino';
import { boundedLogDestination } from './log-destination';

describe('the log destination under back-pressure', () => {
  it('holds at most its limit of unread lines, dropping and counting the rest, when nobody reads its pipe', async () => {
    // `sleep` never reads its stdin: a pipe that fills (64 KiB) and then takes nothing more.
    const reader = spawn('sleep', ['30'], { stdio: ['pipe', 'ignore', 'ignore'] });
    try {
      const fd = (reader.stdin as unknown as { _handle: { fd: number } })._handle.fd;
      const maxBytes = 1024 * 1024;
      const destination = boundedLogDestination({ fd, maxBytes });
      // (The pipe breaks when the test ends its reader.)
      destination.on('error', () => undefined);
      const logger = pino({ level: 'info' }, destination);
      global.gc?.();
      const before = process.memoryUsage().heapUsed + process.memoryUsage().external;
      const line = 'x'.repeat(1000);
      // 50 MB of log lines: an unbounded destination would hold all of them.
      for (let i = 0; i < 50_000; i++) logger.info({ i, line }, 'Refused: UNAUTHENTICATED');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const held = (destination as unknown as { _len: number })._len;
      expect(held).toBeLessThanOrEqual(maxBytes);
      expect(destination.dropped()).toBeGreaterThan(45_000);
      const grown = process.memoryUsage().heapUsed + process.memoryUsage().external - before;
      expect(grown).toBeLessThan(20 * 1024 * 1024);
    } finally {
      reader.kill('SIGKILL');
    }
  });
});

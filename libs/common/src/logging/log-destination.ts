import pino from 'pino';

/** The most a process holds of log lines its stdout has not taken yet (a slow or stuck log collector). */
const LOG_BUFFER_MAX_BYTES = 4 * 1024 * 1024;

/**
 * Where the api, worker and portal write their JSON lines: stdout, written asynchronously in chunks (`minLength`, and
 * at least each second, so a quiet log is not held back), so logging does not block the event loop, but never buffering
 * more than `maxLength`: pino's asynchronous destination otherwise holds every line its reader has not taken, without
 * limit, which is how a flood of stack traces once took the api from 450 MiB to 1.4 GB. Past the limit, lines are
 * dropped (counted, and the count written once the buffer has room again), not held.
 */
export function boundedLogDestination(
  options: { fd?: number; maxBytes?: number; minLength?: number } = {},
): ReturnType<typeof pino.destination> & { dropped(): number } {
  const maxBytes = options.maxBytes ?? LOG_BUFFER_MAX_BYTES;
  const stream = pino.destination({
    dest: options.fd ?? 1,
    sync: false,
    minLength: options.minLength ?? 4096,
    maxLength: maxBytes,
    periodicFlush: 1000,
  });
  let dropped = 0;
  let unreported = 0;
  stream.on('drop', () => {
    dropped++;
    unreported++;
  });
  const write = stream.write.bind(stream);
  stream.write = (line: string): boolean => {
    // (SonicBoom's own count of bytes held: report only once there is room, or the report would be dropped too.)
    if (unreported > 0 && (stream as unknown as { _len: number })._len < maxBytes / 2) {
      const n = unreported;
      unreported = 0;
      write(
        `${JSON.stringify({ level: 40, time: Date.now(), msg: 'Log lines dropped: the log reader was too slow', dropped: n })}\n`,
      );
    }
    return write(line);
  };
  return Object.assign(stream, { dropped: () => dropped });
}

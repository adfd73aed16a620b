import { AddressInfo, createServer, Server, Socket } from 'node:net';

/**
 * A TCP proxy a test can cut: the apps connect to PostgreSQL through it, and `cut()` drops every connection and
 * refuses new ones (as a database restart or a network partition does) without touching the machine's PostgreSQL,
 * which other test runs share. `restore()` listens again on the same port.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private listeningPort = 0;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const proxy = new TcpProxy(target.host, target.port);
    await proxy.listen(0);
    return proxy;
  }

  get port(): number {
    return this.listeningPort;
  }

  /** A URL like `url` that goes through the proxy. */
  through(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  private listen(port: number): Promise<void> {
    const server = createServer((client) => {
      const upstream = new Socket();
      this.track(client);
      this.track(upstream);
      upstream.connect(this.targetPort, this.targetHost);
      this.forward(client, upstream);
      this.forward(upstream, client);
      const end = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        this.server = server;
        this.listeningPort = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** Bytes from one side to the other, held back while the proxy is paused. */
  private forward(from: Socket, to: Socket): void {
    from.on('data', (chunk: Buffer) => {
      if (this.paused) this.held.push(() => !to.destroyed && to.write(chunk));
      else if (!to.destroyed) to.write(chunk);
    });
  }

  private paused = false;
  private held: (() => unknown)[] = [];

  /**
   * Connections stay open but nothing gets through, as in a network that silently drops packets: a statement sent
   * now waits (a transaction stays open, its locks held) until `resume`, or until its connection is closed.
   */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    const held = this.held;
    this.held = [];
    for (const send of held) send();
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  get isCut(): boolean {
    return this.server === null;
  }

  /** Every connection dropped mid-stream; new ones refused (ECONNREFUSED) until `restore`. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async restore(): Promise<void> {
    if (!this.server) await this.listen(this.listeningPort);
  }

  async stop(): Promise<void> {
    await this.cut();
  }
}

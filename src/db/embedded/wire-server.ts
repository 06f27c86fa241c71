import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

/**
 * Serves one PGlite database to local processes over the PostgreSQL wire protocol, on a Unix socket.
 *
 * PGlite is a single backend session: every client shares it. So a client is given the session alone from its first
 * message until a Sync or simple Query leaves the session idle (outside a transaction); the others wait their turn.
 * That keeps one client's Parse/Bind/Execute and its transactions from interleaving with another's. Clients must use
 * unnamed statements (postgres.js `prepare: false`), since named ones would collide in the shared session.
 * (`@electric-sql/pglite-socket` queues single messages, which lets unnamed statements of two clients interleave, and
 * pins peer versions that conflict with ours.)
 */
export interface WireServer {
  socketPath: string;
  /** Ends every client (rolling back a transaction left open), then stops listening. */
  close(): Promise<void>;
}

export interface WireServerOptions {
  /** A client holding the session in a transaction, silent this long while others wait, is disconnected (60 s). */
  idleInTransactionMs?: number;
  onClientError?: (error: Error) => void;
}

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
/** PostgreSQL's own ceiling for one message. */
const MAX_MESSAGE_BYTES = 1024 * 1024 * 1024;
const ROLLBACK = simpleQuery('rollback');

export async function startWireServer(pg: PGlite, socketPath: string, options: WireServerOptions = {}): Promise<WireServer> {
  const session = new SessionTurns();
  const clients = new Set<WireClient>();
  const idleMs = options.idleInTransactionMs ?? 60_000;
  const server: Server = createServer((socket) => {
    const client = new WireClient(socket, pg, session, idleMs, options.onClientError);
    clients.add(client);
    socket.on('close', () => clients.delete(client));
  });
  rmSync(socketPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Only the user running Vaksam may connect: PGlite trusts whoever reaches the socket.
  chmodSync(socketPath, 0o600);
  return {
    socketPath,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...clients].map((c) => c.end()));
      await closed;
      rmSync(socketPath, { force: true });
    },
  };
}

/** Who has the session now, and who waits for it (first come, first served). */
class SessionTurns {
  private holder: WireClient | null = null;
  private readonly waiting: Array<{ client: WireClient; grant: () => void }> = [];

  acquire(client: WireClient): Promise<void> {
    if (this.holder === client) return Promise.resolve();
    if (this.holder === null) {
      this.holder = client;
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiting.push({ client, grant }));
  }

  holds(client: WireClient): boolean {
    return this.holder === client;
  }

  hasWaiters(): boolean {
    return this.waiting.length > 0;
  }

  release(client: WireClient): void {
    const index = this.waiting.findIndex((w) => w.client === client);
    if (index >= 0) this.waiting.splice(index, 1);
    if (this.holder !== client) return;
    const next = this.waiting.shift();
    this.holder = next?.client ?? null;
    next?.grant();
  }
}

/** One connection: splits the byte stream into messages and runs them in batches that end at Sync or Query. */
class WireClient {
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private started = false;
  private pending: Buffer[] = [];
  private work: Promise<void> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly pg: PGlite,
    private readonly session: SessionTurns,
    private readonly idleInTransactionMs: number,
    private readonly onError?: (error: Error) => void,
  ) {
    socket.on('data', (data: Buffer) => this.receive(data));
    socket.on('error', (error) => this.onError?.(error));
    socket.on('close', () => void this.end());
  }

  /** Gives the session back (rolling back this client's open transaction) and closes the socket. */
  end(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.clearIdleTimer();
      this.socket.destroy();
      this.work = this.work.then(() => this.giveBack());
    }
    return this.work;
  }

  private receive(data: Buffer): void {
    this.chunks.push(data);
    this.buffered += data.length;
    this.clearIdleTimer();
    for (;;) {
      const message = this.nextMessage();
      if (message === null) return;
      this.handle(message);
    }
  }

  /** The next whole message, or null when more bytes are needed. The startup message has no type byte. */
  private nextMessage(): Buffer | null {
    const headerBytes = this.started ? 5 : 4;
    if (this.buffered < headerBytes) return null;
    const head = this.peek(headerBytes);
    const length = this.started ? head.readInt32BE(1) + 1 : head.readInt32BE(0);
    if (length < headerBytes - 1 || length > MAX_MESSAGE_BYTES) {
      this.onError?.(new Error(`invalid wire message length ${length}`));
      void this.end();
      return null;
    }
    if (this.buffered < length) return null;
    return this.take(length);
  }

  private handle(message: Buffer): void {
    if (this.closed) return;
    if (!this.started) {
      const code = message.readInt32BE(4);
      if (code === SSL_REQUEST) return void this.socket.write('N');
      if (code === CANCEL_REQUEST) return void this.end();
      this.started = true;
      return this.run([message], true);
    }
    const type = message[0];
    if (type === 0x58 /* X: Terminate */) return void this.end();
    this.pending.push(message);
    if (type === 0x53 /* S: Sync */ || type === 0x51 /* Q: Query */) this.run(this.takePending(), true);
    else if (type === 0x48 /* H: Flush */) this.run(this.takePending(), false);
  }

  private takePending(): Buffer[] {
    const batch = this.pending;
    this.pending = [];
    return batch;
  }

  /** Runs a batch with the session held; `mayRelease`: it ends at a Sync or Query, so an idle session is given back. */
  private run(batch: Buffer[], mayRelease: boolean): void {
    this.work = this.work.then(async () => {
      if (this.closed) return;
      await this.session.acquire(this);
      if (this.closed) return this.giveBack();
      try {
        const reply = await this.pg.execProtocolRaw(Buffer.concat(batch));
        if (!this.socket.destroyed && reply.length > 0) this.socket.write(reply);
      } catch (error) {
        this.onError?.(error as Error);
        await this.end();
        return;
      }
      if (!mayRelease) return;
      if (this.pg.isInTransaction()) this.armIdleTimer();
      else this.session.release(this);
    });
  }

  private async giveBack(): Promise<void> {
    if (!this.session.holds(this)) return this.session.release(this);
    try {
      if (this.pg.isInTransaction()) await this.pg.execProtocolRaw(ROLLBACK);
    } catch (error) {
      this.onError?.(error as Error);
    } finally {
      this.session.release(this);
    }
  }

  private armIdleTimer(): void {
    this.idleTimer = setTimeout(() => {
      // Idle in a transaction is harmless until someone else needs the session.
      if (!this.session.hasWaiters()) return this.armIdleTimer();
      this.onError?.(new Error(`client idle in a transaction for ${this.idleInTransactionMs} ms while others waited: disconnected`));
      void this.end();
    }, this.idleInTransactionMs);
    this.idleTimer.unref();
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private peek(bytes: number): Buffer {
    if (this.chunks[0]!.length < bytes) this.chunks.splice(0, this.chunks.length, Buffer.concat(this.chunks));
    return this.chunks[0]!;
  }

  private take(bytes: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const message = all.subarray(0, bytes);
    const rest = all.subarray(bytes);
    this.chunks.splice(0, this.chunks.length, ...(rest.length > 0 ? [rest] : []));
    this.buffered = rest.length;
    return message;
  }
}

function simpleQuery(text: string): Buffer {
  const body = Buffer.from(`${text}\0`, 'utf8');
  const message = Buffer.alloc(5 + body.length);
  message.write('Q', 0, 'latin1');
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return message;
}

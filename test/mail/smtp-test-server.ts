import { EventEmitter, once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  parsed: ParsedMail;
  to: string[];
}

/** What the server answers to a message's data: accept, refuse with a code, or never answer. */
export type Reply = { accept: true } | { code: number; message: string } | { hang: true };

export interface SmtpTestServer {
  url: string;
  messages: ReceivedMail[];
  /** Decides the reply to each message (its argument counts every DATA the server has seen). */
  reply: (index: number) => Reply;
  /** Resolves once `n` messages have been accepted. */
  received(n: number): Promise<void>;
  /** Resolves when the next DATA arrives (before it is answered). */
  nextData(): Promise<void>;
  close(): Promise<void>;
}

/** A real SMTP server (smtp-server) on 127.0.0.1 with a free port; accepted messages are parsed with mailparser. */
export async function startSmtpServer(): Promise<SmtpTestServer> {
  const events = new EventEmitter();
  const hanging: (() => void)[] = [];
  let seen = 0;
  const state: SmtpTestServer = {
    url: '',
    messages: [],
    reply: () => ({ accept: true }),
    async received(n) {
      while (state.messages.length < n) await once(events, 'message');
    },
    async nextData() {
      await once(events, 'data');
    },
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // No reverse DNS lookup of 127.0.0.1 per connection: the sandbox has no resolver to ask.
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const reply = state.reply(seen++);
        events.emit('data');
        if ('hang' in reply) return void hanging.push(() => callback(new Error('closing')));
        if ('code' in reply) return void callback(Object.assign(new Error(reply.message), { responseCode: reply.code }));
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw).then((parsed) => {
          state.messages.push({ raw, parsed, to: session.envelope.rcptTo.map((r) => r.address) });
          callback();
          events.emit('message');
        });
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  state.url = `smtp://127.0.0.1:${port}`;
  state.close = async () => {
    hanging.splice(0).forEach((release) => release());
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}

/** A bare TCP server speaking just enough SMTP to take DATA, then dropping the connection mid-message. */
export async function startDroppingServer(): Promise<{ url: string; drops: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const result = { url: '', drops: 0, close: async () => {} };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let inData = false;
    socket.write('220 drop.test ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      if (inData) {
        result.drops++;
        return void socket.destroy();
      }
      for (const line of chunk.toString('latin1').split('\r\n').filter(Boolean)) {
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 drop.test\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  result.url = `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`;
  result.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return result;
}

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DOVECOT = '/usr/sbin/dovecot';
export const haveDovecot = spawnSync(DOVECOT, ['--version']).status === 0;

export interface DovecotServer {
  host: string;
  port: number;
  user: string;
  password: string;
  close(): Promise<void>;
}

/** A port nobody listens on now (Dovecot cannot be told to pick one and report it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A Dovecot IMAP server of the test's own: its config, passwd file, maildirs and sockets in a temp dir, plain-text
 * login on 127.0.0.1 only, in the foreground as a child of the test. The system's Dovecot (if any) is never touched.
 * As root, mail processes run as `nobody` and login processes as Debian's `dovenull`; otherwise all as the caller.
 */
export async function startDovecot(): Promise<DovecotServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vaksam-dovecot-'));
  const port = await freePort();
  const user = 'rapporter';
  const password = 'tipline-test-password';
  const root = process.getuid?.() === 0;
  const me = spawnSync('id', ['-un']).stdout.toString().trim();
  const mailUid = root ? 65534 : (process.getuid?.() ?? 0);
  const mailGid = root ? 65534 : (process.getgid?.() ?? 0);
  // Dovecot's auth and mail processes run as other users: they must be able to enter the folder and read the passwd file.
  chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'home']) mkdirSync(join(dir, sub));
  if (root) chownSync(join(dir, 'home'), mailUid, mailGid);
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = /dev/stderr
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = ${root ? 'dovenull' : me}
default_internal_user = ${root ? 'dovecot' : me}
first_valid_uid = ${Math.min(mailUid, 100)}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${dir}/home/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`,
  );
  const child = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  await started(child);
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves on Dovecot's "starting up" line, rejects with its log if it exits first. */
function started(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (/starting up/.test(log)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`dovecot exited with ${code}: ${log.slice(-2000)}`)));
  });
}

import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { type App } from '../../app/index.js';
import { checkRole, createUser, generatePassword, listUsers, ROLES, setPassword, setUserDisabled, setUserRole, type ChangeContext } from '../../users/index.js';
import { printJson, println, type CliIo } from '../io.js';
import { withApp } from '../with-app.js';

export function registerUsers(program: Command, io: CliIo): void {
  const users = program.command('users').description('Accounts of the web UI: add, reset passwords, change roles');

  users
    .command('add')
    .description('Add a local account; without --password-stdin a random password is generated and printed once')
    .argument('<username>', '2-64 characters: a-z 0-9 . _ @ -')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--name <display name>', 'name shown in the UI')
    .option('--password-stdin', 'read the password from the first line of stdin')
    .action(async (username: string, opts: { role: string; name?: string; passwordStdin?: boolean }) => {
      checkRole(opts.role);
      const password = opts.passwordStdin ? await readPassword(io) : generatePassword();
      await withApp(io, 'none', async (app) => {
        const user = await createUser(app.database.db, { username, role: opts.role, displayName: opts.name, password }, changeContext(app));
        println(io.stdout, `added user '${user.username}' with role ${user.role}`);
        if (!opts.passwordStdin) println(io.stdout, `password: ${password}`);
      });
    });

  users
    .command('reset-password')
    .description('Set a new password (random unless --password-stdin) and end all of the user\'s sessions')
    .argument('<username>')
    .option('--password-stdin', 'read the password from the first line of stdin')
    .action(async (username: string, opts: { passwordStdin?: boolean }) => {
      const password = opts.passwordStdin ? await readPassword(io) : generatePassword();
      await withApp(io, 'none', async (app) => {
        await setPassword(app.database.db, username, password, changeContext(app));
        println(io.stdout, `password of '${username.toLowerCase()}' reset; all of its sessions ended`);
        if (!opts.passwordStdin) println(io.stdout, `password: ${password}`);
      });
    });

  users
    .command('list')
    .description('List accounts with role, state and last sign-in')
    .option('--json', 'one JSON object per user')
    .action(async (opts: { json?: boolean }) => {
      await withApp(io, 'none', async (app) => {
        const rows = await listUsers(app.database.db);
        for (const u of rows) {
          const view = { username: u.username, displayName: u.displayName, role: u.role, disabled: u.disabled, oidc: u.oidcSubject !== null, lastLoginAt: u.lastLoginAt };
          if (opts.json) printJson(io.stdout, view);
          else println(io.stdout, `${u.username.padEnd(24)} ${u.role.padEnd(15)} ${u.disabled ? 'disabled' : 'active  '} ${u.oidcSubject ? 'oidc ' : 'local'} last sign-in ${u.lastLoginAt?.toISOString() ?? '-'}`);
        }
        if (!opts.json && rows.length === 0) println(io.stdout, 'no users yet: `vaksam start` or `vaksam serve` creates the first admin');
      });
    });

  users
    .command('set-role')
    .description('Change the role of an account')
    .argument('<username>')
    .argument('<role>', ROLES.join(' | '))
    .action(async (username: string, role: string) => {
      await withApp(io, 'none', async (app) => {
        await setUserRole(app.database.db, username, role, changeContext(app));
        println(io.stdout, `'${username.toLowerCase()}' now has the role ${role}`);
      });
    });

  for (const [name, disabled] of [['disable', true], ['enable', false]] as const) {
    users
      .command(name)
      .description(disabled ? 'Block sign-in and end all sessions of an account' : 'Allow a disabled account to sign in again')
      .argument('<username>')
      .action(async (username: string) => {
        await withApp(io, 'none', async (app) => {
          await setUserDisabled(app.database.db, username, disabled, changeContext(app));
          println(io.stdout, `'${username.toLowerCase()}' ${disabled ? 'disabled' : 'enabled'}`);
        });
      });
  }
}

function changeContext(app: App): ChangeContext {
  return { actor: `cli:${osUser()}`, now: app.now(), logN: app.config.http.scryptLogN };
}

async function readPassword(io: CliIo): Promise<string> {
  let input = '';
  for await (const chunk of io.stdin) input += String(chunk);
  return input.split(/\r?\n/)[0] ?? '';
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

import { userInfo } from 'node:os';

/** `cli:<os user>`: who ran a command when no --by is given (case history and audit log). */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

import { VaksamError } from '../errors/index.js';

/** A user name, password or role that breaks the account rules; the message says which rule. */
export class AccountInputError extends VaksamError {
  constructor(message: string) {
    super('ACCOUNT_INVALID', message);
  }
}

export class UserExistsError extends VaksamError {
  constructor(username: string) {
    super('USER_EXISTS', `a user named '${username}' already exists`, { details: { username } });
  }
}

export class UserNotFoundError extends VaksamError {
  constructor(username: string) {
    super('USER_NOT_FOUND', `no user named '${username}'`, { details: { username } });
  }
}

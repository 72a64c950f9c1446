import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ADMIN_GROUP } from '@shoestring/contract';
import { CliError } from '../../cli-error.ts';

/** A person who can sign in to the local provider. */
export interface DemoUser {
  username: string;
  /** Stable across restarts, a UUID like Cognito's `sub`. */
  sub: string;
  password: string;
  email: string;
  groups: string[];
}

/** The demo users every new data folder gets: two shoppers and an admin. */
export const DEMO_USERNAMES = ['alice', 'bob', 'admin'] as const;

const GROUPS: Record<string, string[]> = { admin: [ADMIN_GROUP] };

/** The folder under the data folder that holds the local provider's users and keys (mode 0700). */
export function authDir(dataDir: string): string {
  return join(dataDir, 'auth');
}

/** Where the demo users and their passwords are kept. */
export function usersFile(dataDir: string): string {
  return join(authDir(dataDir), 'users.json');
}

/** The demo users of a data folder, created with fresh passwords the first time. */
export async function loadOrCreateDemoUsers(dataDir: string): Promise<DemoUser[]> {
  const existing = await readDemoUsers(dataDir);
  if (existing) return existing;
  const users = DEMO_USERNAMES.map((username) => ({
    username,
    sub: randomUUID(),
    password: randomBytes(12).toString('base64url'),
    email: `${username}@example.com`,
    groups: GROUPS[username] ?? [],
  }));
  await mkdir(authDir(dataDir), { recursive: true, mode: 0o700 });
  await writeFile(usersFile(dataDir), `${JSON.stringify(users, null, 2)}\n`, { mode: 0o600 });
  return users;
}

/** The demo users of a data folder, or undefined before the first `shoestring dev` made them. */
export async function readDemoUsers(dataDir: string): Promise<DemoUser[] | undefined> {
  const text = await readFile(usersFile(dataDir), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as DemoUser[]);
}

/** Throws a CliError listing the demo users unless `username` is one of them. */
export function requireDemoUsername(username: string): void {
  if (!(DEMO_USERNAMES as readonly string[]).includes(username)) {
    throw new CliError(`No demo user "${username}". The demo users are: ${DEMO_USERNAMES.join(', ')}.`);
  }
}

/** The user of that name, or a CliError listing the demo users. */
export function demoUser(users: readonly DemoUser[], username: string): DemoUser {
  requireDemoUsername(username);
  const user = users.find((u) => u.username === username);
  if (!user)
    throw new CliError(`${username} is missing from the demo users file; delete it to have it made again.`);
  return user;
}

/** The user whose name and password match, compared in constant time. */
export function checkPassword(
  users: readonly DemoUser[],
  username: string,
  password: string,
): DemoUser | undefined {
  const user = users.find((u) => u.username === username);
  if (!user) return undefined;
  const given = Buffer.from(password);
  const wanted = Buffer.from(user.password);
  return given.length === wanted.length && timingSafeEqual(given, wanted) ? user : undefined;
}

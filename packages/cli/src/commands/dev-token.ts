import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError } from '../cli-error.ts';
import { DEMO_USERNAMES, demoUser, readDemoUsers, requireDemoUsername } from '../dev/oidc/demo-users.ts';
import { signInWithPassword } from '../dev/oidc/sign-in.ts';
import { defaultDataDir, readRuntimeFile } from '../dev/runtime-file.ts';

const HELP = `Usage: shoestring dev token <${DEMO_USERNAMES.join('|')}> [--data-dir .shoestring]

Prints an access token of a demo user of the running local system (\`npm start\`), signed in through its OpenID
provider with the user's password, as the site does. For curl:
  curl -H "Authorization: Bearer $(npx shoestring dev token alice)" http://127.0.0.1:3000/api/orders

Options:
  --data-dir DIR  the running system's data folder     default .shoestring at the repo root
  -h, --help      this text`;

export const usage = HELP;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [username, ...extra] = positionals;
  if (!username || extra.length > 0) throw new CliError(`Name one demo user: ${DEMO_USERNAMES.join(', ')}.`);
  requireDemoUsername(username);
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const running = await readRuntimeFile(dataDir);
  const users = await readDemoUsers(dataDir);
  if (!running?.auth || !users) {
    throw new CliError(`No local system is running for ${dataDir}: start it with \`npm start\` first.`);
  }
  const user = demoUser(users, username);
  const tokens = await signInWithPassword(running.auth.site, user.username, user.password);
  console.log(tokens.access_token);
  return 0;
}

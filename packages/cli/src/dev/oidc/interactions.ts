import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { checkPassword, type DemoUser } from './demo-users.ts';
import { loginPage } from './pages.ts';

/** Where the provider sends the browser to sign in (`/interaction/<uid>`) and the form posts (`.../login`). */
export const INTERACTION_PATH = '/interaction/';

const MAX_FORM_BYTES = 4_096;

/**
 * The provider's interaction step: a username/password form for the login prompt; the consent prompt is granted
 * at once, since the site is the shop's own client (Cognito's managed login asks no consent either).
 */
export async function handleInteraction(
  provider: Provider,
  users: readonly DemoUser[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const interaction = await provider.interactionDetails(req, res);
  const action = `${INTERACTION_PATH}${interaction.uid}/login`;
  const html = (status: number, body: string) =>
    res
      .writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(body);
  const usernames = users.map((u) => u.username);

  if (interaction.prompt.name === 'consent') {
    const grantId = await grantEverythingAsked(provider, interaction);
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }
  if (req.method === 'POST' && req.url === action) {
    const form = new URLSearchParams(await readBody(req));
    const user = checkPassword(users, form.get('username') ?? '', form.get('password') ?? '');
    if (!user) return void html(401, loginPage(action, usernames, 'Wrong username or password.'));
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.sub } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  if (req.method === 'GET') return void html(200, loginPage(action, usernames));
  res.writeHead(405, { allow: 'GET' }).end();
}

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

async function grantEverythingAsked(provider: Provider, interaction: Interaction): Promise<string> {
  const { details } = interaction.prompt;
  const grant = interaction.grantId
    ? await provider.Grant.find(interaction.grantId)
    : new provider.Grant({
        accountId: interaction.session?.accountId,
        clientId: String(interaction.params.client_id),
      });
  if (!grant) throw new Error('The grant of this interaction is gone');
  const scopes = details.missingOIDCScope as string[] | undefined;
  if (scopes) grant.addOIDCScope(scopes.join(' '));
  const claims = details.missingOIDCClaims as string[] | undefined;
  if (claims) grant.addOIDCClaims(claims);
  const resourceScopes = details.missingResourceScopes as Record<string, string[]> | undefined;
  for (const [indicator, wanted] of Object.entries(resourceScopes ?? {})) {
    grant.addResourceScope(indicator, wanted.join(' '));
  }
  return grant.save();
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_FORM_BYTES) throw new Error('Form too large');
  }
  return body;
}

/** The local provider's few pages: plain HTML, no scripts, nothing loaded from elsewhere. */

const STYLE =
  'body{font:16px system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}' +
  'label,input,button{display:block;width:100%;box-sizing:border-box}input{margin:.25rem 0 1rem;padding:.5rem}' +
  'button{padding:.6rem;margin-top:.5rem}.error{color:#b00020}small{color:#555}';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** The username/password form; it posts to `action`. */
export function loginPage(action: string, usernames: readonly string[], error?: string): string {
  return page(
    'Sign in to the shop',
    `${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}` +
      `<form method="post" action="${escapeHtml(action)}" autocomplete="off">` +
      '<label for="username">Username</label><input id="username" name="username" required autofocus>' +
      '<label for="password">Password</label><input id="password" name="password" type="password" required>' +
      '<button type="submit">Sign in</button></form>' +
      `<p><small>Local demo users: ${escapeHtml(usernames.join(', '))}. Their passwords are in the data folder's auth/users.json.</small></p>`,
  );
}

/** The sign-out confirmation; `form` is oidc-provider's hidden form (id `op.logoutForm`). */
export function logoutPage(form: string): string {
  return page(
    'Sign out?',
    `${form}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>` +
      '<button type="submit" form="op.logoutForm">No, stay signed in</button>',
  );
}

export function signedOutPage(): string {
  return page('Signed out', '<p>You are signed out of the local provider.</p>');
}

export function errorPage(message: string): string {
  return page('Sign-in problem', `<p class="error">${escapeHtml(message)}</p>`);
}

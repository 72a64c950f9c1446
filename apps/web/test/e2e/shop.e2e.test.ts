import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoUser, readDemoUsers } from '@shoestring/cli';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { type RunningShoestring, repoRoot, startShoestringDev } from './shoestring-dev.ts';

/** Debian's Chromium (`apt-get install chromium`); Playwright's own browser download is not used. */
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(repoRoot, 'test-artifacts', 'e2e');

let shop: RunningShoestring;
let browser: Browser;
let dataDir: string;
/** Bearer headers of demo users for setup through the API; every /api call but catalog reads needs one. */
let signedIn: { admin: Record<string, string>; bob: Record<string, string> };

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: run \`apt-get install -y chromium\` or set CHROME_PATH.`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = mkdtempSync('/tmp/shoestring-e2e-');
  // mkdtemp makes the folder 0700; run as root, PostgreSQL's own account must be able to enter it, or dbtools
  // keeps the cluster in /tmp/shoestring-pgdata-* instead, which removing the data folder would leave behind.
  chmodSync(dataDir, 0o755);
  shop = await startShoestringDev(dataDir);
  const bearer = async (user: string) => ({ authorization: `Bearer ${await shop.token(user)}` });
  signedIn = { admin: await bearer('admin'), bob: await bearer('bob') };
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  const exitCode = shop ? await shop.stop() : undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  // Only a system that started can be asked to stop cleanly; a failed start has already failed beforeAll.
  if (shop) expect(exitCode, `shoestring dev should exit cleanly on SIGTERM:\n${shop.output()}`).toBe(0);
});

interface SeededProduct {
  id: string;
  sku: string;
  name: string;
}

/** Seeds a product through the real API, the way an admin script would (with the demo admin's token). */
async function seedProduct(name: string, priceCents: number, stock: number): Promise<SeededProduct> {
  const sku = `E2E-${randomUUID().slice(0, 8).toUpperCase()}`;
  const response = await fetch(`${shop.url}/api/catalog/products`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signedIn.admin },
    body: JSON.stringify({ sku, name: `${name} ${sku}`, priceCents, stock }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as SeededProduct;
}

async function stockFromApi(id: string): Promise<number> {
  const response = await fetch(`${shop.url}/api/catalog/products/${id}`);
  return ((await response.json()) as { stock: number }).stock;
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

function tailOf(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-20_000);
  } catch {
    return `(${file} is missing)`;
  }
}

/** A page that records its uncaught errors and leaves a screenshot, its HTML and the logs when the test fails. */
async function openPage(
  name: string,
  options: Parameters<Browser['newPage']>[0],
): Promise<{ page: Page; pageErrors: string[] }> {
  const page = await browser.newPage(options);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  onTestFailed(async () => {
    await screenshot(page, `failed-${name}`).catch(() => {});
    writeFileSync(join(ARTIFACTS, `failed-${name}.html`), await page.content().catch(() => ''));
    const sections = [
      `page errors:\n${pageErrors.join('\n')}`,
      `shoestring dev:\n${shop.output()}`,
      `API log:\n${tailOf(join(dataDir, 'logs', 'api.log'))}`,
    ];
    writeFileSync(join(ARTIFACTS, `failed-${name}.log`), sections.join('\n---\n'));
  });
  return { page, pageErrors };
}

/** Signs a demo user in the way a person does: the site's Sign in button, then the provider's login form. */
async function signIn(page: Page, username: string): Promise<void> {
  const users = await readDemoUsers(dataDir);
  if (!users) throw new Error(`No demo users in ${dataDir}`);
  await page.goto(`${shop.url}/#/account`);
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(demoUser(users, username).password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Back from the provider through the callback, on the page sign-in started from.
  await page.getByText(`Signed in as ${username}.`).waitFor();
  expect(new URL(page.url()).pathname).toBe('/');
}

/** Bob orders through the API, so alice's order list can show that it holds hers only. */
async function bobOrders(product: SeededProduct): Promise<void> {
  const json = { 'content-type': 'application/json', ...signedIn.bob };
  const me = await fetch(`${shop.url}/api/customers/me`, {
    method: 'PUT',
    headers: json,
    body: JSON.stringify({ name: 'Bob', email: `bob-${product.sku.toLowerCase()}@example.com` }),
  });
  expect(me.ok, await me.clone().text()).toBe(true);
  const order = await fetch(`${shop.url}/api/orders`, {
    method: 'POST',
    headers: { ...json, 'idempotency-key': randomUUID() },
    body: JSON.stringify({ lines: [{ productId: product.id, quantity: 1 }] }),
  });
  expect(order.status, await order.clone().text()).toBe(201);
}

/** Finds a product's card the way a shopper would: the Products link, then a search for its SKU. */
async function findProductCard(page: Page, product: SeededProduct): Promise<Locator> {
  await page.getByRole('link', { name: 'Products', exact: true }).click();
  const search = page.getByLabel('Search by name or SKU');
  await search.fill(product.sku);
  await search.press('Enter');
  // The card may already show in the list from before the search (a new catalog holds demo products too); the
  // search result replaces that list and resets its fields, so wait until the list is the result: this card alone.
  await page.waitForFunction((sku) => {
    const cards = [...document.querySelectorAll('.product-grid > li')];
    return cards.length === 1 && cards[0]?.textContent?.includes(sku);
  }, product.sku);
  const card = page.getByRole('listitem', { name: product.name });
  await card.waitFor();
  return card;
}

async function expectStockShown(page: Page, product: SeededProduct, stock: number): Promise<void> {
  const card = await findProductCard(page, product);
  await card.getByText(`${stock} in stock`, { exact: true }).waitFor();
}

async function addToCart(page: Page, product: SeededProduct, quantity: number): Promise<void> {
  const card = await findProductCard(page, product);
  await card.getByLabel(`Quantity of ${product.name}`).fill(String(quantity));
  await card.getByRole('button', { name: 'Add to cart' }).click();
  await card.getByText('Added').waitFor();
}

describe('the shop in a real browser against `shoestring dev`', () => {
  it('signs alice in, orders, sees only her order and stock drop, cancels, is told when stock runs out, signs out', async () => {
    const boot = await seedProduct('Trail boot', 12_900, 6);
    await bobOrders(boot);
    const { page, pageErrors } = await openPage('shopper', { viewport: { width: 1280, height: 900 } });

    await signIn(page, 'alice');
    // Her details with the keyboard only: labelled fields, Tab between them, Enter submits.
    const customerName = `Alice ${boot.sku}`;
    await page.getByLabel('Name').focus();
    await page.keyboard.type(customerName);
    await page.keyboard.press('Tab');
    await page.keyboard.type(`alice-${boot.sku.toLowerCase()}@example.com`);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: customerName }).waitFor();
    await screenshot(page, '01-signed-in');

    await expectStockShown(page, boot, 5);
    await addToCart(page, boot, 2);
    await screenshot(page, '02-added-to-cart');
    await page.getByRole('link', { name: 'Cart (2)' }).click();
    await page.getByRole('button', { name: `Place order as ${customerName}` }).click();
    await page.getByRole('status').getByText('Order placed: $258.00.').waitFor();
    await screenshot(page, '03-order-placed');

    await expectStockShown(page, boot, 3);
    expect(await stockFromApi(boot.id)).toBe(3);

    await page.getByRole('link', { name: 'Orders', exact: true }).click();
    // Alice has exactly one order; bob's order of the same boot is not in her list.
    const order = page.getByRole('listitem', { name: /^Order of / });
    await order.getByText(`2 × ${boot.name}`).waitFor();
    await order.getByText('placed', { exact: true }).waitFor();
    await order.getByRole('button', { name: 'Cancel order' }).click();
    await order.getByText('cancelled', { exact: true }).waitFor();
    await screenshot(page, '04-order-cancelled');

    await expectStockShown(page, boot, 5);
    expect(await stockFromApi(boot.id)).toBe(5);
    await page.getByRole('link', { name: boot.name }).click();
    await page.getByRole('heading', { level: 1, name: boot.name }).waitFor();
    await page.getByRole('definition').getByText('5 in stock', { exact: true }).waitFor();

    await addToCart(page, boot, 6);
    await page.getByRole('link', { name: 'Cart (6)' }).click();
    const answer = page.waitForResponse(
      (r) => r.url().endsWith('/api/orders') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: `Place order as ${customerName}` }).click();
    const refused = await answer;
    const problem = (await refused.json()) as { title: string; detail: string; code: string };
    expect(refused.status()).toBe(409);
    expect(problem.code).toBe('CATALOG_OUT_OF_STOCK');
    const alert = page.getByRole('alert');
    await alert.getByText(problem.title, { exact: true }).waitFor();
    // The cart names the product where the API's detail gives its id.
    await alert.getByText(problem.detail.replace(boot.id, `“${boot.name}”`), { exact: true }).waitFor();
    await screenshot(page, '05-out-of-stock-error');
    expect(await stockFromApi(boot.id)).toBe(5);

    // Sign-out ends the provider's session too and comes back to the shop signed out.
    await page.getByRole('link', { name: customerName }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).waitFor();
    expect(
      await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('oidc.user'))),
    ).toEqual([]);
    await page.getByRole('link', { name: 'Orders', exact: true }).click();
    await page.getByRole('link', { name: 'Sign in and add your details' }).waitFor();

    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('lets the admin add a product in the catalog editor, which alice then sees', async () => {
    const admin = await openPage('admin', { viewport: { width: 1280, height: 900 } });
    await signIn(admin.page, 'admin');
    await admin.page.getByRole('link', { name: 'Catalog editor' }).click();
    const sku = `E2E-${randomUUID().slice(0, 8).toUpperCase()}`;
    const added: SeededProduct = { id: '', sku, name: `Rain hat ${sku}` };
    await admin.page.getByLabel('SKU').fill(sku);
    await admin.page.getByLabel('Product name').fill(added.name);
    await admin.page.getByLabel('Price in cents').fill('2500');
    await admin.page.getByLabel('Stock', { exact: true }).fill('3');
    await admin.page.getByRole('button', { name: 'Add product' }).click();
    await admin.page.getByRole('status').getByText(`Added ${added.name} at $25.00.`).waitFor();
    await screenshot(admin.page, '07-admin-added-product');
    expect(admin.pageErrors).toEqual([]);
    await admin.page.close();

    const alice = await openPage('alice-sees-new-product', { viewport: { width: 1280, height: 900 } });
    await signIn(alice.page, 'alice');
    // Alice has no editor, and finds the new product in the catalog.
    expect(await alice.page.getByRole('link', { name: 'Catalog editor' }).count()).toBe(0);
    await expectStockShown(alice.page, added, 3);
    expect(alice.pageErrors).toEqual([]);
    await alice.page.close();
  });

  it('fits a phone screen without sideways scrolling', async () => {
    await seedProduct('Wool sock', 900, 12);
    const page = await browser.newPage({
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(`${shop.url}/#/products`);
    await page.getByRole('listitem').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, '06-phone-products');
    await page.close();
  });
});

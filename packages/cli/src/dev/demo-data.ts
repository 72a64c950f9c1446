import { CliError } from '../cli-error.ts';

/** A few products so a new local shop is not empty; SKUs start with DEMO- so they are easy to tell apart. */
export const DEMO_PRODUCTS = [
  { sku: 'DEMO-BOOT', name: 'Trail boot', priceCents: 12_900, stock: 12 },
  { sku: 'DEMO-SOCK', name: 'Merino sock', priceCents: 1_400, stock: 40 },
  { sku: 'DEMO-LACE', name: 'Spare laces', priceCents: 400, stock: 100 },
  { sku: 'DEMO-WAX', name: 'Leather wax', priceCents: 950, stock: 25 },
  { sku: 'DEMO-INSOLE', name: 'Cork insole', priceCents: 2_200, stock: 8 },
  { sku: 'DEMO-BAG', name: 'Boot bag', priceCents: 3_500, stock: 3 },
] as const;

/**
 * Adds the demo products through the API itself (the catalog module owns its tables), only into an empty catalog,
 * so a person's own data is never touched, as the demo `admin` user (creating products is an admin operation).
 * Returns how many were added.
 */
export async function seedDemoCatalog(apiOrigin: string, adminToken: string): Promise<number> {
  const listing = await fetch(`${apiOrigin}/catalog/products?limit=1`);
  const { total } = (await listing.json()) as { total: number };
  if (total > 0) return 0;
  for (const product of DEMO_PRODUCTS) {
    const response = await fetch(`${apiOrigin}/catalog/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify(product),
    });
    if (response.status !== 201) {
      throw new CliError(
        `Could not add the demo product ${product.sku}: ${response.status} ${await response.text()}`,
      );
    }
  }
  return DEMO_PRODUCTS.length;
}

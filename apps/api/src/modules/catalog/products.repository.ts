import { PG_CHECK_VIOLATION, PG_UNIQUE_VIOLATION, type Pool, pgErrorCode } from '../../platform/db.ts';
import type { PageResult } from '../../platform/schemas.ts';
import {
  CatalogOutOfStockError,
  CatalogProductNotFoundError,
  CatalogSkuTakenError,
} from './catalog.errors.ts';
import type { NewProduct, Product, ProductChanges, ProductQuery } from './catalog.schemas.ts';

const COLUMNS = 'id, sku, name, price_cents, stock, created_at, updated_at';

interface ProductRow {
  id: string;
  sku: string;
  name: string;
  price_cents: number;
  stock: number;
  created_at: Date;
  updated_at: Date;
}

export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    priceCents: row.price_cents,
    stock: row.stock,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function productNotFound(id: string) {
  return new CatalogProductNotFoundError(`Product ${id} does not exist.`);
}

/** All SQL on catalog.products lives here. */
export class ProductsRepository {
  constructor(private readonly pool: Pool) {}

  async get(id: string): Promise<Product> {
    const result = await this.pool.query<ProductRow>(
      `SELECT ${COLUMNS} FROM catalog.products WHERE id = $1`,
      [id],
    );
    if (!result.rows[0]) throw productNotFound(id);
    return toProduct(result.rows[0]);
  }

  async list(query: ProductQuery): Promise<PageResult<Product>> {
    const pattern = query.q === undefined ? null : `%${query.q.replace(/[\\%_]/g, '\\$&')}%`;
    const inStock = query.inStock ?? null;
    const result = await this.pool.query<ProductRow & { total: string }>(
      `SELECT ${COLUMNS}, count(*) OVER () AS total FROM catalog.products
        WHERE ($1::text IS NULL OR name ILIKE $1 OR sku ILIKE $1)
          AND ($2::boolean IS NULL OR (stock > 0) = $2)
        ORDER BY created_at, id LIMIT $3 OFFSET $4`,
      [pattern, inStock, query.limit, query.offset],
    );
    const total = result.rows[0] ? Number(result.rows[0].total) : await this.count(pattern, inStock);
    return { items: result.rows.map(toProduct), total, limit: query.limit, offset: query.offset };
  }

  async create(product: NewProduct): Promise<Product> {
    try {
      const result = await this.pool.query<ProductRow>(
        `INSERT INTO catalog.products (sku, name, price_cents, stock) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
        [product.sku, product.name, product.priceCents, product.stock],
      );
      return toProduct(result.rows[0]!);
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
        throw new CatalogSkuTakenError(`SKU ${product.sku} is already used by another product.`);
      }
      throw error;
    }
  }

  async update(id: string, changes: ProductChanges): Promise<Product> {
    const result = await this.pool.query<ProductRow>(
      `UPDATE catalog.products SET name = coalesce($2, name), price_cents = coalesce($3, price_cents), updated_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, changes.name ?? null, changes.priceCents ?? null],
    );
    if (!result.rows[0]) throw productNotFound(id);
    return toProduct(result.rows[0]);
  }

  /** Adds `delta` (may be negative) in one statement, so concurrent adjustments never lose an update. */
  async adjustStock(id: string, delta: number): Promise<Product> {
    try {
      const result = await this.pool.query<ProductRow>(
        `UPDATE catalog.products SET stock = stock + $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, delta],
      );
      if (!result.rows[0]) throw productNotFound(id);
      return toProduct(result.rows[0]);
    } catch (error) {
      if (pgErrorCode(error) === PG_CHECK_VIOLATION) {
        throw new CatalogOutOfStockError(
          `Product ${id} has less than ${-delta} in stock; stock cannot go below 0.`,
        );
      }
      throw error;
    }
  }

  private async count(pattern: string | null, inStock: boolean | null): Promise<number> {
    const result = await this.pool.query<{ total: string }>(
      `SELECT count(*) AS total FROM catalog.products
        WHERE ($1::text IS NULL OR name ILIKE $1 OR sku ILIKE $1) AND ($2::boolean IS NULL OR (stock > 0) = $2)`,
      [pattern, inStock],
    );
    return Number(result.rows[0]?.total ?? 0);
  }
}

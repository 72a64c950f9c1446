/**
 * The SQL the API runs for the three benchmarked routes, copied verbatim from its repositories (source file in each
 * comment) so the baseline does the same database work and the difference is the framework. `checkSqlDrift` fails
 * the benchmark when one of them no longer appears in the API source.
 */

const PRODUCT_COLUMNS = 'id, sku, name, price_cents, stock, created_at, updated_at';
const CUSTOMER_COLUMNS = 'id, email, name, created_at';
const ORDER_COLUMNS = 'id, customer_id, status, total_cents, request_hash, created_at, cancelled_at';

export const BASELINE_SQL = {
  /** apps/api/src/modules/catalog/products.repository.ts `get` */
  getProduct: `SELECT ${PRODUCT_COLUMNS} FROM catalog.products WHERE id = $1`,
  /** apps/api/src/modules/catalog/products.repository.ts `list` */
  listProducts: `SELECT ${PRODUCT_COLUMNS}, count(*) OVER () AS total FROM catalog.products
        WHERE ($1::text IS NULL OR name ILIKE $1 OR sku ILIKE $1)
          AND ($2::boolean IS NULL OR (stock > 0) = $2)
        ORDER BY created_at, id LIMIT $3 OFFSET $4`,
  /** apps/api/src/modules/catalog/products.repository.ts `count` (a page past the end) */
  countProducts: `SELECT count(*) AS total FROM catalog.products
        WHERE ($1::text IS NULL OR name ILIKE $1 OR sku ILIKE $1) AND ($2::boolean IS NULL OR (stock > 0) = $2)`,
  /** apps/api/src/modules/customers/customers.repository.ts `getBySubject` (the caller's record) */
  getCustomerBySubject: `SELECT ${CUSTOMER_COLUMNS} FROM customers.customers WHERE subject = $1`,
  /** apps/api/src/modules/catalog/stock-reservations.ts `reserveStock` */
  claimReservation: `INSERT INTO catalog.stock_reservations (id, lines) VALUES ($1, '[]') ON CONFLICT (id) DO NOTHING`,
  /** apps/api/src/modules/catalog/stock-reservations.ts `takeStock` */
  takeStock: `UPDATE catalog.products SET stock = stock - $2, updated_at = now()
      WHERE id = $1 AND stock >= $2 RETURNING sku, name, price_cents`,
  /** apps/api/src/modules/catalog/stock-reservations.ts `takeStock` (nothing taken: unknown or out of stock) */
  stockOf: 'SELECT stock FROM catalog.products WHERE id = $1',
  /** apps/api/src/modules/catalog/stock-reservations.ts `reserveStock` */
  recordReservation: 'UPDATE catalog.stock_reservations SET lines = $2 WHERE id = $1',
  /** apps/api/src/modules/orders/orders.repository.ts `insertPending` */
  insertPendingOrder: `INSERT INTO orders.orders (id, customer_id, status, total_cents, idempotency_key, request_hash)
       VALUES ($1, $2, 'pending', 0, $3, $4)`,
  /** apps/api/src/modules/orders/orders.repository.ts `markPlaced` */
  markPlaced: `UPDATE orders.orders SET status = 'placed', total_cents = $2 WHERE id = $1 AND status = 'pending'`,
  /** apps/api/src/modules/orders/orders.repository.ts `markPlaced` */
  insertOrderLines: `INSERT INTO orders.order_lines (order_id, line_no, product_id, sku, name, quantity, unit_price_cents)
         SELECT $1, l.line_no, l.product_id, l.sku, l.name, l.quantity, l.unit_price_cents
           FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::int[]) WITH ORDINALITY
             AS l(product_id, sku, name, quantity, unit_price_cents, line_no)`,
  /** apps/api/src/modules/orders/orders.repository.ts `get` */
  getOrder: `SELECT ${ORDER_COLUMNS} FROM orders.orders WHERE id = $1 AND status IN ('placed', 'cancelled')`,
  /** apps/api/src/modules/orders/orders.repository.ts `list` (a page) */
  listOrders: `SELECT ${ORDER_COLUMNS} FROM orders.orders WHERE ($1::uuid IS NULL OR customer_id = $1) AND status IN ('placed', 'cancelled')
          ORDER BY created_at, id LIMIT $2 OFFSET $3`,
  /** apps/api/src/modules/orders/orders.repository.ts `list` (the total) */
  countOrders: `SELECT count(*) AS total FROM orders.orders WHERE ($1::uuid IS NULL OR customer_id = $1) AND status IN ('placed', 'cancelled')`,
  /** apps/api/src/modules/orders/orders.repository.ts `withLines` */
  getOrderLines: `SELECT order_id, product_id, sku, name, quantity, unit_price_cents FROM orders.order_lines
        WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, line_no`,
} as const;

/** The source file each statement is copied from, relative to the repository root. */
export const BASELINE_SQL_SOURCES: Record<keyof typeof BASELINE_SQL, string> = {
  getProduct: 'apps/api/src/modules/catalog/products.repository.ts',
  listProducts: 'apps/api/src/modules/catalog/products.repository.ts',
  countProducts: 'apps/api/src/modules/catalog/products.repository.ts',
  getCustomerBySubject: 'apps/api/src/modules/customers/customers.repository.ts',
  claimReservation: 'apps/api/src/modules/catalog/stock-reservations.ts',
  takeStock: 'apps/api/src/modules/catalog/stock-reservations.ts',
  stockOf: 'apps/api/src/modules/catalog/stock-reservations.ts',
  recordReservation: 'apps/api/src/modules/catalog/stock-reservations.ts',
  insertPendingOrder: 'apps/api/src/modules/orders/orders.repository.ts',
  markPlaced: 'apps/api/src/modules/orders/orders.repository.ts',
  insertOrderLines: 'apps/api/src/modules/orders/orders.repository.ts',
  getOrder: 'apps/api/src/modules/orders/orders.repository.ts',
  getOrderLines: 'apps/api/src/modules/orders/orders.repository.ts',
  listOrders: 'apps/api/src/modules/orders/orders.repository.ts',
  countOrders: 'apps/api/src/modules/orders/orders.repository.ts',
};

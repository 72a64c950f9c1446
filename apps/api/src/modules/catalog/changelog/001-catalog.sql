--liquibase formatted sql

--changeset shoestring:catalog-001-schema
--comment: The catalog module owns this schema; no other module reads or writes it.
CREATE SCHEMA catalog;
--rollback DROP SCHEMA catalog;

--changeset shoestring:catalog-002-products
CREATE TABLE catalog.products (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sku text NOT NULL CONSTRAINT products_sku_key UNIQUE,
  name text NOT NULL,
  price_cents integer NOT NULL CONSTRAINT products_price_not_negative CHECK (price_cents >= 0),
  -- The last line of defence for "stock never goes negative", whatever the code does.
  stock integer NOT NULL CONSTRAINT products_stock_not_negative CHECK (stock >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_created_at_idx ON catalog.products (created_at, id);
--rollback DROP TABLE catalog.products;

--changeset shoestring:catalog-003-stock-reservations
--comment: One row per reserving order (id = the order id) makes reserve and release idempotent, so they can be retried.
CREATE TABLE catalog.stock_reservations (
  id uuid PRIMARY KEY,
  lines jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  released_at timestamptz
);
--rollback DROP TABLE catalog.stock_reservations;

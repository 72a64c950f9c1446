--liquibase formatted sql

--changeset shoestring:orders-001-schema
--comment: The orders module owns this schema; no other module reads or writes it.
CREATE SCHEMA orders;
--rollback DROP SCHEMA orders;

--changeset shoestring:orders-002-orders
--comment: customer_id and product_id point into other modules' schemas, so they carry no foreign key: modules may live in separate databases one day.
CREATE TABLE orders.orders (
  id uuid PRIMARY KEY,
  customer_id uuid NOT NULL,
  status text NOT NULL CONSTRAINT orders_status_check CHECK (status IN ('placed', 'cancelled')),
  total_cents bigint NOT NULL CONSTRAINT orders_total_not_negative CHECK (total_cents >= 0),
  idempotency_key text CONSTRAINT orders_idempotency_key_key UNIQUE,
  request_hash text,
  created_at timestamptz NOT NULL DEFAULT now(),
  cancelled_at timestamptz
);
CREATE INDEX orders_customer_idx ON orders.orders (customer_id, created_at, id);
CREATE TABLE orders.order_lines (
  order_id uuid NOT NULL REFERENCES orders.orders (id) ON DELETE CASCADE,
  line_no integer NOT NULL,
  product_id uuid NOT NULL,
  sku text NOT NULL,
  name text NOT NULL,
  quantity integer NOT NULL CONSTRAINT order_lines_quantity_positive CHECK (quantity > 0),
  unit_price_cents integer NOT NULL,
  PRIMARY KEY (order_id, line_no)
);
--rollback DROP TABLE orders.order_lines;
--rollback DROP TABLE orders.orders;

--liquibase formatted sql

--changeset shoestring:customers-001-schema
--comment: The customers module owns this schema; no other module reads or writes it.
CREATE SCHEMA customers;
--rollback DROP SCHEMA customers;

--changeset shoestring:customers-002-customers
CREATE TABLE customers.customers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Emails are unique regardless of case: Ann@Example.com and ann@example.com are one customer.
CREATE UNIQUE INDEX customers_email_key ON customers.customers (lower(email));
CREATE INDEX customers_created_at_idx ON customers.customers (created_at, id);
--rollback DROP TABLE customers.customers;

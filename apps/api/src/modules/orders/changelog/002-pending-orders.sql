--liquibase formatted sql

--changeset shoestring:orders-003-pending-orders
--comment: An order row is written as 'pending' before stock is reserved, so a crash or outage mid-way leaves a row the sweeper can find and release (ADR 0023).
ALTER TABLE orders.orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders.orders ADD CONSTRAINT orders_status_check CHECK (status IN ('pending', 'placed', 'cancelled', 'abandoned'));
CREATE INDEX orders_unsettled_idx ON orders.orders (created_at) WHERE status IN ('pending', 'abandoned');
--rollback DROP INDEX orders.orders_unsettled_idx;
--rollback DELETE FROM orders.orders WHERE status IN ('pending', 'abandoned');
--rollback ALTER TABLE orders.orders DROP CONSTRAINT orders_status_check;
--rollback ALTER TABLE orders.orders ADD CONSTRAINT orders_status_check CHECK (status IN ('placed', 'cancelled'));

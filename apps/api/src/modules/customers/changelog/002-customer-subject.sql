--liquibase formatted sql

--changeset shoestring:customers-003-subject
--comment: A customer record belongs to one signed-in user: the access token's subject (sub) at the issuer (ADR 0100). Records made before sign-in keep a NULL subject; admins still see them.
ALTER TABLE customers.customers ADD COLUMN subject text;
ALTER TABLE customers.customers ADD CONSTRAINT customers_subject_key UNIQUE (subject);
--rollback ALTER TABLE customers.customers DROP COLUMN subject;

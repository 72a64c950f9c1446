import { type Static, Type } from 'typebox';
import { PageQuery, Uuid } from '../../platform/schemas.ts';

export const Customer = Type.Object(
  { id: Uuid, email: Type.String(), name: Type.String(), createdAt: Type.String({ format: 'date-time' }) },
  { $id: 'Customer' },
);
export type Customer = Static<typeof Customer>;

export const NewCustomer = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type NewCustomer = Static<typeof NewCustomer>;

export const CustomerQuery = Type.Object(PageQuery, { additionalProperties: false });
export type CustomerQuery = Static<typeof CustomerQuery>;

/** A token subject: Cognito's is a UUID, other issuers use other strings of up to 255 characters. */
export const Subject = Type.String({ minLength: 1, maxLength: 255 });
export const SubjectParams = Type.Object({ subject: Subject });

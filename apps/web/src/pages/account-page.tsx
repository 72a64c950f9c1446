import { useState } from 'react';
import type { ShopApi } from '../api/shop-api.ts';
import type { Customer } from '../api/types.ts';
import type { Session } from '../auth/session.ts';
import { ProblemMessage } from '../components/problem-message.tsx';
import { useSubmit } from '../hooks.ts';

interface AccountPageProps {
  api: ShopApi;
  session: Session | null;
  /** The signed-in shopper's record, or null when they have not created it yet. */
  customer: Customer | null;
  onSignIn: () => void;
  onSignOut: () => void;
  onSaved: (customer: Customer) => void;
}

/** Sign in and out, and the signed-in shopper's own details (GET/PUT /customers/me). */
export function AccountPage({ api, session, customer, onSignIn, onSignOut, onSaved }: AccountPageProps) {
  return (
    <section aria-labelledby="account-heading">
      <h1 id="account-heading">Account</h1>
      {session ? (
        <>
          <p>
            Signed in as <strong>{session.username}</strong>.{' '}
            <button type="button" onClick={onSignOut}>
              Sign out
            </button>
          </p>
          {/* A new key once the record exists fills the form from it. */}
          <ProfileForm key={customer?.id ?? 'new'} api={api} customer={customer} onSaved={onSaved} />
        </>
      ) : (
        <p>
          Sign in to place orders and see them.{' '}
          <button type="button" className="primary" onClick={onSignIn}>
            Sign in
          </button>
        </p>
      )}
    </section>
  );
}

interface ProfileFormProps {
  api: ShopApi;
  customer: Customer | null;
  onSaved: (customer: Customer) => void;
}

function ProfileForm({ api, customer, onSaved }: ProfileFormProps) {
  const [email, setEmail] = useState(customer?.email ?? '');
  const [name, setName] = useState(customer?.name ?? '');
  const [saved, setSaved] = useState(false);
  const {
    busy: saving,
    problem,
    submit,
  } = useSubmit(
    () => {
      setSaved(false);
      return api.putMyCustomer({ email: email.trim(), name: name.trim() });
    },
    (customer) => {
      onSaved(customer);
      setSaved(true);
    },
  );
  return (
    <form className="card" onSubmit={submit}>
      <h2>{customer ? 'Your details' : 'Add your details to order'}</h2>
      <label htmlFor="profile-name">Name</label>
      <input
        id="profile-name"
        autoComplete="name"
        required
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <label htmlFor="profile-email">Email</label>
      <input
        id="profile-email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      {problem && <ProblemMessage problem={problem} />}
      {saved && (
        <p className="success" role="status">
          Saved.
        </p>
      )}
      <button type="submit" className="primary" disabled={saving}>
        {saving ? 'Saving…' : 'Save details'}
      </button>
    </form>
  );
}

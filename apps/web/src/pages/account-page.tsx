import { type FormEvent, useState } from 'react';
import type { ShopApi } from '../api/shop-api.ts';
import type { Customer, Problem } from '../api/types.ts';
import { Loading, ProblemMessage } from '../components/problem-message.tsx';
import { toProblem, useResource } from '../hooks.ts';

interface AccountPageProps {
  api: ShopApi;
  customer: Customer | null;
  onChoose: (customer: Customer | null) => void;
}

/** The shop has no passwords (the seed has no auth): shoppers pick an existing customer or sign up. */
export function AccountPage({ api, customer, onChoose }: AccountPageProps) {
  const [signUps, setSignUps] = useState(0);
  return (
    <section aria-labelledby="account-heading">
      <h1 id="account-heading">Customer</h1>
      {customer && (
        <p>
          Shopping as <strong>{customer.name}</strong> ({customer.email}).{' '}
          <button type="button" onClick={() => onChoose(null)}>
            Sign out
          </button>
        </p>
      )}
      <div className="columns">
        {/* A new key after each sign-up reloads the list, so the new customer is in it. */}
        <CustomerPicker key={signUps} api={api} current={customer} onChoose={onChoose} />
        <SignUpForm
          api={api}
          onCreated={(created) => {
            setSignUps((n) => n + 1);
            onChoose(created);
          }}
        />
      </div>
    </section>
  );
}

function CustomerPicker({ api, current, onChoose }: { api: ShopApi; current: Customer | null } & Chooser) {
  const [customers, reload] = useResource((signal) => api.listCustomers(signal), [api]);
  const [selectedId, setSelectedId] = useState(current?.id ?? '');
  if (customers.status === 'loading') return <Loading what="customers" />;
  if (customers.status === 'error') return <ProblemMessage problem={customers.problem} onRetry={reload} />;
  if (customers.data.items.length === 0) return <p className="empty">No customers yet: sign up first.</p>;
  const choose = (event: FormEvent) => {
    event.preventDefault();
    const picked = customers.data.items.find((c) => c.id === selectedId);
    if (picked) onChoose(picked);
  };
  return (
    <form className="card" onSubmit={choose}>
      <h2>Existing customer</h2>
      <label htmlFor="customer-select">Choose a customer</label>
      <select
        id="customer-select"
        required
        value={selectedId}
        onChange={(e) => setSelectedId(e.target.value)}
      >
        <option value="">Choose…</option>
        {customers.data.items.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.email})
          </option>
        ))}
      </select>
      <button type="submit">Use this customer</button>
    </form>
  );
}

interface Chooser {
  onChoose: (customer: Customer) => void;
}

function SignUpForm({ api, onCreated }: { api: ShopApi; onCreated: (customer: Customer) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setProblem(null);
    try {
      onCreated(await api.createCustomer({ email: email.trim(), name: name.trim() }));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className="card" onSubmit={submit}>
      <h2>Sign up</h2>
      <label htmlFor="signup-name">Name</label>
      <input
        id="signup-name"
        autoComplete="name"
        required
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <label htmlFor="signup-email">Email</label>
      <input
        id="signup-email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      {problem && <ProblemMessage problem={problem} />}
      <button type="submit" className="primary" disabled={saving}>
        {saving ? 'Signing up…' : 'Sign up'}
      </button>
    </form>
  );
}

import { useState } from 'react';
import type { ShopApi } from '../api/shop-api.ts';
import type { Customer, Order, Problem } from '../api/types.ts';
import { Loading, ProblemMessage } from '../components/problem-message.tsx';
import { formatCents, formatDateTime } from '../format.ts';
import { toProblem, useResource } from '../hooks.ts';

interface OrdersPageProps {
  api: ShopApi;
  customer: Customer | null;
}

export function OrdersPage({ api, customer }: OrdersPageProps) {
  return (
    <section aria-labelledby="orders-heading">
      <h1 id="orders-heading">Orders</h1>
      {customer ? (
        <CustomerOrders api={api} customer={customer} />
      ) : (
        <p className="empty">
          <a href="#/account">Sign in and add your details</a> to see your orders.
        </p>
      )}
    </section>
  );
}

function CustomerOrders({ api, customer }: { api: ShopApi; customer: Customer }) {
  const [orders, reload] = useResource(
    async (signal) => {
      // The API returns the signed-in shopper's own orders only.
      const page = await api.listOrders(signal);
      return [...page.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
    [api, customer.id],
  );
  if (orders.status === 'loading') return <Loading what="orders" />;
  if (orders.status === 'error') return <ProblemMessage problem={orders.problem} onRetry={reload} />;
  if (orders.data.length === 0) {
    return (
      <p className="empty">
        {customer.name} has no orders yet. <a href="#/products">Browse products</a>.
      </p>
    );
  }
  return (
    <ol className="orders">
      {orders.data.map((order) => (
        <OrderCard key={order.id} api={api} initial={order} />
      ))}
    </ol>
  );
}

function OrderCard({ api, initial }: { api: ShopApi; initial: Order }) {
  const [order, setOrder] = useState(initial);
  const [cancelling, setCancelling] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const cancel = async () => {
    setCancelling(true);
    setProblem(null);
    try {
      setOrder(await api.cancelOrder(order.id));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setCancelling(false);
    }
  };
  const headingId = `order-${order.id}`;
  return (
    <li className="card order" aria-labelledby={headingId}>
      <h2 id={headingId}>
        Order of {formatDateTime(order.createdAt)}{' '}
        <span className={`badge ${order.status}`}>{order.status}</span>
      </h2>
      <ul>
        {order.lines.map((line) => (
          <li key={line.productId}>
            {line.quantity} × {line.name} ({line.sku}) at {formatCents(line.unitPriceCents)}
          </li>
        ))}
      </ul>
      <p className="total">
        Total <strong>{formatCents(order.totalCents)}</strong>
      </p>
      {order.cancelledAt && <p>Cancelled {formatDateTime(order.cancelledAt)}.</p>}
      {problem && <ProblemMessage problem={problem} />}
      {order.status === 'placed' && (
        <button type="button" onClick={cancel} disabled={cancelling}>
          {cancelling ? 'Cancelling…' : 'Cancel order'}
        </button>
      )}
    </li>
  );
}

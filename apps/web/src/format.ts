const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** Money travels as integer cents; only the screen turns it into a decimal. */
export function formatCents(cents: number): string {
  return money.format(cents / 100);
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function stockLabel(stock: number): string {
  return stock > 0 ? `${stock} in stock` : 'Out of stock';
}

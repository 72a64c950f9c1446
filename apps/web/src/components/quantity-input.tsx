import { useEffect, useState } from 'react';
import { MAX_QUANTITY } from '../cart/cart.ts';

interface QuantityInputProps {
  label: string;
  value: number;
  onChange: (quantity: number) => void;
}

/**
 * Keeps the typed text locally so a shopper can clear the field and type a new number; only whole numbers
 * of at least 1 reach the cart, and leaving the field shows the cart's quantity again.
 */
export function QuantityInput({ label, value, onChange }: QuantityInputProps) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  return (
    <input
      type="number"
      inputMode="numeric"
      min={1}
      max={MAX_QUANTITY}
      aria-label={label}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const quantity = Number(e.target.value);
        if (Number.isInteger(quantity) && quantity >= 1) onChange(quantity);
      }}
      onBlur={() => setText(String(value))}
    />
  );
}

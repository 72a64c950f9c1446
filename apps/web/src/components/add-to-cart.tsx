import { type FormEvent, useId, useState } from 'react';
import type { Product } from '../api/types.ts';
import { MAX_QUANTITY } from '../cart/cart.ts';

interface AddToCartProps {
  product: Product;
  onAdd: (product: Product, quantity: number) => void;
}

/** A quantity field and a button; the label names the product so each row reads on its own. */
export function AddToCart({ product, onAdd }: AddToCartProps) {
  const id = useId();
  const [quantity, setQuantity] = useState('1');
  const [added, setAdded] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onAdd(product, Number.parseInt(quantity, 10) || 1);
    setAdded(true);
  };
  return (
    <form className="add-to-cart" onSubmit={submit}>
      <label htmlFor={id}>
        Quantity<span className="visually-hidden"> of {product.name}</span>
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_QUANTITY}
        required
        value={quantity}
        onChange={(e) => {
          setQuantity(e.target.value);
          setAdded(false);
        }}
      />
      <button type="submit">Add to cart</button>
      <span className="added" aria-live="polite">
        {added ? 'Added' : ''}
      </span>
    </form>
  );
}

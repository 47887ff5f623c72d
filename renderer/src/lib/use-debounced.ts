import { useEffect, useState } from 'react';

/**
 * `value`, once it has stopped changing for `delayMs`: typing sends one request when the user
 * pauses instead of one per keystroke. A cleared value (empty string) passes at once.
 */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (value === '') {
      setSettled(value);
      return;
    }
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

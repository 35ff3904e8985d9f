import { useEffect, useRef, useState } from 'preact/hooks';

/** One page of a list as every list endpoint answers it. */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A list that loads page by page ("Meer laden"). After a next page arrives,
 * focus moves to its first item (attach `firstNew` where `isFirstNew(i)`), so
 * keyboard and screen-reader users go on where they were.
 */
export function usePagedList<T, E extends HTMLElement = HTMLElement>(fetchPage: (cursor: string | null) => Promise<ListPage<T>>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const firstNew = useRef<E>(null);
  const focusIndex = useRef<number | null>(null);

  async function load(cursor: string | null) {
    setBusy(true);
    setError(null);
    try {
      const page = await fetchPage(cursor);
      setItems((old) => {
        focusIndex.current = cursor && old ? old.length : null;
        return cursor && old ? [...old, ...page.items] : page.items;
      });
      setNext(page.nextCursor);
    } catch (err) {
      setError(err ?? new Error('failed'));
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    if (focusIndex.current !== null) firstNew.current?.focus();
    focusIndex.current = null;
  }, [items]);

  return {
    items, setItems, next, error, busy, firstNew,
    /** Loads the first page again (cursor null) or the next one. */
    load,
    isFirstNew: (i: number) => i === focusIndex.current,
  };
}

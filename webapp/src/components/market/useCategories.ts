import { useEffect, useState } from 'preact/hooks';
import { listCategories, type Category } from '../../api/market';

/** The categories (GET /categories, fetched once per app run); null while loading or when it failed. */
export function useCategories(): { categories: Category[] | null; failed: boolean } {
  const [state, setState] = useState<{ categories: Category[] | null; failed: boolean }>({ categories: null, failed: false });
  useEffect(() => {
    listCategories().then((categories) => setState({ categories, failed: false }), () => setState({ categories: null, failed: true }));
  }, []);
  return state;
}

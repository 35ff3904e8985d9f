// Simple line drawings (24×24, drawn for Noaber), one per category icon name
// the server uses. They decorate only: the category's name is always written
// next to them. An unknown name gets the "more" dots.
const paths: Record<string, string[]> = {
  pan: ['M3 11h13v4a4 4 0 0 1-4 4H7a4 4 0 0 1-4-4z', 'M16 12h5', 'M7 7c0-1 1-1 1-2', 'M11 7c0-1 1-1 1-2'],
  bag: ['M5 8h14l-1 12H6z', 'M9 8V6a3 3 0 0 1 6 0v2'],
  hammer: ['M14 4l6 6-3 3-6-6z', 'M11 9l-7 7 3 3 7-7'],
  flower: ['M12 21v-8', 'M12 13a3 3 0 1 0 0-6 3 3 0 0 0 0 6z', 'M12 7V4', 'M15 10h3', 'M9 10H6', 'M12 18c-2-2-5-2-6-1', 'M12 17c2-2 5-2 6-1'],
  coffee: ['M4 9h12v6a4 4 0 0 1-4 4H8a4 4 0 0 1-4-4z', 'M16 11h2a2 2 0 0 1 0 4h-2', 'M8 3v3', 'M12 3v3'],
  car: ['M4 16V12l2-5h12l2 5v4z', 'M4 16v2h3v-2', 'M17 16v2h3v-2', 'M7.5 13h.01', 'M16.5 13h.01'],
  paw: ['M12 20c-3 0-5-1.5-5-3.5S9.5 12 12 12s5 2.5 5 4.5-2 3.5-5 3.5z', 'M6 10a1.5 2 0 1 0 0-4 1.5 2 0 0 0 0 4z', 'M18 10a1.5 2 0 1 0 0-4 1.5 2 0 0 0 0 4z', 'M10 7a1.5 2 0 1 0 0-4 1.5 2 0 0 0 0 4z', 'M14 7a1.5 2 0 1 0 0-4 1.5 2 0 0 0 0 4z'],
  phone: ['M7 3h10v18H7z', 'M11 18h2'],
  document: ['M6 3h8l4 4v14H6z', 'M14 3v4h4', 'M9 12h6', 'M9 16h6'],
  child: ['M12 8a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z', 'M7 12l5-2 5 2', 'M12 10v5', 'M9 21l3-6 3 6'],
  book: ['M4 5h6a2 2 0 0 1 2 2v13a2 2 0 0 0-2-2H4z', 'M20 5h-6a2 2 0 0 0-2 2v13a2 2 0 0 1 2-2h6z'],
  dots: ['M6 12h.01', 'M12 12h.01', 'M18 12h.01'],
};

export function CategoryIcon({ icon }: { icon: string }) {
  return (
    <svg class="noaber-category-icon" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor"
      stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
      {(paths[icon] ?? paths.dots).map((d) => <path key={d} d={d} />)}
    </svg>
  );
}

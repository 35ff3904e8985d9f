import type { LifeDomain } from '../../api/signals';

// Simple line drawings (24×24, drawn for Noaber), one per life domain. They
// decorate only: the name of the domain is always written next to them.
const paths: Record<LifeDomain, string[]> = {
  wonen: ['M3 11.5 12 4l9 7.5', 'M5.5 9.5V20h13V9.5', 'M10 20v-5h4v5'],
  huishouden: ['M4 10h16l-2 10H6z', 'M8 10l4-6 4 6', 'M9 14v2', 'M15 14v2'],
  ontmoeten: ['M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6z', 'M16 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6z', 'M2 20c0-3 2.7-5 6-5s6 2 6 5', 'M13 15.3c.9-.2 1.9-.3 3-.3 3.3 0 6 2 6 5'],
  meedoen: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 'M8 12h8', 'M12 8v8'],
  werken: ['M3 8h18v12H3z', 'M9 8V5h6v3', 'M3 13h18'],
  opgroeien: ['M12 21v-9', 'M12 12C12 8 9 5 4 5c0 5 3 7 8 7z', 'M12 10c0-3 3-6 8-6 0 4-3 6-8 6z'],
  rondkomen: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 'M15.5 8.5a4 4 0 1 0 0 7', 'M7 11h6', 'M7 13h6'],
  leren: ['M4 5h6a2 2 0 0 1 2 2v13a2 2 0 0 0-2-2H4z', 'M20 5h-6a2 2 0 0 0-2 2v13a2 2 0 0 1 2-2h6z'],
  zorgen: ['M12 20s-7.5-4.6-7.5-10A4.2 4.2 0 0 1 12 7.4 4.2 4.2 0 0 1 19.5 10c0 5.4-7.5 10-7.5 10z'],
};

export function DomainIcon({ domain }: { domain: LifeDomain }) {
  return (
    <svg class="noaber-domain-icon" viewBox="0 0 24 24" width="28" height="28" fill="none" stroke="currentColor"
      stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
      {paths[domain].map((d) => <path key={d} d={d} />)}
    </svg>
  );
}

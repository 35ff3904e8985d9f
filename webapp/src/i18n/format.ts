import type { Strings } from './strings';

/** Fills {name} placeholders: fill('Hallo {name}', { name: 'Ans' }). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** "45 seconden", or whole minutes (rounded up) from two minutes on. */
export function waitTime(t: Strings, seconds: number): string {
  return seconds < 120 ? fill(t.waitSeconds, { n: seconds }) : fill(t.waitMinutes, { n: Math.ceil(seconds / 60) });
}

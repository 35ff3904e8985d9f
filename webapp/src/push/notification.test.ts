import { describe, expect, it } from 'vitest';
import { appPath, clickTarget, notificationFor, parsePayload, pickWindow, type WindowInfo } from './notification';

const origin = 'https://noaber.example';
const payload = { type: 'message_new', id: 'n-1', title: 'Noaber', body: 'Je hebt een nieuw bericht.', url: '/gesprekken/c-7' };

describe('payload → notification', () => {
  it('maps the server payload to showNotification arguments', () => {
    const { title, options } = notificationFor(parsePayload(JSON.stringify(payload), 'x'));
    expect(title).toBe('Noaber');
    expect(options).toEqual({
      body: 'Je hebt een nieuw bericht.',
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      tag: 'message_new', // a newer message replaces the older notification
      data: { url: '/gesprekken/c-7', id: 'n-1' },
    });
  });

  it('uses the type as tag, so types do not replace each other', () => {
    const a = notificationFor(parsePayload(JSON.stringify(payload), 'x')).options.tag;
    const b = notificationFor(parsePayload(JSON.stringify({ ...payload, type: 'signal_assigned' }), 'x')).options.tag;
    expect(a).not.toBe(b);
  });

  it('shows a generic notification that opens the inbox for a payload it cannot read', () => {
    for (const raw of [null, '', 'not json', '[1,2]', '{"type":"<script>","url":"https://evil.example/"}']) {
      const p = parsePayload(raw, 'Er is iets nieuws voor je in Noaber.');
      expect(p.title).toBe('Noaber');
      expect(p.body).toBe('Er is iets nieuws voor je in Noaber.');
      expect(p.url).toBe('/notificaties');
      expect(p.type).toBe('noaber');
    }
  });

  it('keeps only app paths as url', () => {
    expect(appPath('/gesprekken/1')).toBe('/gesprekken/1');
    expect(appPath('//evil.example/x')).toBe('/notificaties');
    expect(appPath('/\\evil.example')).toBe('/notificaties');
    expect(appPath('javascript:alert(1)')).toBe('/notificaties');
    expect(appPath(42)).toBe('/notificaties');
  });

  it('caps overlong texts', () => {
    const p = parsePayload(JSON.stringify({ ...payload, body: 'a'.repeat(1000), title: 'b'.repeat(200) }), 'x');
    expect(p.body.length).toBe(300);
    expect(p.title.length).toBe(80);
  });
});

describe('notification click', () => {
  it('opens the url on our origin and says which notification was opened', () => {
    expect(clickTarget({ url: '/gesprekken/c-7', id: 'n-1' }, origin)).toBe(`${origin}/gesprekken/c-7?notificatie=n-1`);
    expect(clickTarget({ url: '/vragen/1?tab=reacties', id: 'n 2' }, origin)).toBe(`${origin}/vragen/1?tab=reacties&notificatie=n+2`);
  });

  it('opens the inbox for missing or foreign urls', () => {
    expect(clickTarget(undefined, origin)).toBe(`${origin}/notificaties`);
    expect(clickTarget({ url: 'https://evil.example/' }, origin)).toBe(`${origin}/notificaties`);
    expect(clickTarget({ url: '//evil.example/' }, origin)).toBe(`${origin}/notificaties`);
  });

  const win = (url: string, focused = false, visibilityState: DocumentVisibilityState = 'hidden'): WindowInfo =>
    ({ url, focused, visibilityState });

  it('reuses the focused app window, else a visible one, else any', () => {
    expect(pickWindow([win(`${origin}/a`), win(`${origin}/b`, true, 'visible')], origin)).toBe(1);
    expect(pickWindow([win(`${origin}/a`), win(`${origin}/b`, false, 'visible')], origin)).toBe(1);
    expect(pickWindow([win(`${origin}/a`), win(`${origin}/b`)], origin)).toBe(0);
  });

  it('never reuses a window of another origin, and opens a new one when there is none', () => {
    expect(pickWindow([win('https://elsewhere.example/', true, 'visible'), win(`${origin}/x`)], origin)).toBe(1);
    expect(pickWindow([win('https://elsewhere.example/', true, 'visible')], origin)).toBe(-1);
    expect(pickWindow([], origin)).toBe(-1);
  });
});

import { describe, expect, it } from 'vitest';
import { actorOf } from './signals';

describe('actorOf', () => {
  it('turns the server’s actorId and actorName into a person', () => {
    expect(actorOf({ actorId: 'u1', actorName: 'Anna de Vries' })).toEqual({ id: 'u1', displayName: 'Anna de Vries' });
  });
  it('keeps a person the fake API already sends', () => {
    expect(actorOf({ actor: { displayName: 'Pieter' } })).toEqual({ displayName: 'Pieter' });
  });
  it('is null for the system and for deleted accounts', () => {
    expect(actorOf({ actorId: null, actorName: null })).toBeNull();
  });
});

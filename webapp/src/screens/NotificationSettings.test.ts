import { describe, expect, it } from 'vitest';
import { typesFor } from './NotificationSettings';

describe('typesFor', () => {
  it('shows residents the marketplace types only', () => {
    expect(typesFor({ roles: ['resident'] })).toEqual([
      'message_new', 'response_new', 'exchange_agreed', 'exchange_check', 'suggestion', 'post_expiring',
      'invitation_new',
    ]);
  });

  it('adds new and escalated signals for a contact person', () => {
    const types = typesFor({ roles: ['contact'] });
    expect(types).toContain('signal_assigned');
    expect(types).toContain('signal_escalated');
    expect(types).not.toContain('signal_update');
  });

  it('adds news about reported signals for a key figure', () => {
    const types = typesFor({ roles: ['resident', 'keyfigure'] });
    expect(types).toContain('signal_update');
    expect(types).not.toContain('signal_assigned');
  });
});

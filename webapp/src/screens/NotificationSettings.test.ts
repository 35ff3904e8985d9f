import { describe, expect, it } from 'vitest';
import { typesFor } from './NotificationSettings';

describe('typesFor', () => {
  it('shows residents the marketplace types only', () => {
    expect(typesFor({ roles: ['resident'] })).toEqual([
      'message_new', 'response_new', 'exchange_agreed', 'exchange_check', 'suggestion', 'post_expiring',
      'invitation_new', 'report_decided', 'moderation_notice',
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

  it('shows everyone the outcome of their reports and notices from a moderator', () => {
    for (const roles of [['resident'], ['broker'], ['contact'], ['resident', 'keyfigure']] as const) {
      const types = typesFor({ roles: [...roles] });
      expect(types).toContain('report_decided');
      expect(types).toContain('moderation_notice');
    }
  });
});

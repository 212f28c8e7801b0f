// History shows a row the app stopped during as interrupted (issue 18), a failure by its code, a success with no label.
import { describe, expect, it } from 'vitest';
import { historyProblemLabel } from '../../renderer/src/model/history-label.js';

describe('history entry label', () => {
  it('names interrupted, running and failed entries and leaves finished ones unlabelled', () => {
    expect(historyProblemLabel({ status: 'interrupted', errorCode: 'INTERRUPTED' })).toBe('Interrupted');
    expect(historyProblemLabel({ status: 'pending', errorCode: null })).toBe('In progress');
    expect(historyProblemLabel({ status: 'failed', errorCode: 'QUOTA' })).toBe('QUOTA');
    expect(historyProblemLabel({ status: 'done', errorCode: null })).toBeNull();
    expect(historyProblemLabel({ errorCode: null })).toBeNull();
  });
});

// The dictation controller's edit requests: a selection from the editor pane goes with spoken and typed requests, the
// 'edit' event reaches the view state, and the overlay's buttons call result.action for the current request.
import { describe, expect, it } from 'vitest';
import type { Api, EditTarget, MethodName, MethodParams, MethodResult } from '../../preload/contract.js';
import { DictationController } from '../../renderer/src/controllers/dictation-controller.js';
import { editStatus } from '../../renderer/src/components/EditActions.js';
import { FakeApiEvents } from '../support/fake-api-events.js';

class FakeApi extends FakeApiEvents implements Api {
  readonly calls: Array<{ method: string; params: Record<string, unknown> }> = [];
  actionAnswer: { ok: boolean; message?: string } = { ok: true };
  private next = 1;
  async call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
    this.calls.push({ method, params: params as Record<string, unknown> });
    const answers: Partial<Record<MethodName, unknown>> = { 'request.text': { requestId: this.next++ }, 'dictation.start': { requestId: this.next++ }, 'dictation.stop': { ok: true }, 'request.cancel': { ok: true }, 'result.action': this.actionAnswer };
    return answers[method] as MethodResult<M>;
  }
  sendAudio(): void {}
}

const capture = () => ({ stop: () => undefined });

describe('edit requests in the dictation controller', () => {
  it('a typed request carries the selection while one is set, and none without it', async () => {
    const api = new FakeApi();
    const controller = new DictationController(api, capture);
    let target: EditTarget | undefined = { selection: 'def f(a):\n    return a\n', language: 'python' };
    const unset = controller.setEditSource(() => target);
    await controller.submitText('add a parameter max speed');
    expect(api.calls.at(-1)).toEqual({ method: 'request.text', params: { text: 'add a parameter max speed', edit: target } });
    target = { selection: '' };
    await controller.submitText('a python function');
    expect(api.calls.filter((c) => c.method === 'request.text').at(-1)?.params.edit).toBeUndefined();
    target = { selection: 'x = 1\n' };
    unset();
    await controller.submitText('a python function');
    expect(api.calls.filter((c) => c.method === 'request.text').at(-1)?.params.edit).toBeUndefined();
    controller.dispose();
  });

  it('a spoken request carries the selection in dictation.start', async () => {
    const api = new FakeApi();
    const controller = new DictationController(api, capture);
    controller.setEditSource(() => ({ selection: 'let a = 1;\n', language: 'javascript' }));
    await controller.startVoice();
    expect(api.calls.find((c) => c.method === 'dictation.start')?.params).toEqual({ edit: { selection: 'let a = 1;\n', language: 'javascript' } });
    controller.dispose();
  });

  it('the edit event sets the status; Apply and Discard call result.action for the current request', async () => {
    const api = new FakeApi();
    const controller = new DictationController(api, capture);
    await controller.submitText('rename user to account');
    const requestId = controller.getState().requestId as number;
    api.emit('pipeline.event', { requestId, event: { type: 'edit', before: 'a\nb\n', lines: 2, app: 'gedit' } });
    api.emit('pipeline.event', { requestId, event: { type: 'code.chunk', text: '```\nA\n' } });
    expect(editStatus(controller.getState(), '0:01')).toBe('Editing 2 lines in gedit…');
    api.emit('pipeline.event', { requestId, event: { type: 'result', result: { code: 'A\nb\n', language: 'text', answer: '', intent: 'refactor', transcript: 't', complete: true, finishReason: 'STOP', cached: null, historyId: null, timings: {}, edit: { before: 'a\nb\n', after: 'A\nb\n', app: 'gedit' } } } });
    expect(editStatus(controller.getState(), '0:01')).toBe('Edit of 2 lines in gedit ready');
    await expect(controller.resultAction('apply')).resolves.toEqual({ ok: true });
    api.actionAnswer = { ok: false, message: 'The selection changed: copied instead.' };
    await expect(controller.resultAction('dismiss')).resolves.toEqual({ ok: false, message: 'The selection changed: copied instead.' });
    expect(api.calls.filter((c) => c.method === 'result.action').map((c) => c.params)).toEqual([{ requestId, action: 'apply' }, { requestId, action: 'dismiss' }]);
    controller.dismiss();
    await expect(controller.resultAction('apply')).resolves.toEqual({ ok: false });
    controller.dispose();
  });
});

// The model capability table and the settings migration away from deprecated model names.
import { describe, expect, it } from 'vitest';
import { capabilityOf, leastThinking } from '../../main/config/models.js';
import { loadConfig } from '../../main/config/load.js';

describe('model capability table', () => {
  it('gives each family its own least-thinking form, never both fields', () => {
    expect(leastThinking('gemini-3.8-flash').config).toEqual({ thinkingLevel: 'MINIMAL' });
    expect(leastThinking('gemini-3.5-flash-lite').config).toEqual({ thinkingLevel: 'MINIMAL' });
    expect(leastThinking('models/gemini-3.8-flash-preview').config).toEqual({ thinkingLevel: 'MINIMAL' });
    expect(leastThinking('gemini-2.5-flash').config).toEqual({ thinkingBudget: 0 });
    expect(leastThinking('gemini-3.5-pro').config).toEqual({ thinkingLevel: 'LOW' });
    expect(leastThinking('gemini-3.5-transcribe')).toEqual({ config: undefined, known: true });
    expect(leastThinking('my-proxy-model')).toEqual({ config: undefined, known: false });
  });

  it('knows which models are Live and which REST', () => {
    expect(capabilityOf('gemini-3.5-transcribe-live')?.api).toBe('live');
    expect(capabilityOf('gemini-3.5-transcribe')?.api).toBe('rest');
    expect(capabilityOf('gemini-3.5-flash')?.forwardedTo).toBe('gemini-3.6-flash');
  });
});

describe('settings defaults and migration', () => {
  it('defaults to gemini-3.8-flash for code and gemini-3.5-flash-lite for intent assist', () => {
    const s = loadConfig({});
    expect(s.gemini.models).toEqual({ live: 'gemini-3.5-transcribe-live', batchTranscribe: 'gemini-3.5-transcribe', codegen: 'gemini-3.8-flash', intentAssist: 'gemini-3.5-flash-lite' });
  });

  it('migrates stored settings naming the deprecated gemini-3.5-flash, in the models and in each instance', () => {
    const s = loadConfig({ gemini: { models: { codegen: 'gemini-3.5-flash' }, instances: [{ name: 'work', models: { codegen: 'gemini-3.5-flash', intentAssist: 'gemini-3.5-flash' } }] } });
    expect(s.gemini.models.codegen).toBe('gemini-3.8-flash');
    expect(s.gemini.instances[0]?.models).toMatchObject({ codegen: 'gemini-3.8-flash', intentAssist: 'gemini-3.8-flash' });
  });

  it('leaves other stored model names alone', () => {
    expect(loadConfig({ gemini: { models: { codegen: 'gemini-2.5-flash' } } }).gemini.models.codegen).toBe('gemini-2.5-flash');
  });
});

// The simulator's edits: it recognises the app's edit prompt and changes the selection it was sent, in its language, never a canned answer.
import { describe, expect, it } from 'vitest';
import { editAnswer, parseEditPrompt } from '../../main/gemini-sim/code-edit.js';
import { buildEditPrompt } from '../../main/pipeline/edit-prompt.js';
import { extractCode } from '../../main/pipeline/extract-code.js';

const edit = (instruction: string, selection: string, language: string): string => {
  const p = buildEditPrompt({ transcript: instruction, selection, language });
  const answer = editAnswer(p.prompt, p.systemInstruction);
  if (answer === undefined) throw new Error('not recognised as an edit prompt');
  return extractCode(answer, language).code;
};

describe('simulated Gemini edits the selection it is sent', () => {
  it('recognises only the edit prompt, and reads the selection back exactly (longer fences, CRLF)', () => {
    expect(parseEditPrompt('Request: "write a function"\n\nLanguage: TypeScript')).toBeUndefined();
    const selection = 'const s = "```";\r\nreturn s;';
    const p = buildEditPrompt({ transcript: 'x', selection, language: 'typescript' });
    expect(parseEditPrompt(p.prompt, p.systemInstruction)).toEqual({ instruction: 'x', selection: 'const s = "```";\nreturn s;', language: 'typescript' });
  });

  it('renames inside identifiers, keeping each one\'s case style', () => {
    const code = edit('rename user to account', 'const userId = getUser(user);\nconst USER_MAX = 3; // username stays\n', 'typescript');
    expect(code).toBe('const accountId = getAccount(account);\nconst ACCOUNT_MAX = 3; // username stays');
    expect(edit('rename user id to account key', 'user_id = load_user_id()', 'python')).toBe('account_key = load_account_key()');
  });

  it('makes the function async the way its language does', () => {
    expect(edit('make this async', 'function load(id: string): User {\n  return fetch(id);\n}', 'typescript')).toBe('async function load(id: string): Promise<User> {\n  return await fetch(id);\n}');
    expect(edit('make this async', 'def load(id):\n    time.sleep(1)', 'python')).toBe('async def load(id):\n    await asyncio.sleep(1)');
    expect(edit('make this async', 'fn load(id: u32) -> User {\n    todo!()\n}', 'rust')).toBe('async fn load(id: u32) -> User {\n    todo!()\n}');
  });

  it('adds a parameter named in the language\'s convention, with a default after defaults', () => {
    expect(edit('add a parameter max speed', 'function move(car) {\n  car.go();\n}', 'typescript')).toBe('function move(car, maxSpeed: number) {\n  car.go();\n}');
    expect(edit('add a parameter max speed', 'def move(car, gear=1):\n    car.go()', 'python')).toBe('def move(car, gear=1, max_speed: float = 0.0):\n    car.go()');
    expect(edit('add a parameter max speed', 'func Move(car Car) {\n}', 'go')).toBe('func Move(car Car, maxSpeed float64) {\n}');
  });

  it('wraps the body in the language\'s error handling', () => {
    expect(edit('handle the error', 'function save(x) {\n  write(x);\n}', 'javascript')).toBe('function save(x) {\n  try {\n    write(x);\n  } catch (error) {\n    console.error(error);\n    throw error;\n  }\n}');
    expect(edit('handle the error', 'def save(x):\n    write(x)', 'python')).toBe('def save(x):\n    try:\n        write(x)\n    except Exception as error:\n        raise RuntimeError(f"failed: {error}") from error');
  });

  it('adds types to untyped parameters, from defaults where it can', () => {
    expect(edit('add types', 'function area(w, h = 1, label = "") {}', 'typescript')).toBe('function area(w: unknown, h: number = 1, label: string = "") {}');
  });

  it('says honestly when it has no recipe, and keeps the selection', () => {
    expect(edit('sort the imports', 'import b from "b";\nimport a from "a";', 'typescript')).toBe('// Simulated Gemini has no edit recipe for "sort the imports": the selection is unchanged.\nimport b from "b";\nimport a from "a";');
    expect(edit('make this async', 'public int load() { return 1; }', 'java')).toMatch(/^\/\/ Simulated Gemini: no async recipe for java; the selection is unchanged\.\npublic int load/);
  });
});

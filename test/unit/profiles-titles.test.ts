// Each editor's window title, in the formats the editors document, names the file and so the language.
import { describe, expect, it } from 'vitest';
import {
  fileFromTitle, languageOfFile, parseJetBrainsTitle, parseSublimeTitle, parseVimTitle, parseVsCodeTitle, parseXcodeTitle, parseZedTitle,
} from '../../main/profiles/editor-titles.js';

describe('editor window titles', () => {
  it('VS Code: ${dirty}${activeEditorShort} - ${rootName} - Visual Studio Code, on every OS and fork', () => {
    expect(parseVsCodeTitle('app.py - proj - Visual Studio Code')).toEqual({ editor: 'vscode', file: 'app.py', language: 'python' });
    expect(parseVsCodeTitle('● main.go - server - Visual Studio Code')?.language).toBe('go');
    expect(parseVsCodeTitle('lib.rs — crate — Visual Studio Code')?.language).toBe('rust');
    expect(parseVsCodeTitle('index.tsx - web - Code - OSS')?.language).toBe('typescript');
    expect(parseVsCodeTitle('App.java - VSCodium')?.language).toBe('java');
    expect(parseVsCodeTitle('Welcome - proj - Visual Studio Code')).toBeUndefined();
    expect(parseVsCodeTitle('app.py - proj - Sublime Text')).toBeUndefined();
  });

  it('JetBrains: "project – file" (2020+) and the older "project [path] - …/file [module] - IDE"', () => {
    expect(parseJetBrainsTitle('proj – app.py', true)).toEqual({ editor: 'jetbrains', file: 'app.py', language: 'python' });
    expect(parseJetBrainsTitle('shop [~/src/shop] - .../src/main/kotlin/Cart.kt [shop.main] - IntelliJ IDEA')?.language).toBe('kotlin');
    expect(parseJetBrainsTitle('proj – Program.cs', true)?.language).toBe('csharp');
    expect(parseJetBrainsTitle('proj – app.py')).toBeUndefined();
  });

  it('Sublime Text: "file - Sublime Text", "path/file • (project) - Sublime Text"', () => {
    expect(parseSublimeTitle('app.rb - Sublime Text')?.language).toBe('ruby');
    expect(parseSublimeTitle('~/proj/query.sql • (proj) - Sublime Text')).toEqual({ editor: 'sublime', file: 'query.sql', language: 'sql' });
    expect(parseSublimeTitle('untitled - Sublime Text')).toBeUndefined();
  });

  it('Zed: "project — file"', () => {
    expect(parseZedTitle('proj — server.ts')?.language).toBe('typescript');
    expect(parseZedTitle('proj')).toBeUndefined();
  });

  it('Xcode: "project — file" and "file — Edited"', () => {
    expect(parseXcodeTitle('MyApp — ContentView.swift')?.language).toBe('swift');
    expect(parseXcodeTitle('AppDelegate.swift — Edited')?.file).toBe('AppDelegate.swift');
  });

  it("Vim and Neovim in a terminal's title: \"filename [+=-] (path) - VIM\"", () => {
    expect(parseVimTitle('app.py (~/proj) - VIM')).toEqual({ editor: 'vim', file: 'app.py', language: 'python' });
    expect(parseVimTitle('main.c + (~/src) - VIM1')?.language).toBe('c');
    expect(parseVimTitle('init.lua (~/.config/nvim) - NVIM')).toBeUndefined();
    expect(parseVimTitle('deploy.sh =+ (~/ops) - Nvim')?.language).toBe('bash');
    expect(parseVimTitle('user@host: ~')).toBeUndefined();
  });

  it('picks the parser by app name, and by the title alone for editors that sign their titles', () => {
    expect(fileFromTitle(['jetbrains-pycharm'], 'proj – app.py')?.editor).toBe('jetbrains');
    expect(fileFromTitle(['Zed', 'dev.zed.Zed'], 'proj — app.py')?.editor).toBe('zed');
    expect(fileFromTitle(['code', 'Code'], 'app.py - proj - Visual Studio Code')?.language).toBe('python');
    expect(fileFromTitle(['gedit'], 'notes')).toBeUndefined();
  });

  it('maps extensions to languages, case-insensitively, ignoring directories', () => {
    expect(languageOfFile('/a/b/App.TSX')).toBe('typescript');
    expect(languageOfFile('C:\\src\\x.ps1')).toBe('powershell');
    expect(languageOfFile('Makefile')).toBeUndefined();
  });

  it('reads a hostile 1 MB title in linear time (bounded to its first 1,024 characters)', () => {
    const title = `${'a - '.repeat(250_000)}x.py - Visual Studio Code`;
    expect(parseVsCodeTitle(title)).toBeUndefined();
    expect(parseVimTitle(`${' ('.repeat(500_000)} - VIM`)).toBeUndefined();
  });
});

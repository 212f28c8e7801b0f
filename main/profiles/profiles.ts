// App profiles: which output a request gets from the app that had focus at hotkey down (user rules first, then the built-in ones).
import type { LanguageId } from '../config/schema.js';
import { fileFromTitle, parseVimTitle } from './editor-titles.js';
import { MAX_SUBJECT_CHARS, globMatch } from './glob.js';
import { isTerminal, matchesApp } from './terminal-apps.js';

export const OUTPUT_STYLES = ['code', 'shell', 'markdown'] as const;
export type OutputStyle = (typeof OUTPUT_STYLES)[number];

/** The focused window at hotkey down, as the platform could read it. Wayland tells no app this: `available` false. */
export interface FocusContext {
  available: boolean;
  /** App or process name ("code", "xterm", "Slack"). */
  app?: string;
  /** X11 WM_CLASS, macOS bundle id. */
  windowClass?: string;
  /** The window title: used locally to pick a profile; sent to Gemini only when the user turned that on. */
  title?: string;
  /** Every name the platform gave (class, process, app, bundle id), for pattern matching. */
  names: readonly string[];
}

/** A user's rule from Settings (profiles.rules). Patterns are '*' globs; without '*' an app name is matched whole and a title as a substring (glob.ts). */
export interface ProfileRule {
  name: string;
  /** Matched against the app name, class and process. */
  app?: string | undefined;
  /** Matched against the window title. */
  title?: string | undefined;
  language?: LanguageId | undefined;
  style?: OutputStyle | undefined;
  /** 'off': never paste into this app (the result stays on the clipboard). */
  paste?: 'auto' | 'off' | undefined;
  /** Another paste shortcut for this app ("shift+insert"). */
  shortcut?: string | undefined;
  /** A line added to the prompt ("Use tabs for indentation."). */
  prompt?: string | undefined;
}

/** The profile a request runs with; shown in the overlay ("Terminal: shell command"). */
export interface AppliedProfile {
  /** "builtin:terminal", "builtin:editor", "builtin:chat", "builtin:default", or "user:<index>". */
  id: string;
  label: string;
  style: OutputStyle;
  language?: LanguageId;
  paste: boolean;
  shortcut?: string;
  promptLine?: string;
  /** The file the editor's title names (local only, for the label). */
  file?: string;
}

export interface ResolveOptions {
  rules: readonly ProfileRule[];
  /** The user's shell for terminal output ("bash", "zsh", "fish", "powershell"); bash when unknown. */
  shell?: string;
}

export const DEFAULT_PROFILE: AppliedProfile = { id: 'builtin:default', label: 'Default: code', style: 'code', paste: true };

const STYLE_WORDS: Record<OutputStyle, string> = { code: 'code', shell: 'shell command', markdown: 'markdown' };
const CHAT_APPS = ['slack', 'discord', 'teams', 'element', 'telegram', 'mattermost', 'zulip'];
const CHAT_TITLES = ['chatgpt', 'claude', 'gemini', 'slack', 'discord'];
const BROWSERS = ['firefox', 'chrom', 'brave', 'safari', 'msedge', 'microsoft-edge', 'vivaldi', 'opera', 'arc'];

/** The language a shell's commands are written in. */
export function shellLanguage(shell: string | undefined): LanguageId {
  const s = (shell ?? '').toLowerCase();
  return s.includes('pwsh') || s.includes('powershell') ? 'powershell' : 'bash';
}

function ruleMatches(rule: ProfileRule, focus: FocusContext): boolean {
  if (rule.app === undefined && rule.title === undefined) return false;
  // An app pattern without '*' names an app as the terminal list does (exact, "name-…", "….name"); with '*' it is a glob.
  const app = rule.app;
  if (app !== undefined && !(app.includes('*') ? focus.names.some((n) => globMatch(app, n)) : matchesApp(focus.names, [app]) !== undefined)) return false;
  if (rule.title !== undefined && !globMatch(rule.title, focus.title ?? '')) return false;
  return true;
}

function fromRule(rule: ProfileRule, index: number, builtin: AppliedProfile): AppliedProfile {
  const style = rule.style ?? builtin.style;
  const language = rule.language ?? builtin.language;
  return {
    id: `user:${index}`,
    label: `${rule.name}: ${STYLE_WORDS[style]}${language && style === 'code' ? ` (${language})` : ''}`,
    style,
    ...(language ? { language } : {}),
    paste: rule.paste !== 'off',
    ...(rule.shortcut ? { shortcut: rule.shortcut } : {}),
    ...(rule.prompt ? { promptLine: rule.prompt } : {}),
    ...(builtin.file ? { file: builtin.file } : {}),
  };
}

/** The built-in profile for a window: an editor's file (Vim in a terminal included), a terminal, a chat, or the default. */
export function builtinProfile(focus: FocusContext | undefined, shell?: string): AppliedProfile {
  if (focus === undefined || !focus.available) return DEFAULT_PROFILE;
  const title = focus.title?.slice(0, MAX_SUBJECT_CHARS);
  const terminal = isTerminal(focus.names);
  const edited = terminal ? (title ? parseVimTitle(title) : undefined) : fileFromTitle(focus.names, title);
  if (edited) return { id: 'builtin:editor', label: `Editor: ${edited.language} (${edited.file})`, style: 'code', language: edited.language, paste: true, file: edited.file };
  if (terminal) return { id: 'builtin:terminal', label: 'Terminal: shell command', style: 'shell', language: shellLanguage(shell), paste: true };
  const names = focus.names.map((n) => n.toLowerCase());
  const lowerTitle = (title ?? '').toLowerCase();
  const chatApp = names.some((n) => CHAT_APPS.some((c) => n.includes(c)));
  const browserChat = names.some((n) => BROWSERS.some((b) => n.includes(b))) && CHAT_TITLES.some((c) => lowerTitle.includes(c));
  if (chatApp || browserChat) return { id: 'builtin:chat', label: 'Chat: markdown', style: 'markdown', paste: true };
  return DEFAULT_PROFILE;
}

/** The profile for a window: the first user rule that matches (refining the built-in one), else the built-in one. */
export function resolveProfile(focus: FocusContext | undefined, options: ResolveOptions): AppliedProfile {
  const builtin = builtinProfile(focus, options.shell);
  if (focus === undefined || !focus.available) return builtin;
  const index = options.rules.findIndex((rule) => ruleMatches(rule, focus));
  return index < 0 ? builtin : fromRule(options.rules[index] as ProfileRule, index, builtin);
}

/** The built-in profiles the overlay offers for switching this request, by id. */
export function switchableProfiles(shell?: string): AppliedProfile[] {
  return [
    DEFAULT_PROFILE,
    { id: 'builtin:terminal', label: 'Terminal: shell command', style: 'shell', language: shellLanguage(shell), paste: true },
    { id: 'builtin:chat', label: 'Chat: markdown', style: 'markdown', paste: true },
  ];
}

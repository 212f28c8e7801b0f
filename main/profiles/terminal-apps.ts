// Which apps are terminals (pasted shell commands must not run by themselves), and the text they are given; pure, shared by the paste path and the profiles.

/**
 * Window classes, process names and macOS app names of common terminals, lower case. A target name matches an
 * entry exactly, or as a prefix before "-" (gnome-terminal-server, wezterm-gui) or a suffix after "." (the
 * reverse-DNS classes org.wezfurlong.wezterm, com.mitchellh.ghostty, com.googlecode.iterm2).
 */
export const DEFAULT_TERMINAL_APPS: readonly string[] = [
  'gnome-terminal', 'konsole', 'xterm', 'uxterm', 'alacritty', 'kitty', 'wezterm', 'tilix', 'terminator',
  'urxvt', 'rxvt', 'foot', 'footclient', 'xfce4-terminal', 'mate-terminal', 'lxterminal', 'qterminal',
  'terminology', 'sakura', 'guake', 'tilda', 'yakuake', 'st', 'st-256color', 'ghostty', 'kgx', 'ptyxis',
  'blackbox', 'cool-retro-term', 'hyper', 'tabby', 'warp', 'rio', 'contour', 'deepin-terminal', 'eterm',
  'iterm2', 'iterm', 'terminal', 'com.apple.terminal',
  'windowsterminal', 'windows terminal', 'openconsole', 'conhost', 'powershell', 'pwsh', 'cmd', 'mintty', 'conemu', 'conemu64',
];

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/\.exe$/, '');
}

/** Whether any of the names matches an entry of the list (case-insensitive, see DEFAULT_TERMINAL_APPS). */
export function matchesApp(names: readonly string[], entries: readonly string[]): string | undefined {
  const wanted = entries.map(normalise).filter((e) => e.length > 0);
  for (const raw of names) {
    const name = normalise(raw);
    if (name.length === 0) continue;
    const hit = wanted.find((e) => name === e || name.startsWith(`${e}-`) || name.endsWith(`.${e}`));
    if (hit !== undefined) return hit;
  }
  return undefined;
}

export function isTerminal(names: readonly string[], extraTerminalApps: readonly string[] = []): boolean {
  return matchesApp(names, [...DEFAULT_TERMINAL_APPS, ...extraTerminalApps]) !== undefined;
}

/**
 * The text a terminal is given: without trailing newlines (or trailing blank lines), so a pasted command waits for
 * the user's Enter instead of running. Inner newlines stay: shells with bracketed paste (bash 5.1+, zsh, fish) hold
 * a multi-line paste until Enter too.
 */
export function textForTerminal(text: string): string {
  // A loop, not /[\r\n\t ]+$/: that expression restarts at every character of an inner whitespace run and reads the
  // run to its end each time (quadratic in the run's length).
  let end = text.length;
  while (end > 0) {
    const c = text.charCodeAt(end - 1);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    end--;
  }
  return end === text.length ? text : text.slice(0, end);
}

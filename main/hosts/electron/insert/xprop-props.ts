// Reads a window's class, process id and title from one `xprop -id` call (one process instead of three xdotool calls at hotkey down).

export interface WindowProps {
  /** WM_CLASS class part ("XTerm"), then instance ("xterm"). */
  windowClass?: string;
  instance?: string;
  pid?: string;
  /** _NET_WM_NAME (UTF-8), else WM_NAME. */
  title?: string;
}

/** The properties asked for, in this order. */
export const XPROP_ARGS = ['WM_CLASS', '_NET_WM_PID', '_NET_WM_NAME', 'WM_NAME'] as const;

/** A title longer than this is cut: apps can set anything, and the profile parsers read only the first 1,024 characters. */
const MAX_TITLE_CHARS = 4_096;

/** xprop prints strings quoted, with \" \\ and \ooo (octal bytes) escapes; one pass over the text. */
function unquote(quoted: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < quoted.length; i++) {
    const c = quoted.charCodeAt(i);
    if (c === 0x5c && i + 1 < quoted.length) {
      const next = quoted.slice(i + 1, i + 4);
      if (/^[0-7]{3}$/.test(next)) {
        bytes.push(parseInt(next, 8));
        i += 3;
        continue;
      }
      i++;
    }
    const ch = quoted[i] ?? '';
    bytes.push(...Buffer.from(ch, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The quoted strings of one xprop value: `"xterm", "XTerm"` → ['xterm', 'XTerm']. Linear: each character is read once. */
function quotedStrings(value: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && start >= 0) {
      i++;
      continue;
    }
    if (c !== '"') continue;
    if (start < 0) start = i + 1;
    else {
      out.push(unquote(value.slice(start, i)));
      start = -1;
    }
  }
  return out;
}

export function parseXprop(stdout: string): WindowProps {
  const props: WindowProps = {};
  let wmName: string | undefined;
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf(' = ');
    if (eq < 0) continue;
    const name = line.slice(0, line.indexOf('('));
    const value = line.slice(eq + 3);
    if (name === 'WM_CLASS') {
      const [instance, klass] = quotedStrings(value);
      if (klass) props.windowClass = klass;
      if (instance) props.instance = instance;
    } else if (name === '_NET_WM_PID') {
      if (/^\d+$/.test(value.trim())) props.pid = value.trim();
    } else if (name === '_NET_WM_NAME') {
      props.title = quotedStrings(value)[0]?.slice(0, MAX_TITLE_CHARS);
    } else if (name === 'WM_NAME') {
      wmName = quotedStrings(value)[0]?.slice(0, MAX_TITLE_CHARS);
    }
  }
  if (props.title === undefined && wmName !== undefined) props.title = wmName;
  return props;
}

// Text a terminal receives: escape sequences and C0/C1 controls (other than tab and newline) removed, in one linear pass.

export interface TerminalText {
  text: string;
  /** How many escape sequences and control characters were removed (a CR of a CRLF is a line end, not counted). */
  removed: number;
}

const ESC = 0x1b;
const BEL = 0x07;
const CAN = 0x18;
const SUB = 0x1a;
/** 8-bit String Terminator. */
const ST = 0x9c;

/** Characters kept as they are: printable ASCII, tab, newline, and everything above the C1 range. */
function isPlain(c: number): boolean {
  return (c >= 0x20 && c < 0x7f) || c === 0x09 || c === 0x0a || c > 0x9f;
}

/** Past a CSI's parameter bytes (0x30-0x3F), intermediate bytes (0x20-0x2F) and final byte (0x40-0x7E) from `i`. */
function skipCsi(text: string, i: number): number {
  let j = i;
  while (j < text.length && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x3f) j++;
  while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
  const final = text.charCodeAt(j);
  return final >= 0x40 && final <= 0x7e ? j + 1 : j;
}

/**
 * Past a control string (OSC, DCS, SOS, PM, APC) from its payload at `i`: through BEL, ST (ESC \ or 0x9C), CAN or
 * SUB; before any other ESC or C1 character (which starts the next sequence); to the end when it never ends, as the
 * terminal would swallow it.
 */
function skipString(text: string, i: number): number {
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === BEL || c === ST || c === CAN || c === SUB) return j + 1;
    if (c === ESC) return text.charCodeAt(j + 1) === 0x5c ? j + 2 : j;
    if (c >= 0x80 && c <= 0x9f) return j;
  }
  return text.length;
}

/** Past the escape sequence that starts with the ESC at `i`. */
function skipEscape(text: string, i: number): number {
  const next = text.charCodeAt(i + 1);
  if (next === 0x5b) return skipCsi(text, i + 2); // ESC [
  if (next === 0x5d || next === 0x50 || next === 0x58 || next === 0x5e || next === 0x5f) return skipString(text, i + 2); // ESC ] P X ^ _
  let j = i + 1;
  // nF: intermediate bytes, then a final byte; Fp, Fe, Fs: one final byte (ESC c, ESC 7, ESC M ...).
  while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
  const final = text.charCodeAt(j);
  return final >= 0x30 && final <= 0x7e ? j + 1 : j;
}

/** Past the control or sequence at `i` (not plain). */
function skipControl(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === ESC) return skipEscape(text, i);
  if (c === 0x9b) return skipCsi(text, i + 1);
  if (c === 0x90 || c === 0x98 || c === 0x9d || c === 0x9e || c === 0x9f) return skipString(text, i + 1);
  return i + 1;
}

/**
 * Removes what a terminal would act on rather than show: an answer holding ESC[201~ ends bracketed paste early, so
 * the rest runs as typed commands; OSC 52 writes the clipboard; others retitle, recolour or reset the terminal.
 * Each character is read once (hand-written: the sequences' grammar is a small state machine, and a regex for
 * "to the terminator" would restart at every introducer).
 */
export function sanitiseForTerminal(text: string): TerminalText {
  const parts: string[] = [];
  let removed = 0;
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isPlain(c)) {
      i++;
      continue;
    }
    if (i > copied) parts.push(text.slice(copied, i));
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) {
      // CRLF: the line end stays as LF.
      i++;
    } else {
      i = skipControl(text, i);
      removed++;
    }
    copied = i;
  }
  if (copied === 0) return { text, removed };
  parts.push(text.slice(copied));
  return { text: parts.join(''), removed };
}

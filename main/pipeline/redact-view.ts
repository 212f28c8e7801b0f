// The text redaction matches on: NFKC per character, zero-width and other invisible characters dropped, with a map back to the text as typed.

/**
 * Invisible characters that can sit inside a key without showing: zero-width space/joiners, word joiner and the
 * invisible operators, BOM, soft hyphen, Mongolian vowel separator, and the bidi marks and embeddings.
 */
function isInvisible(code: number): boolean {
  return (
    (code >= 0x200b && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0x2066 && code <= 0x2069) || code === 0xfeff || code === 0x00ad || code === 0x180e
  );
}

export interface TextView {
  /** What the matchers read. */
  text: string;
  /** For each character of text, the index in the original where its source character starts (null: same text). */
  from: Int32Array | null;
  /** For each character of text, the index in the original just after its source character. */
  to: Int32Array | null;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Per BMP code: 0 not seen yet, 1 NFKC keeps it, 2 invisible (dropped), 3 NFKC maps it (see bmpMapped). */
const bmpKind = new Uint8Array(65_536);
const bmpMapped = new Map<number, string>();

function classify(code: number): number {
  let kind = bmpKind[code] as number;
  if (kind !== 0) return kind;
  if (isInvisible(code)) kind = 2;
  else if (code >= 0xd800 && code <= 0xdfff) kind = 1;
  else {
    const char = String.fromCharCode(code);
    const mapped = char.normalize('NFKC');
    kind = mapped === char ? 1 : 3;
    if (kind === 3) bmpMapped.set(code, mapped);
  }
  bmpKind[code] = kind;
  return kind;
}

/** Decodes a Uint16Array's own bytes, so in the platform's byte order (String.fromCharCode over chunks was 3x slower). */
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const decoder = new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be');
const fromCodeUnits = (units: Uint16Array): string => decoder.decode(units);

/**
 * Builds the view in one pass (linear; per-character NFKC is learnt once per distinct character). ASCII text, and
 * text where nothing changes, is its own view: no copy and no map.
 */
export function normalisedView(original: string): TextView {
  if (!NON_ASCII.test(original)) return { text: original, from: null, to: null };
  const length = original.length;
  let capacity = length + 16;
  let out = new Uint16Array(capacity);
  let from = new Int32Array(capacity);
  let to = new Int32Array(capacity);
  let n = 0;
  let changed = false;
  const grow = (extra: number): void => {
    capacity = Math.max(capacity * 2, n + extra);
    const o = new Uint16Array(capacity);
    o.set(out.subarray(0, n));
    out = o;
    const f = new Int32Array(capacity);
    f.set(from.subarray(0, n));
    from = f;
    const t = new Int32Array(capacity);
    t.set(to.subarray(0, n));
    to = t;
  };
  const emit = (mapped: string, start: number, end: number): void => {
    if (n + mapped.length > capacity) grow(mapped.length);
    for (let k = 0; k < mapped.length; k++) {
      out[n] = mapped.charCodeAt(k);
      from[n] = start;
      to[n] = end;
      n++;
    }
  };
  let i = 0;
  while (i < length) {
    const code = original.charCodeAt(i);
    if (code < 0x80 || (code < 0xd800 && bmpKind[code] === 1)) {
      if (n >= capacity) grow(1);
      out[n] = code;
      from[n] = i;
      to[n] = i + 1;
      n++;
      i++;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
      // A surrogate pair: rare enough to normalise as a string each time.
      const pair = original.slice(i, i + 2);
      const mapped = pair.normalize('NFKC');
      if (mapped !== pair) changed = true;
      emit(mapped, i, i + 2);
      i += 2;
      continue;
    }
    // Full-width ASCII forms (U+FF01..FF5E) are the common case and map by an offset.
    const fullWidth = code >= 0xff01 && code <= 0xff5e;
    const kind = fullWidth ? 1 : classify(code);
    if (kind === 1) {
      if (n >= capacity) grow(1);
      out[n] = fullWidth ? code - 0xfee0 : code;
      from[n] = i;
      to[n] = i + 1;
      n++;
      if (fullWidth) changed = true;
    } else {
      changed = true;
      if (kind === 3) emit(bmpMapped.get(code) as string, i, i + 1);
    }
    i++;
  }
  if (!changed) return { text: original, from: null, to: null };
  return { text: fromCodeUnits(out.subarray(0, n)), from: from.subarray(0, n), to: to.subarray(0, n) };
}

/** The original range [start, end) of view range [a, b) (b > a): whole source characters, and anything invisible between them. */
export function originalRange(view: TextView, a: number, b: number): readonly [number, number] {
  if (view.from === null || view.to === null) return [a, b];
  return [view.from[a] as number, view.to[b - 1] as number];
}

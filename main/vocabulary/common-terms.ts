// Names not worth a vocabulary slot: language keywords and the standard-library names every project repeats.

/**
 * Keywords and literals of the languages the scan reads (TS/JS, Python, Go, Rust, Java/Kotlin, C/C++/C#, Ruby, PHP,
 * Swift, shell). Most are one word and fall out anyway (one-word names are not kept); the list also catches the
 * compound ones (instanceof, nonlocal, elseif) whichever way they are written.
 */
const KEYWORDS = `
abstract and as assert async await boolean break byte case catch char class const continue debugger def default del
delete do double elif else elseif elsif end enum export extends false final finally float fn for from func function go
goto if impl implements import in instanceof int interface is lambda let long match mod module mut namespace native new
nil none nonlocal not null or package pass private protected pub public raise readonly return self short static struct
super switch synchronized then this throw throws trait true try type typeof undefined union unless unsafe until use var
void volatile where while with yield keyof infer declare satisfies override
`;

/**
 * Standard-library and framework names that appear in most projects of their language. They would crowd out the
 * project's own names (forEach alone is in nearly every JS file) and the transcriber gets most of them right anyway.
 * Not exhaustive: the aim is the names that top a frequency count, measured on this repository and a few Python ones.
 */
const COMMON = `
forEach toString valueOf hasOwnProperty isPrototypeOf toLowerCase toUpperCase toLocaleString indexOf lastIndexOf
startsWith endsWith padStart padEnd trimStart trimEnd charAt charCodeAt codePointAt fromCharCode localeCompare
findIndex findLast findLastIndex flatMap fromEntries isArray isInteger isFinite isNaN parseInt parseFloat toFixed
setTimeout clearTimeout setInterval clearInterval setImmediate queueMicrotask structuredClone requestAnimationFrame
addEventListener removeEventListener dispatchEvent preventDefault stopPropagation getElementById querySelector
querySelectorAll createElement appendChild removeChild innerHTML textContent classList
useState useEffect useRef useMemo useCallback useContext useReducer useLayoutEffect className onClick onChange onSubmit
readFileSync writeFileSync existsSync mkdirSync readdirSync statSync rmSync mkdtempSync unlinkSync
toISOString getTime getFullYear byteLength byteOffset
ArrayBuffer SharedArrayBuffer Uint8Array Int8Array Uint16Array Int16Array Uint32Array Int32Array Float32Array
Float64Array BigInt64Array DataView TextEncoder TextDecoder AbortController AbortSignal ReadonlyArray ReadonlyMap
ReadonlySet ReturnType InstanceType PromiseLike NodeJS TypeError RangeError SyntaxError ReferenceError EvalError
URIError AggregateError
ValueError KeyError IndexError AttributeError RuntimeError NotImplementedError StopIteration FileNotFoundError
OSError IOError ImportError ZeroDivisionError AssertionError isinstance issubclass getattr setattr hasattr
staticmethod classmethod
__init__ __name__ __main__ __dict__ __str__ __repr__ __file__
beforeAll afterAll beforeEach afterEach toBe toEqual toMatchObject toContain toHaveLength toThrow toBeUndefined
toBeDefined toBeInstanceOf toHaveBeenCalled toHaveBeenCalledWith toBeGreaterThan toBeLessThan toMatch toStrictEqual
toHaveProperty toBeNull toBeTruthy toBeFalsy
eslint-disable eslint-disable-next-line ts-ignore ts-expect-error use-strict
`;

export const KEYWORD_TERMS: ReadonlySet<string> = new Set(KEYWORDS.split(/\s+/).filter(Boolean));
export const COMMON_TERMS: ReadonlySet<string> = new Set(COMMON.split(/\s+/).filter(Boolean));

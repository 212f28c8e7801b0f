// X11: the PRIMARY selection, read only when the focused window's X client owns it (PRIMARY outlives a deselection and may belong to any window).
import { AppError, isAppError } from '../../../core/errors.js';
import { firstLine, type CommandRunner } from './command-runner.js';
import { selectionFromBytes, type SelectedText, type SelectionReader } from './selection-capture.js';

/**
 * Asks the X server who owns PRIMARY and which window has focus, through libX11 via python3's ctypes (`-S`: no site packages to load; Debian ships
 * python3 and libX11 with every X desktop; no X tool prints the selection owner). Windows are compared by X client:
 * an app's selection-owner window is a hidden window of its own, never the focused one, but both ids carry the
 * client's resource-id base (id & ~resource_mask). The mask is the Display's resource_mask, Xlib.h's `private4`
 * (Xlibint.h: resource_base, resource_mask). _NET_ACTIVE_WINDOW is checked too: under some window managers the
 * input focus sits on a frame window of the manager's own client.
 */
export const X11_OWNER_SCRIPT = String.raw`
import ctypes, json, sys
C = ctypes
try:
    x = C.CDLL('libX11.so.6')
except OSError:
    import ctypes.util
    x = C.CDLL(ctypes.util.find_library('X11'))
x.XOpenDisplay.restype = C.c_void_p; x.XOpenDisplay.argtypes = [C.c_char_p]
x.XInternAtom.restype = C.c_ulong; x.XInternAtom.argtypes = [C.c_void_p, C.c_char_p, C.c_int]
x.XGetSelectionOwner.restype = C.c_ulong; x.XGetSelectionOwner.argtypes = [C.c_void_p, C.c_ulong]
x.XGetInputFocus.argtypes = [C.c_void_p, C.POINTER(C.c_ulong), C.POINTER(C.c_int)]
x.XDefaultRootWindow.restype = C.c_ulong; x.XDefaultRootWindow.argtypes = [C.c_void_p]
x.XGetWindowProperty.argtypes = [C.c_void_p, C.c_ulong, C.c_ulong, C.c_long, C.c_long, C.c_int, C.c_ulong, C.POINTER(C.c_ulong), C.POINTER(C.c_int), C.POINTER(C.c_ulong), C.POINTER(C.c_ulong), C.POINTER(C.c_void_p)]
x.XFree.argtypes = [C.c_void_p]; x.XCloseDisplay.argtypes = [C.c_void_p]
class D(C.Structure):
    _fields_ = [('e', C.c_void_p), ('p1', C.c_void_p), ('fd', C.c_int), ('p2', C.c_int), ('ma', C.c_int), ('mi', C.c_int), ('v', C.c_char_p), ('base', C.c_ulong), ('mask', C.c_ulong)]
d = x.XOpenDisplay(None)
if not d:
    print(json.dumps({'error': 'no-display'})); sys.exit(0)
mask = C.cast(d, C.POINTER(D)).contents.mask
owner = x.XGetSelectionOwner(d, 1)
focus = C.c_ulong(0); revert = C.c_int(0)
x.XGetInputFocus(d, C.byref(focus), C.byref(revert))
active = 0
t = C.c_ulong(); f = C.c_int(); n = C.c_ulong(); after = C.c_ulong(); prop = C.c_void_p()
net_active = x.XInternAtom(d, b'_NET_ACTIVE_WINDOW', 1)
# Without a window manager the atom may not exist (0), and asking for it would be a BadAtom error.
if net_active and x.XGetWindowProperty(d, x.XDefaultRootWindow(d), net_active, 0, 1, 0, 33, C.byref(t), C.byref(f), C.byref(n), C.byref(after), C.byref(prop)) == 0 and prop.value:
    if f.value == 32 and n.value == 1: active = C.cast(prop, C.POINTER(C.c_ulong))[0]
    x.XFree(prop)
x.XCloseDisplay(d)
client = lambda w: w & ~mask
# focus 0 is None and 1 is PointerRoot: no window has focus.
mine = owner != 0 and any(w > 1 and client(w) == client(owner) for w in (focus.value, active))
print(json.dumps({'owner': owner, 'focus': focus.value, 'active': active, 'mask': mask, 'owned': mine}))
`;

export interface X11OwnerCheck {
  owner: number;
  focus: number;
  active: number;
  /** Whether PRIMARY belongs to the X client of the focused (or active) window. */
  owned: boolean;
}

export interface X11SelectionReaderOptions {
  runner: CommandRunner;
  /** python3 (PATH lookup by default). */
  python?: string;
  timeoutMs?: number;
}

export const X11_SELECTION_HINT = 'Edit by voice on X11 needs python3 (with libX11) and xclip: sudo apt install python3 xclip.';

export class X11SelectionReader implements SelectionReader {
  readonly platform = 'x11' as const;

  constructor(private readonly options: X11SelectionReaderOptions) {}

  /** Who owns PRIMARY against who has focus; throws UNAVAILABLE (details.reason 'no-tool') without python3. */
  async ownerCheck(signal?: AbortSignal): Promise<X11OwnerCheck> {
    const result = await this.options.runner.run(this.options.python ?? 'python3', ['-S', '-c', X11_OWNER_SCRIPT], { signal, timeoutMs: this.timeoutMs }).catch((error: unknown) => {
      if (isAppError(error) && error.details?.reason === 'no-tool') throw new AppError('UNAVAILABLE', `python3 is not installed. ${X11_SELECTION_HINT}`, { retryable: false, details: { reason: 'no-tool' } });
      throw error;
    });
    let parsed: Partial<X11OwnerCheck> & { error?: string };
    try {
      parsed = JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as typeof parsed;
    } catch {
      throw new AppError('UNAVAILABLE', `The X selection owner could not be read (python3: ${firstLine(result.stderr) || `exit ${result.exitCode}`}). ${X11_SELECTION_HINT}`, { retryable: false, details: { reason: 'failed' } });
    }
    if (parsed.error !== undefined) throw new AppError('UNAVAILABLE', 'No X display could be opened to read the selection.', { retryable: false, details: { reason: 'no-display' } });
    return { owner: Number(parsed.owner ?? 0), focus: Number(parsed.focus ?? 0), active: Number(parsed.active ?? 0), owned: parsed.owned === true };
  }

  async read(signal?: AbortSignal): Promise<SelectedText | undefined> {
    const check = await this.ownerCheck(signal);
    if (!check.owned) return undefined;
    const result = await this.options.runner.run('xclip', ['-selection', 'primary', '-o', '-t', 'UTF8_STRING'], { signal, timeoutMs: this.timeoutMs });
    // xclip exits 1 when the owner offers no text.
    if (result.exitCode !== 0) return undefined;
    return { text: selectionFromBytes(result.stdoutBytes), source: 'primary' };
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 2_500;
  }
}

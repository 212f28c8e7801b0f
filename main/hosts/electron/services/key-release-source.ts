// Physical key releases for push-to-talk (Electron's global shortcuts report only key down); uiohook-napi in the app.
export interface KeyReleaseSource {
  /** False where releases cannot be observed (Wayland, no Accessibility permission on macOS, module missing). */
  readonly available: boolean;
  /** Why releases are unavailable, in words a user can act on. */
  readonly reason: string | undefined;
  /** Calls the listener each time the accelerator key name (e.g. "Space", "F9") goes up; returns an unsubscribe. */
  onRelease(key: string, listener: () => void): () => void;
  dispose(): void;
}

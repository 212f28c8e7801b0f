// The big push-to-talk button: hold with the pointer or hold Space while it has focus (toggle mode: press once to start, again to stop).
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export interface PushToTalkButtonProps {
  active: boolean;
  mode: 'push-to-talk' | 'toggle';
  onPress: () => void;
  onRelease: () => void;
  compact?: boolean;
  /** A small button in a row (the overlay's bar) instead of the big round one. */
  inline?: boolean;
}

export function PushToTalkButton({ active, mode, onPress, onRelease, compact = false, inline = false }: PushToTalkButtonProps) {
  const held = useRef<'pointer' | 'key' | null>(null);

  const press = (by: 'pointer' | 'key'): void => {
    if (mode === 'toggle') {
      if (active) onRelease();
      else onPress();
      return;
    }
    if (held.current) return;
    held.current = by;
    onPress();
  };
  const release = (by: 'pointer' | 'key'): void => {
    if (mode === 'toggle' || held.current !== by) return;
    held.current = null;
    onRelease();
  };

  const onPointerDown = (e: PointerEvent<HTMLButtonElement>): void => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    press('pointer');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>): void => {
    if (e.key !== ' ' && e.key !== 'Enter') return;
    e.preventDefault();
    if (e.repeat) return;
    press('key');
  };
  const onKeyUp = (e: KeyboardEvent<HTMLButtonElement>): void => {
    if (e.key !== ' ' && e.key !== 'Enter') return;
    e.preventDefault();
    release('key');
  };

  const label = mode === 'toggle' ? (active ? 'Stop dictation' : 'Start dictation') : active ? (inline ? 'Release to send' : 'Listening… release to send') : 'Hold to talk';
  return (
    <button
      type="button"
      className={inline ? `button ptt-inline${active ? ' is-active' : ''}` : `ptt-button${active ? ' is-active' : ''}${compact ? ' is-compact' : ''}`}
      aria-pressed={active}
      aria-describedby="ptt-hint"
      onPointerDown={onPointerDown}
      onPointerUp={() => release('pointer')}
      onPointerCancel={() => release('pointer')}
      onLostPointerCapture={() => release('pointer')}
      onKeyDown={onKeyDown}
      onKeyUp={onKeyUp}
      onBlur={() => release('key')}
      onContextMenu={(e) => e.preventDefault()}
    >
      <span className="ptt-icon" aria-hidden="true">
        ●
      </span>
      <span className="ptt-label">{label}</span>
    </button>
  );
}

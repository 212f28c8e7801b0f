// The app profile a request runs with ("Terminal: shell command"), and while recording a choice of another one for this request.
import type { ProfileInfo, SwitchableProfile } from '../../../preload/contract';

const CHOICES: ReadonlyArray<{ id: SwitchableProfile; label: string }> = [
  { id: 'auto', label: 'As the app suggests' },
  { id: 'builtin:default', label: 'Code' },
  { id: 'builtin:terminal', label: 'Shell command' },
  { id: 'builtin:chat', label: 'Markdown for a chat' },
];

export interface ProfileSwitchProps {
  profile: ProfileInfo;
  /** Present while the request can still change (recording): the user may switch it. */
  onSwitch?: (id: SwitchableProfile) => void;
}

export function ProfileSwitch({ profile, onSwitch }: ProfileSwitchProps) {
  if (!onSwitch) {
    return (
      <p className="hud-profile" data-profile={profile.id}>
        {profile.label}
      </p>
    );
  }
  return (
    <p className="hud-profile" data-profile={profile.id}>
      <label>
        <span>{profile.label}</span>{' '}
        <select aria-label="Output for this request" value="" onChange={(e) => e.target.value && onSwitch(e.target.value as SwitchableProfile)}>
          <option value="">Switch…</option>
          {CHOICES.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
    </p>
  );
}

// Lists the microphones the browser can see, and asks for permission (labels are hidden until it is granted).

export interface Microphone {
  deviceId: string;
  label: string;
}

export async function listMicrophones(): Promise<Microphone[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'audioinput' && d.deviceId && d.deviceId !== 'default')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Microphone ${i + 1}` }));
}

export type PermissionOutcome = 'granted' | 'denied' | 'unavailable';

/** Opens and at once closes the microphone so the browser asks the user once. */
export async function requestMicrophonePermission(): Promise<PermissionOutcome> {
  if (!navigator.mediaDevices?.getUserMedia) return 'unavailable';
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    for (const track of stream.getTracks()) track.stop();
    return 'granted';
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    return name === 'NotFoundError' || name === 'OverconstrainedError' ? 'unavailable' : 'denied';
  }
}

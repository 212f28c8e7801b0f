// Chooses the transport at start: Electron's preload bridge when present, else the web host's WebSocket with the launch token.
import type { Api } from '../../../preload/contract';
import { takeLaunchToken } from './launch-token';
import { connectWebSocketApi } from './ws-api';

declare global {
  interface Window {
    voiceCodegen?: Api;
  }
}

export async function connectApi(): Promise<Api> {
  if (window.voiceCodegen) return window.voiceCodegen;
  const token = takeLaunchToken(window.location, window.history, window.sessionStorage);
  const url = new URL('/ws', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  url.hash = '';
  return connectWebSocketApi(url.toString(), token);
}

// Chooses the transport at start: Electron's preload bridge when present, else the web host's WebSocket.
import type { Api } from '../../../preload/contract';
import { connectWebSocketApi } from './ws-api';

declare global {
  interface Window {
    voiceCodegen?: Api;
  }
}

export async function connectApi(): Promise<Api> {
  if (window.voiceCodegen) return window.voiceCodegen;
  const url = new URL('/ws', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return connectWebSocketApi(url.toString());
}

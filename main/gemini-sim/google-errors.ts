// Google's error bodies and Live close reasons, as its servers send them.

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Request contains an invalid argument.',
  403: 'The caller does not have permission',
  404: 'Requested entity was not found.',
  429: 'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.',
  500: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  503: 'The model is overloaded. Please try again later.',
  504: 'Deadline expired before operation could complete.',
};

export interface GoogleErrorBody {
  error: { code: number; message: string; status: string; details?: Array<Record<string, unknown>> };
}

export function googleError(status: number, message?: string, options: { retryDelaySeconds?: number; reason?: string } = {}): GoogleErrorBody {
  const details: Array<Record<string, unknown>> = [];
  if (options.reason) {
    details.push({ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: options.reason, domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } });
  }
  if (status === 429) {
    details.push({
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }],
    });
    details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${options.retryDelaySeconds ?? 17}s` });
  }
  return {
    error: {
      code: status,
      message: message ?? DEFAULT_MESSAGES[status] ?? 'Unknown error.',
      status: STATUS_NAMES[status] ?? 'UNKNOWN',
      ...(details.length > 0 ? { details } : {}),
    },
  };
}

export const INVALID_KEY_MESSAGE = 'API key not valid. Please pass a valid API key.';
export const MISSING_KEY_MESSAGE =
  "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.";

export function modelNotFoundMessage(model: string, method: string): string {
  return `models/${model} is not found for API version v1beta, or is not supported for ${method}. Call ListModels to see the list of available models and their supported methods.`;
}

/** WebSocket close reasons are limited to 123 bytes; Google truncates longer ones. */
export function closeReason(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.byteLength <= 123) return text;
  let cut = 123;
  // Do not split a UTF-8 sequence.
  while (cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--;
  return bytes.subarray(0, cut).toString('utf8');
}

export const LIVE_CLOSE = {
  missingKey: { code: 1008, reason: MISSING_KEY_MESSAGE },
  invalidKey: { code: 1007, reason: INVALID_KEY_MESSAGE },
  setupFirst: { code: 1007, reason: 'Request contains an invalid argument: the first message must be setup.' },
  invalidJson: { code: 1007, reason: 'Invalid JSON payload received.' },
  textFromAudioModel: { code: 1007, reason: 'Cannot extract voices from a non-audio request.' },
  audioFromTranscribeModel: { code: 1007, reason: 'Request contains an invalid argument: this model supports only TEXT responses.' },
  unsupportedMime: (mime: string) => ({ code: 1007, reason: `Unsupported mime type: ${mime}. Send audio/pcm;rate=16000.` }),
  explicitActivity: { code: 1007, reason: 'Explicit activity control is not supported when automatic activity detection is enabled.' },
  modelNotFound: (model: string) => ({ code: 1008, reason: modelNotFoundMessage(model, 'bidiGenerateContent') }),
  deadline: { code: 1011, reason: 'Deadline expired before operation could complete.' },
  internal: { code: 1011, reason: 'Internal error encountered.' },
} as const;

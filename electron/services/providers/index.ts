import type { AdapterConfig } from './base';
import { LlamaCloudAdapter } from './llamacloud';
import { OpenAiAdapter } from './openai';
import type { ProviderAdapter } from './types';
import { VlmRunAdapter } from './vlmrun';

/** Picks the adapter for a provider's dialect; the only place that branches on it. */
export function createAdapter(config: AdapterConfig): ProviderAdapter {
  switch (config.info.dialect) {
    case 'vlmrun':
      return new VlmRunAdapter(config);
    case 'openai':
      return new OpenAiAdapter(config);
    case 'llamacloud':
      return new LlamaCloudAdapter(config);
  }
}

export type { AdapterConfig } from './base';
export type { ProviderAdapter } from './types';

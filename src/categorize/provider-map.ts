import type { ProviderId } from '../domain/types.js';
import { providerPolicy } from '../providers/registry.js';

/**
 * Provider hints mapped to the taxonomy. Each provider's own table lives with its adapter
 * (src/providers/<id>/categories.ts); this asks the provider's descriptor.
 */
export interface ProviderHint {
  provider: ProviderId;
  category: string | null;
  classification: string | null;
}

/** The taxonomy slug a provider's hint points at, or null when it says nothing certain. */
export function slugFromProvider(h: ProviderHint): string | null {
  return providerPolicy(h.provider).categoryHint({ category: h.category, classification: h.classification });
}

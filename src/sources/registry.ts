import { VaksamError } from '../errors/index.js';
import type { SourceAdapter } from './types.js';

export class SourceConfigError extends VaksamError {
  constructor(message: string, details: Record<string, unknown> = {}, cause?: unknown) {
    super('SOURCE_CONFIG_INVALID', message, { details, cause });
  }
}

/** Source kinds by name. The pipeline knows adapters only through this. */
export class SourceRegistry {
  private readonly byKind = new Map<string, SourceAdapter<unknown>>();

  constructor(adapters: SourceAdapter<any>[]) {
    for (const adapter of adapters) {
      if (this.byKind.has(adapter.kind)) throw new Error(`source kind '${adapter.kind}' registered twice`);
      this.byKind.set(adapter.kind, adapter as SourceAdapter<unknown>);
    }
  }

  kinds(): string[] {
    return [...this.byKind.keys()].sort();
  }

  adapters(): SourceAdapter<unknown>[] {
    return this.kinds().map((k) => this.byKind.get(k)!);
  }

  get(kind: string): SourceAdapter<unknown> {
    const adapter = this.byKind.get(kind);
    if (!adapter) throw new SourceConfigError(`unknown source kind '${kind}'; known kinds: ${this.kinds().join(', ')}`, { kind });
    return adapter;
  }

  /** Validates a source's stored or submitted config against its kind's schema, naming each bad key. */
  parseConfig(kind: string, raw: unknown, sourceName = kind): unknown {
    const result = this.get(kind).configSchema.safeParse(raw);
    if (result.success) return result.data;
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`).join('; ');
    throw new SourceConfigError(`source '${sourceName}' (${kind}) has an invalid config: ${problems}`, { kind }, result.error);
  }
}

import { readFile } from 'node:fs/promises';
import { parseThreatModel, ThreatModelError, type ThreatModel } from './model.js';

/** Largest model file read: 2^17 weights as base64 are about 175 KiB; anything far bigger is not ours. */
const MAX_MODEL_BYTES = 8 * 1024 * 1024;

/** Reads and validates a weights file (config/threat-model.json); errors name the file. */
export async function loadThreatModelFile(path: string): Promise<ThreatModel> {
  let text: string;
  try {
    const buffer = await readFile(path);
    if (buffer.length > MAX_MODEL_BYTES) throw new ThreatModelError(`${path}: ${buffer.length} bytes, more than the ${MAX_MODEL_BYTES} a model file may have`, { details: { path } });
    text = buffer.toString('utf8');
  } catch (cause) {
    if (cause instanceof ThreatModelError) throw cause;
    throw new ThreatModelError(`${path}: cannot read the threat model (${(cause as Error).message}); set threats.model.file, or threats.model.enabled: false`, { cause, details: { path } });
  }
  return parseThreatModel(text, path);
}

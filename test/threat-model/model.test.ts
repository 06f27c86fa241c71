import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FIT,
  fitThreatModel,
  loadThreatModelFile,
  modelOpinion,
  parseThreatModel,
  scoreBand,
  scoreText,
  serialiseThreatModel,
  textFeatures,
  ThreatModelError,
  trainLogistic,
  type LabelledText,
  type ThreatModel,
} from '../../src/threat-model/index.js';

const FEATURES = { dim: 1 << 12, charMin: 3, charMax: 4 };
const OPTIONS = { ...DEFAULT_FIT, features: FEATURES, folds: 3, training: { ...DEFAULT_FIT.training, epochs: 6 } };

function examples(): LabelledText[] {
  const threats = ['Vi vet var handläggaren bor, hon ska få betala', 'Socialsekreteraren kommer inte leva länge', 'I will make the social worker pay in blood', 'We know where the caseworker lives', 'سنحرق مكتب السوسيال', 'De på soc ska få ångra att de föddes'];
  const benign = ['Socialtjänsten håller öppet hus på måndag', 'The social services office opens at nine', 'Kommunen anställer fler socialsekreterare', 'Vi skjuter upp mötet till fredag', 'مكتب الخدمات الاجتماعية مفتوح اليوم', 'Read the report on foster care quality'];
  const offensive = ['you are such an idiot lol', 'what a stupid game that was', 'this team is garbage honestly'];
  return [
    ...threats.map((text, i) => ({ source: 'set', id: `t${i}`, text, positive: true, tunesThreshold: true })),
    ...benign.map((text, i) => ({ source: 'set', id: `b${i}`, text, positive: false, tunesThreshold: true })),
    ...offensive.map((text, i) => ({ source: 'olid', id: `o${i}`, text, positive: false, offensive: true })),
  ];
}

describe('training', () => {
  it('gives the same weights, version and file, bit for bit, when run twice on the same examples', () => {
    const a = fitThreatModel(examples(), OPTIONS);
    const b = fitThreatModel(examples(), OPTIONS);
    expect(a.version).toBe(b.version);
    expect(serialiseThreatModel(a)).toBe(serialiseThreatModel(b));
  });

  it('changes the weights when the seed changes', () => {
    const vectors = examples().map((e) => ({ features: textFeatures(e.text, FEATURES), label: (e.positive ? 1 : 0) as 0 | 1, weight: 1 }));
    const a = trainLogistic(vectors, { ...OPTIONS.training, dim: FEATURES.dim, seed: 1 });
    const b = trainLogistic(vectors, { ...OPTIONS.training, dim: FEATURES.dim, seed: 2 });
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(false);
  });

  it('records the training data digest, the examples per source and why the threshold was chosen', () => {
    const model = fitThreatModel(examples(), OPTIONS);
    expect(model.training.digest).toMatch(/^[0-9a-f]{64}$/u);
    expect(model.training.examples).toEqual({ set: { positive: 6, negative: 6 }, olid: { positive: 0, negative: 3 } });
    expect(model.training.threshold.value).toBe(model.threshold);
    expect(model.threshold).toBeGreaterThan(0);
    expect(model.threshold).toBeLessThan(1);
    expect(model.training.threshold.reason).toMatch(/F2/u);
  });

  it('changes the digest when a label changes', () => {
    const flipped = examples().map((e, i) => (i === 0 ? { ...e, positive: false } : e));
    expect(fitThreatModel(flipped, OPTIONS).training.digest).not.toBe(fitThreatModel(examples(), OPTIONS).training.digest);
  });

  it('learns to score its threats above its benign posts', () => {
    const model = fitThreatModel(examples(), OPTIONS);
    const threat = scoreText(model, 'Vi vet var handläggaren bor, hon ska få betala');
    const benign = scoreText(model, 'Socialtjänsten håller öppet hus på måndag');
    expect(threat).toBeGreaterThan(benign);
  });
});

describe('the weights file', () => {
  it('reads back what it wrote: same version and the same score for a text', () => {
    const model = fitThreatModel(examples(), OPTIONS);
    const read = parseThreatModel(serialiseThreatModel(model), 'model.json');
    expect(read.version).toBe(model.version);
    expect(scoreText(read, 'hon ska få betala')).toBe(scoreText(model, 'hon ska få betala'));
  });

  it.each([
    ['not JSON', '{', /model\.json: not JSON/u],
    ['another format', JSON.stringify({ format: 'other' }), /model\.json: not a vaksam-threat-model\/1 file: format/u],
  ])('rejects %s, naming the file', (_name, text, message) => {
    expect(() => parseThreatModel(text, 'model.json')).toThrow(ThreatModelError);
    expect(() => parseThreatModel(text, 'model.json')).toThrow(message);
  });

  it('rejects weights whose count differs from the dimension', () => {
    const file = JSON.parse(serialiseThreatModel(fitThreatModel(examples(), OPTIONS))) as Record<string, unknown>;
    file.weights = Buffer.from(new Int8Array(8).buffer).toString('base64');
    expect(() => parseThreatModel(JSON.stringify(file), 'model.json')).toThrow(/weights hold 8 values, features\.dim says 4096/u);
  });

  it('ships config/threat-model.json, loadable, with a version, a digest of its data and a threshold', async () => {
    const model = await loadThreatModelFile('config/threat-model.json');
    expect(model.version).toMatch(/^tm-[0-9a-f]{12}$/u);
    expect(model.training.digest).toMatch(/^[0-9a-f]{64}$/u);
    expect(model.training.examples['threats-tune']?.positive).toBeGreaterThan(100);
  });

  it('names the file when it cannot be read', async () => {
    await expect(loadThreatModelFile('/nonexistent/model.json')).rejects.toThrow(/\/nonexistent\/model\.json: cannot read the threat model/u);
  });
});

describe('modelOpinion: a second opinion that can only raise', () => {
  const model: ThreatModel = { ...fitThreatModel(examples(), OPTIONS), threshold: 0.5 };
  const certain: ThreatModel = { ...model, bias: 50 };
  const never: ThreatModel = { ...model, bias: -50 };

  it.each(['none', 'low'] as const)('suggests a post the rules left at %s when the score reaches the threshold', (level) => {
    expect(modelOpinion(certain, level, 'text')).toMatchObject({ score: 1, suggested: true, modelVersion: model.version });
  });

  it.each(['medium', 'high', 'critical'] as const)('never suggests a post the rules already put at %s (it is in the queue by their decision)', (level) => {
    expect(modelOpinion(certain, level, 'text').suggested).toBe(false);
  });

  it('does not suggest below the threshold', () => {
    expect(modelOpinion(never, 'none', 'text')).toMatchObject({ score: 0, suggested: false });
  });

  it('uses a configured threshold instead of the tuned one', () => {
    const score = modelOpinion(model, 'none', 'Vi vet var handläggaren bor').score;
    expect(modelOpinion(model, 'none', 'Vi vet var handläggaren bor', undefined, score).suggested).toBe(true);
    expect(modelOpinion(model, 'none', 'Vi vet var handläggaren bor', undefined, Math.min(1, score + 0.001)).suggested).toBe(false);
  });

  it.each([
    [0, '0.0-0.5'],
    [0.5, '0.5-0.7'],
    [0.75, '0.7-0.8'],
    [0.87, '0.8-0.9'],
    [0.9, '0.9-1.0'],
    [1, '0.9-1.0'],
  ])('puts score %s in band %s', (score, band) => {
    expect(scoreBand(score)).toBe(band);
  });
});

describe('textFeatures', () => {
  it('bounds the work on a huge post', () => {
    const features = textFeatures('hot '.repeat(500_000), FEATURES);
    expect(features.indices.length).toBeLessThan(FEATURES.dim);
  });

  it('gives a misspelt word most of the n-grams of the word', () => {
    const a = new Set(textFeatures('socialsekreteraren', FEATURES).indices);
    const b = textFeatures('sosialsekreteraren', FEATURES).indices;
    expect([...b].filter((i) => a.has(i)).length / b.length).toBeGreaterThan(0.5);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogueDir } from '../../src/catalogue/index.js';
import { createClassifier, type Classifier } from '../../src/classify/index.js';
import { ordinaryPosts } from '../bench/ordinary-posts.js';

let classifier: Classifier;
beforeAll(async () => {
  classifier = createClassifier(await loadCatalogueDir('config/narratives'));
});

describe('the ordinary posts of the classify bench', () => {
  it('are the same for the same seed', () => {
    expect(ordinaryPosts(50, 7)).toEqual(ordinaryPosts(50, 7));
    expect(ordinaryPosts(50, 7)).not.toEqual(ordinaryPosts(50, 8));
  });

  it('carry no narrative, so the bench measures the no-match path it claims to', () => {
    const carrying = ordinaryPosts(2000, 20240601).filter((text) => classifier.classify({ id: 1, text }).narratives.length > 0);
    expect(carrying).toEqual([]);
  });

  it('are in Swedish, English and Arabic', () => {
    const langs = new Set(ordinaryPosts(200, 1).map((text) => classifier.classify({ id: 1, text }).lang));
    expect([...langs].sort()).toEqual(['ar', 'en', 'sv']);
  });
});

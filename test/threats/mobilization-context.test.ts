import { beforeAll, describe, expect, it } from 'vitest';
import type { ThreatDetector } from '../../src/threats/index.js';
import { shippedDetector } from './rules.js';

/**
 * A call to gather is mobilization (medium, a case in the review queue and a heads-up to security) only when it is
 * about social services or aimed at an office, town hall or square: a parents' evening or a club meeting with a time
 * is not. Sentences written for this test.
 */
let detector: ThreatDetector;
beforeAll(async () => {
  detector = await shippedDetector();
});

describe('mobilization needs social-services context or a place', () => {
  it.each([
    'Föräldramöte på förskolan på torsdag klockan 17.30, välkomna alla föräldrar!',
    'Samling för alla scouter vid klubbstugan lördag kl 9, ta med matsäck.',
    "Parents' evening at the school on Thursday at 6pm, all parents welcome.",
    'اجتماع أولياء الأمور في المدرسة يوم الخميس الساعة السادسة، الجميع مرحب بهم.',
  ])('leaves an ordinary meeting at none: %s', (text) => {
    expect(detector.assess({ text }).level).toBe('none');
  });

  it.each([
    'Samling vid socialkontoret klockan 17 på fredag, kom alla!',
    'Alla till soc i Gävle på måndag kl 10, vi kräver våra barn tillbaka.',
    'Everyone meet outside the social services office on Friday at 10, bring signs.',
  ])('raises a call to gather at social services to mobilization: %s', (text) => {
    const assessment = detector.assess({ text });
    expect(assessment.level).toBe('medium');
    expect(assessment.categories).toContain('mobilization');
  });
});

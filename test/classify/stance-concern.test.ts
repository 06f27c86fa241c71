import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogueDir } from '../../src/catalogue/index.js';
import { createClassifier, type Classifier } from '../../src/classify/index.js';

let classifier: Classifier;
beforeAll(async () => {
  classifier = createClassifier(await loadCatalogueDir('config/narratives'));
});

function verdict(text: string): string[] {
  return classifier
    .classify({ id: 1, text })
    .narratives.map((n) => `${n.slug}:${n.stance}`)
    .sort();
}

// Issue 20 item 5: legitimate criticism and personal complaints are a stance of their own, never "spreading".
describe('the concern stance', () => {
  it.each([
    ['a Swedish parent who won an appeal and was not listened to', 'Jag överklagade beslutet om min son och fick rätt i förvaltningsrätten, men handläggaren lyssnade aldrig på oss och vi väntade i månader.', ['no-due-process:concern']],
    ['an English complaint about a caseworker', 'I appealed the decision to the administrative court and won, but our caseworker was rude and we waited months for an answer.', ['no-due-process:concern']],
    ['an Arabic complaint about an unanswered appeal', 'قدمت طلب استئناف ضد قرار السوسيال بخصوص ابني وما حدا رد علي من شهور، والموظفة المسؤولة عن ملفي وقحة', ['no-due-process:concern']],
    ['criticism by the inspectorate', 'IVO kritiserar socialnämnden för bristande utredningar: flera barn som for illa i familjehem fick vänta på hjälp.', ['foster-abuse:concern']],
  ])('recognises %s', (_what, text, expected) => {
    expect(verdict(text)).toEqual(expected);
  });

  it.each([
    ['a loaded claim wrapped in a grievance', 'Soc kidnappar våra barn och ingen lyssnar på oss, vi har väntat i månader.', ['child-kidnapping:spreading']],
    ['a claim that calls itself criticism', 'Socialtjänsten stjäl barn, all kritik tystas av kommunen.', ['child-kidnapping:spreading']],
    ['a call to share beside a complaint', 'Vår handläggare svarar inte och de tog våra barn från oss utan förklaring. Sprid!', ['child-kidnapping:spreading']],
  ])('keeps %s as spreading', (_what, text, expected) => {
    expect(verdict(text)).toEqual(expected);
  });

  it('lets a debunk outweigh a complaint told beside it', () => {
    expect(verdict('Socialtjänsten kidnappar inte barn, det är en myt. Men min handläggare var otrevlig.')).toEqual(['child-kidnapping:countering']);
  });

  it('keeps a rebuttal that grants criticism as countering when it denies a loaded claim', () => {
    expect(verdict('Jag har själv kritik mot socialtjänsten, men att de kidnappar barn är en myt.')).toEqual(['child-kidnapping:countering']);
  });

  it('names the concern cues as the evidence', () => {
    const [result] = classifier.classify({ id: 1, text: 'IVO kritiserar socialnämnden för bristande utredningar: flera barn som for illa i familjehem fick vänta på hjälp.' }).narratives;
    expect(result?.stanceEvidence.filter((e) => e.stance === 'concern').map((e) => e.text)).toEqual(['kritiserar', 'bristande']);
  });
});

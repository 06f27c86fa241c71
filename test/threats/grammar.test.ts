import { beforeAll, describe, expect, it } from 'vitest';
import { levelRank, type ThreatDetector } from '../../src/threats/index.js';
import { shippedDetector } from './rules.js';

/**
 * The threat grammar of issue 15 (config/threats/*.yaml): harm outcome + target + modality, and doxxing as personal
 * data + an act of collecting or spreading. Every sentence here was written for this test, none taken from an
 * evaluation set: each proves a family of wording, in each language, not one memorised post.
 */
let detector: ThreatDetector;
beforeAll(async () => {
  detector = await shippedDetector();
});

const isHighPlus = (text: string): boolean => levelRank(detector.assess({ text }).level) >= levelRank('high');

describe('threat grammar: threats are raised to high or critical', () => {
  it.each([
    // implied death
    ['implied death', 'Den handläggaren som skötte vårt LVU kommer inte leva länge till.'],
    ['implied death', 'The caseworker on our file is living on borrowed time.'],
    ['implied death', 'موظف السوسيال اللي أخذ بنتي أيامه معدودة.'],
    // implied injury
    ['implied injury', 'Socialsekreteraren kommer att behöva kryckor efter det här.'],
    ['implied injury', 'That social worker is going to need crutches when we are done.'],
    ['implied injury', 'موظفة السوسيال رح تطلع على نقالة.'],
    // conditional with a consequence
    ['conditional', 'Om soc rör min son igen så tar jag saken i egna händer.'],
    ['conditional', 'If social services come near my kids again I will take matters into my own hands.'],
    ['conditional', 'والله لو السوسيال قربوا من عيالي راح يندمو.'],
    // call to others
    ['call to hunt', 'Ta reda på var socialsekreteraren bor och vänta på henne.'],
    ['call to hunt', 'Find out where the caseworker lives and wait for her outside her house.'],
    ['call to hunt', 'مين بيعرف وين ساكنة موظفة السوسيال؟ لاحقوها.'],
    // family of staff
    ['family of staff', 'Socialsekreterarna har också barn. Synd om något hände dem.'],
    ['family of staff', 'Social workers have kids too. Would be a shame if something happened to them.'],
    ['family of staff', 'يا موظفة السوسيال خافي على ولادك.'],
    // veiled
    ['veiled', 'Vi vet hur du ser ut, handläggaren. Olyckor händer.'],
    ['veiled', 'We know what you look like, caseworker. Accidents happen.'],
    ['veiled', 'عيوننا عليكم يا موظفين السوسيال.'],
    ['veiled', 'Fint hus ni har. Vore synd om något hände med huset.'],
    ['veiled', 'Lovely house you have. Shame if anything happened to it.'],
    // office
    ['office', 'Socialkontoret i Gottsunda blir en askhög.'],
    ['office', 'Burn it down, that social services office, nothing left of it.'],
    ['office', 'مكتب السوسيال هدف مشروع.'],
    // critical: means, time
    ['critical', 'Jag står utanför socialkontoret imorgon med en kniv.'],
    ['critical', 'Tomorrow I will be at the social office with a gun.'],
    ['critical', 'بكرة الصبح عند السوسيال ومعي سكين.'],
  ])('%s: %s', (_family, text) => {
    expect(isHighPlus(text), JSON.stringify(detector.assess({ text }))).toBe(true);
  });
});

describe('threat grammar: doxxing is personal data + collecting or spreading', () => {
  it.each([
    ['Vi samlar in adresser och bilder på alla handläggare på soc i Gävle. Skicka DM.'],
    ['We are compiling a list of social workers with their home addresses. Link in bio.'],
    ['عملنا قائمة بأسماء موظفي السوسيال مع عناوينهم.'],
    ['Socialsekreterarens personnummer finns här.'],
  ])('%s', (text) => {
    const result = detector.assess({ text });
    expect(result.categories, JSON.stringify(result)).toContain('doxxing');
    expect(levelRank(result.level)).toBeGreaterThanOrEqual(levelRank('high'));
  });
});

describe('threat grammar: hard negatives stay below high', () => {
  it.each([
    ['news', 'Socialsekreterare hotades till livet i Malmö, polisen utreder olaga hot.'],
    ['news', 'Police investigate death threats against social workers in Husby.'],
    ['news', 'الشرطة تحقق في تهديدات ضد موظفي السوسيال.'],
    ['condemnation', 'Vi fördömer alla hot mot socialsekreterare. Sluta sprida deras namn och bilder.'],
    ['condemnation', 'Stop sharing the names and photos of social workers. It is illegal.'],
    ['reported claim', 'Den som skriver att man ska bränna socialkontor talar inte för oss föräldrar.'],
    ['legal complaint', 'Om socialtjänsten inte ändrar beslutet kommer jag att överklaga till förvaltningsrätten.'],
    ['legal complaint', 'If social services do not return my son I will appeal and go to the ombudsman.'],
    ['other sense', 'Socialkontoret ska skjuta upp mötet till nästa vecka.'],
    ['other sense', 'Handläggaren bad mig döda kameran under samtalet.'],
    ['curse', 'Social workers who steal children will burn in hell.'],
    ['gaming', 'Ikväll dödar vi bossen i Elden Ring, kom och titta.'],
    ['proverb', 'Life is short, social workers, enjoy your holidays.'],
  ])('%s: %s', (_family, text) => {
    expect(isHighPlus(text), JSON.stringify(detector.assess({ text }))).toBe(false);
  });
});

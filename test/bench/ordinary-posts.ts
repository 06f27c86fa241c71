/**
 * Deterministic "ordinary" posts for the classify bench: the news, municipal information and everyday chatter in
 * Swedish, English and Arabic that make up most of a monitored stream and carry no narrative. Built from templates
 * and word lists with a seeded PRNG, with the noise real posts have: hashtags, mentions, links, emoji, numbers, and
 * a share of words never seen before (names, typos) so the analyzer's word caches also take misses.
 */
import { seededRandom } from './measure.js';

interface Language {
  templates: readonly string[];
  slots: Readonly<Record<string, readonly string[]>>;
  hashtags: readonly string[];
  /** Syllables for words the caches have not seen (place names, surnames, typos). */
  syllables: readonly string[];
  domains: readonly string[];
}

const SV: Language = {
  templates: [
    '{Org} meddelar att {thing} {change} från {day}.',
    'Kommunen informerar: {thing} {change} {time}. Läs mer på vår webbplats.',
    '{Org} söker {job} till {place}. Sista ansökningsdag {date}.',
    'Trafikolycka på {road} vid {place}, {num} personer skadade enligt räddningstjänsten.',
    'Idag var jag och {friend} på {venue} i {place}, så mysigt!',
    'Någon som vet om {venue} har öppet {day}?',
    'Vilken {adj} dag! Ska ut och {activity} med {friend} {time}.',
    '{Org} bjuder in till öppet hus om {topic} {day} klockan {clock}.',
    'Föräldramöte på {school} {day} klockan {clock}, välkomna alla föräldrar.',
    'Nu börjar anmälan till {activity} för barn och unga i {place}.',
    'Regeringen presenterar en ny satsning på {topic} värd {num} miljoner kronor.',
    'Matchen slutade {score} efter ett mål i sista minuten. {Cheer}',
    'Har någon tips på en bra {thing2} i {place}? Behöver hjälp snabbt.',
    'Socialtjänsten har öppen mottagning för {group} på {day}ar, ingen tidsbokning behövs.',
    'Biblioteket i {place} visar {event} för hela familjen {day}.',
  ],
  slots: {
    Org: ['Kommunen', 'Region Stockholm', 'Skolförvaltningen', 'Trafikverket', 'Räddningstjänsten', 'Biblioteket', 'Fritidsförvaltningen'],
    thing: ['sophämtningen', 'simhallen', 'busslinje 4', 'vårdcentralen', 'återvinningscentralen', 'parkeringen vid torget', 'fritidsgården'],
    thing2: ['frisör', 'pizzeria', 'bilverkstad', 'tandläkare', 'cykelaffär', 'elektriker'],
    change: ['stänger tillfälligt', 'får nya öppettider', 'flyttas', 'byggs om', 'öppnar igen'],
    day: ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
    time: ['ikväll', 'i morgon', 'nästa vecka', 'i helgen', 'efter jobbet'],
    job: ['lärare', 'undersköterskor', 'socialsekreterare', 'bussförare', 'fritidsledare'],
    place: ['Göteborg', 'Malmö', 'Uppsala', 'Västerås', 'Örebro', 'Rinkeby', 'Södertälje', 'Borås', 'Kiruna'],
    road: ['E4', 'E6', 'riksväg 40', 'Essingeleden', 'väg 73'],
    friend: ['mamma', 'kompisarna', 'grannen', 'min sambo', 'kollegorna', 'farmor'],
    venue: ['kaféet', 'gymmet', 'badhuset', 'biografen', 'loppisen', 'stranden'],
    adj: ['fin', 'solig', 'regnig', 'härlig', 'kall', 'lång'],
    activity: ['fika', 'simma', 'promenera', 'fotboll', 'handla', 'springa'],
    topic: ['skolan', 'äldreomsorgen', 'cykelvägar', 'bostäder', 'klimatet', 'kollektivtrafiken', 'idrottshallar'],
    school: ['Ekskolan', 'Centralskolan', 'Björkskolan', 'förskolan Solrosen'],
    group: ['äldre', 'unga vuxna', 'nyanlända', 'anhöriga'],
    event: ['sagostund', 'film', 'teater', 'pyssel'],
    Cheer: ['Heja heja!', 'Vilken match!', 'Äntligen!', 'Snyggt jobbat.'],
  },
  hashtags: ['#stockholm', '#fika', '#kommunen', '#sverige', '#sommar', '#fotboll', '#trafik', '#göteborg'],
  syllables: ['berg', 'lund', 'ström', 'ny', 'vik', 'sjö', 'hag', 'dal', 'kvist', 'holm', 'ek', 'ås', 'by', 'sten'],
  domains: ['kommunen.se/nyheter', 'svt.se/nyheter/lokalt', 'dn.se/sverige', 'gp.se/nyheter'],
};

const EN: Language = {
  templates: [
    'The city council announced that {thing} will {change} from {day}.',
    'Traffic update: {road} is closed near {place} after an accident, {num} people injured.',
    'Had a {adj} time at the {venue} with {friend} today!',
    'Does anyone know if the {venue} in {place} is open on {day}?',
    'New report: {topic} spending to rise by {num} million next year, officials said.',
    '{Team} won {score} last night. {Cheer}',
    'We are hiring {job} in {place}. Apply before {date}.',
    'Reminder: parent meeting at {school} on {day} at {clock}. All parents welcome.',
    'Looking for a good {thing2} in {place}, any tips?',
    'Free {event} for the whole family at the library on {day}.',
    'Weather warning for {place}: heavy rain expected {time}.',
    'Just finished my {activity} session, feeling great {time}.',
  ],
  slots: {
    thing: ['the recycling centre', 'bus line 4', 'the public pool', 'the health centre', 'the main library', 'waste collection'],
    thing2: ['dentist', 'mechanic', 'pizza place', 'barber', 'plumber', 'bike shop'],
    change: ['close temporarily', 'get new opening hours', 'move', 'reopen'],
    day: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    time: ['tonight', 'tomorrow', 'this weekend', 'next week', 'after work'],
    road: ['the M25', 'Highway 1', 'the ring road', 'Main Street', 'the bridge'],
    place: ['Manchester', 'Leeds', 'Bristol', 'Toronto', 'Dublin', 'Gothenburg', 'Malmo', 'Glasgow'],
    adj: ['great', 'lovely', 'relaxing', 'busy', 'fun', 'long'],
    venue: ['cafe', 'gym', 'cinema', 'beach', 'market', 'museum'],
    friend: ['my mum', 'the kids', 'my neighbours', 'colleagues', 'old friends'],
    topic: ['school', 'housing', 'healthcare', 'public transport', 'climate', 'road safety'],
    Team: ['United', 'The Rovers', 'City', 'The Lions', 'Our team'],
    Cheer: ['What a game!', 'Finally!', 'Well played.', 'Unbelievable.'],
    job: ['teachers', 'nurses', 'bus drivers', 'social workers', 'youth workers'],
    school: ['Oak Primary', 'Central High', 'St Mary', 'the community school'],
    event: ['storytelling', 'film screening', 'craft workshop', 'concert'],
    activity: ['running', 'yoga', 'cycling', 'swimming', 'football'],
  },
  hashtags: ['#news', '#weather', '#football', '#community', '#weekend', '#traffic', '#jobs'],
  syllables: ['ham', 'ton', 'ley', 'worth', 'field', 'brook', 'wood', 'ford', 'mer', 'ash', 'well', 'by'],
  domains: ['bbc.co.uk/news', 'council.gov.uk/news', 'localpaper.com/story', 'example.org/updates'],
};

const AR: Language = {
  templates: [
    'أعلنت البلدية أن {thing} {change} ابتداء من يوم {day}.',
    'صباح الخير يا أصدقاء، {greeting}',
    'حادث سير على {road} قرب {place}، وإصابة {num} أشخاص.',
    'هل يعرف أحد إن كان {venue} في {place} مفتوحا يوم {day}؟',
    'قضيت يوما {adj} مع {friend} في {venue}.',
    'الحكومة تعلن عن ميزانية جديدة لـ{topic} بقيمة {num} مليون كرونة.',
    'فاز {team} بنتيجة {score} في مباراة الأمس. {cheer}',
    'مطلوب {job} للعمل في {place}، آخر موعد للتقديم {date}.',
    'اجتماع أولياء الأمور في {school} يوم {day} الساعة {clock}.',
    'أبحث عن {thing2} جيد في {place}، هل من نصيحة؟',
    'دروس مجانية في اللغة السويدية في مكتبة {place} كل يوم {day}.',
    'رمضان كريم على الجميع، {greeting}',
  ],
  slots: {
    thing: ['مركز إعادة التدوير', 'المسبح العام', 'خط الحافلة رقم 4', 'المركز الصحي', 'جمع النفايات'],
    thing2: ['طبيب أسنان', 'ميكانيكي', 'مطعم', 'حلاق', 'محامي عقارات'],
    change: ['سيغلق مؤقتا', 'سيتغير موعده', 'سينتقل', 'سيفتح من جديد'],
    day: ['الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'الأحد'],
    greeting: ['أتمنى لكم يوما سعيدا', 'الطقس جميل اليوم', 'كل عام وأنتم بخير', 'جمعة مباركة'],
    road: ['الطريق السريع', 'الطريق الدائري', 'الجسر الرئيسي', 'شارع المدينة'],
    place: ['ستوكهولم', 'مالمو', 'يوتيبوري', 'أوبسالا', 'بيروت', 'عمان', 'القاهرة'],
    venue: ['المقهى', 'النادي الرياضي', 'السوق', 'الحديقة', 'المتحف', 'الشاطئ'],
    adj: ['رائعا', 'جميلا', 'طويلا', 'ممتعا', 'هادئا'],
    friend: ['العائلة', 'الأصدقاء', 'الجيران', 'زملاء العمل', 'أمي'],
    topic: ['التعليم', 'الصحة', 'السكن', 'النقل العام', 'المناخ'],
    team: ['الفريق المحلي', 'النادي الأهلي', 'المنتخب', 'فريقنا'],
    cheer: ['مبروك للجميع', 'مباراة رائعة', 'أخيرا'],
    job: ['معلمين', 'ممرضين', 'سائقي حافلات', 'مترجمين'],
    school: ['المدرسة المركزية', 'مدرسة النور', 'الروضة'],
  },
  hashtags: ['#السويد', '#ستوكهولم', '#رمضان', '#أخبار', '#كرة_القدم', '#الطقس'],
  syllables: ['سا', 'لي', 'مو', 'را', 'نا', 'كي', 'دو', 'بو', 'فا', 'جي'],
  domains: ['aljazeera.net/news', 'alkompis.se/news', 'example.com/ar'],
};

const EMOJI = ['☀️', '😊', '👍', '❤️', '😂', '🙏', '⚽', '🎉', '🚌'];

/** Mix of languages in the ordinary stream: mostly Swedish, as in a municipality's own monitoring. */
const LANGUAGE_SHARES: ReadonlyArray<[Language, number]> = [
  [SV, 0.5],
  [EN, 0.25],
  [AR, 0.25],
];

/** `count` ordinary posts, the same for the same seed. */
export function ordinaryPosts(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const posts: string[] = [];
  for (let i = 0; i < count; i++) {
    const language = chooseLanguage(random());
    const sentences = random() < 0.35 ? 2 : 1;
    const parts: string[] = [];
    for (let s = 0; s < sentences; s++) parts.push(fillTemplate(pick(language.templates), language, random, pick));
    if (random() < 0.3) parts.push(pick(language.hashtags));
    if (random() < 0.15) parts.push(`https://${pick(language.domains)}/${Math.floor(random() * 1e6)}`);
    if (random() < 0.2) parts.push(pick(EMOJI));
    if (random() < 0.1) parts.unshift(`@${freshWord(language, random, pick)}`);
    posts.push(parts.join(' '));
  }
  return posts;
}

function chooseLanguage(r: number): Language {
  let sum = 0;
  for (const [language, share] of LANGUAGE_SHARES) {
    sum += share;
    if (r < sum) return language;
  }
  return SV;
}

function fillTemplate(template: string, language: Language, random: () => number, pick: <T>(list: readonly T[]) => T): string {
  return template.replace(/\{(\w+)\}/gu, (_, slot: string) => {
    const fill = generated[slot];
    if (fill !== undefined) return fill(random);
    // One slot in twelve names someone or somewhere the caches have never seen.
    if (random() < 1 / 12) return freshWord(language, random, pick);
    return pick(language.slots[slot] ?? [slot]);
  });
}

const generated: Record<string, (random: () => number) => string> = {
  num: (random) => String(2 + Math.floor(random() * 200)),
  score: (random) => `${Math.floor(random() * 5)}-${Math.floor(random() * 5)}`,
  clock: (random) => `${8 + Math.floor(random() * 12)}.${random() < 0.5 ? '00' : '30'}`,
  date: (random) => `${1 + Math.floor(random() * 28)}/${1 + Math.floor(random() * 12)}`,
};

function freshWord(language: Language, random: () => number, pick: <T>(list: readonly T[]) => T): string {
  const syllables = 2 + Math.floor(random() * 3);
  let word = '';
  for (let k = 0; k < syllables; k++) word += pick(language.syllables);
  return language === AR ? word : word[0]?.toUpperCase() + word.slice(1);
}

import type { QueryLang } from '../catalogue/index.js';

/** A piece of evidence for a stance, written in the catalogue's own query language so it is explainable the same way. */
export interface StanceCue {
  id: string;
  lang: QueryLang;
  /** Evidence; a stance needs 1 in total (two weak cues or one strong); 2 outweighs one strong cue of another stance. */
  weight: number;
  query: string;
}

/**
 * Fact-checking, debunking and municipal-information voice. Strong cues (1) reject the claim outright; weak ones
 * (0.5) are the counter-facts' own vocabulary (court, counsel, supervision), which spreading posts rarely use twice.
 */
export const COUNTERING_CUES: readonly StanceCue[] = [
  {
    id: 'sv-debunk',
    lang: 'sv',
    weight: 1,
    query:
      '"inte sant" OR "stämmer inte" OR osant OR myt OR myten OR myter OR falsk* OR felaktig* OR *desinformation* OR påhitt* OR "det är lögn" OR faktagransk* OR faktakoll* OR "inga belägg" OR vilseledande OR konspirationsteori* OR *påverkanskampanj* OR missuppfattning* OR "sprid inte" OR dementera* OR tillbakavisa* OR "ingen sådan" OR tvärtom OR "saknar grund" OR "saknar all grund" OR "är propaganda" OR nonsens OR struntprat OR trams OR skrönor OR "helt fel" OR "stämmer inte alls" OR "är inte sant" OR lögnen OR "ren lögn"',
  },
  {
    id: 'sv-municipal-voice',
    lang: 'sv',
    weight: 1,
    query: '"vi vill förtydliga" OR "vi vill klargöra" OR "vi vill informera" OR "kommunen informerar" OR "frågor och svar" OR "så arbetar socialtjänsten" OR "vi vill vara tydliga"',
  },
  {
    id: 'sv-never-paid',
    lang: 'sv',
    weight: 1,
    query: '(aldrig OR ingen OR inga OR inte) ONEAR/5 ("per barn" OR provision* OR bonus* OR "en krona extra")',
  },
  { id: 'sv-rumour', lang: 'sv', weight: 0.5, query: 'rykte OR ryktet OR rykten OR lögn OR lögner OR påstående OR påståendet OR påståenden OR "det finns ingen"' },
  {
    id: 'sv-facts',
    lang: 'sv',
    weight: 0.5,
    query:
      'förvaltningsrätt* OR kammarrätt* OR "offentligt biträde" OR överklaga* OR barnkonvention* OR ivo OR "lex sarah" OR riksnorm* OR "samma regler" OR "samma lag" OR "fast lön" OR månadslön OR återförening* OR frivillig* OR beakta* OR "beslutas av" OR "lika för alla" OR "samma för alla" OR oavsett OR ombud OR förhandling* OR "samma norm" OR hänsyn OR "som alla andra" OR "efter behov" OR kostnad* OR socialnämnden',
  },
  {
    id: 'en-debunk',
    lang: 'en',
    weight: 1,
    query:
      '"not true" OR "isnt true" OR false OR falsely OR "fake news" OR myth OR myths OR debunk* OR "fact check*" OR factcheck* OR misinformation OR disinformation OR hoax OR misleading OR "conspiracy theor*" OR baseless OR unfounded OR "no such" OR "dont share" OR "do not share" OR "quite the opposite" OR "on the contrary" OR propaganda OR untrue OR nonsense OR "not the case" OR "simply wrong" OR fabricated OR "made up" OR lies',
  },
  {
    id: 'en-municipal-voice',
    lang: 'en',
    weight: 1,
    query: '"we want to clarify" OR "to clarify" OR "setting the record straight" OR "the facts are" OR "the truth is" OR "here are the facts"',
  },
  { id: 'en-never-paid', lang: 'en', weight: 1, query: '(never OR no OR not) ONEAR/5 ("per child" OR commission* OR bonus*)' },
  { id: 'en-rumour', lang: 'en', weight: 0.5, query: 'rumour* OR rumor* OR lies OR "a lie" OR claim OR claims' },
  {
    id: 'en-facts',
    lang: 'en',
    weight: 0.5,
    query:
      '"administrative court*" OR "legal counsel" OR "public counsel" OR "free lawyer" OR appeal OR "rights of the child" OR inspectorate OR "national norm" OR salaried OR "same rules" OR "same law" OR reunif* OR voluntary OR "by law" OR "for everyone" OR "for all" OR regardless OR "same norm" OR hearing OR "own lawyer" OR salary OR salaries OR "welfare board" OR "court decides" OR "confirmed by" OR costs',
  },
  {
    id: 'ar-debunk',
    lang: 'ar',
    weight: 1,
    query:
      '"غير صحيح" OR "غير صحيحة" OR "ليس صحيحا" OR "لا صحة" OR خرافة OR خرافات OR *شائع* OR *إشاع* OR "أخبار كاذبة" OR كاذب* OR *مضلل* OR "حملة تضليل" OR "لا أساس" OR "عار عن الصحة" OR "هذا كذب" OR أكاذيب OR "تدقيق الحقائق" OR "لا تنشروا" OR "مش صحيح" OR "مو صحيح" OR "كلام فاضي" OR "كما يقال" OR افتراء OR *مفبرك* OR "تضليل" OR "اخبار مزيفة" OR "أخبار مزيفة" OR "مش حقيقي" OR "مو حقيقي"',
  },
  { id: 'ar-clarify', lang: 'ar', weight: 1, query: '"نود أن نوضح" OR "نود التوضيح" OR توضيح OR "للتوضيح" OR "الحقيقة هي"' },
  { id: 'ar-never-paid', lang: 'ar', weight: 1, query: '(لا OR لم OR أي) ONEAR/4 (*مكافأ* OR *عمولة*)' },
  {
    id: 'sv-act-denied',
    lang: 'sv',
    weight: 1,
    query: '((tar OR tas OR kidnappar OR stjäl OR säljer OR rövar) ONEAR/2 (inte OR aldrig)) NEAR/3 (barn* OR ungar*) OR ((kan OR får) ONEAR/1 inte ONEAR/5 (ta OR omhänderta) ONEAR/2 (barn* OR ett))',
  },
  { id: 'en-act-denied', lang: 'en', weight: 1, query: '(nobody OR "no one" OR "does not" OR doesnt OR "do not" OR dont OR cannot OR cant) ONEAR/3 (take OR takes OR kidnap* OR steal* OR sell* OR "make money" OR "makes money")' },
  { id: 'ar-act-denied', lang: 'ar', weight: 1, query: '(("ما حدا" OR "لا أحد" OR "لا احد" OR مو OR مش OR "ليس" OR "وليس") NEAR/2 (*خطف* OR *يسرق* OR *ربح* OR فاشية OR "دولة فاشية")) OR ((لا OR "لا يمكن") NEAR/3 (*يسحب* OR *سحب*))' },
  { id: 'ar-lie', lang: 'ar', weight: 0.6, query: 'كذب OR كذبة OR ادعاء OR ادعاءات' },
  {
    id: 'sv-own-good-experience',
    lang: 'sv',
    weight: 1,
    query: '"räddade mitt liv" OR "räddade oss" OR "hjälpte oss" OR "hjälpte mig" OR ("själv placerad" NOT inte) OR ((var OR blev) ONEAR/2 placerad ONEAR/3 barn) OR "jobbar själv på soc" OR "jobbar på soc"',
  },
  { id: 'en-own-good-experience', lang: 'en', weight: 1, query: '"saved my life" OR "helped us" OR "helped me" OR "i was in care" OR "i was placed" OR "i work in social services" OR "i am a social worker"' },
  { id: 'ar-own-good-experience', lang: 'ar', weight: 1, query: 'ساعدونا OR ساعدوني OR "انا بشتغل بالسوسيال" OR "اشتغل بالسوسيال" OR "بشتغل بالسوسيال" OR "ساعدتنا"' },
  { id: 'mockery', lang: 'any', weight: 0.5, query: '🙄 OR 🤦 OR 😂 OR "ja ja" OR "sure and" OR "yeah right"' },
  {
    id: 'ar-facts',
    lang: 'ar',
    weight: 0.5,
    query: '"المحكمة الإدارية" OR "المحكمة هي" OR (حق NEAR/3 (محام OR محامي OR مترجم)) OR *استئناف* OR "اتفاقية حقوق الطفل" OR "نفس القانون" OR "نفس المعيار" OR "لم الشمل" OR طوعي* OR "للجميع" OR "بغض النظر" OR *يكلف* OR *تكلف* OR ساعدونا OR ساعدتنا',
  },
];

/** Neutral news voice: reporting verbs, attribution, agencies, protests described from outside. */
export const REPORTING_CUES: readonly StanceCue[] = [
  {
    id: 'sv-news',
    lang: 'sv',
    weight: 1,
    query:
      '"enligt polisen" OR "enligt uppgifter" OR (enligt ONEAR/1 (tt OR svt OR dn OR sr OR myndigheten OR mpf OR säpo OR rapporten OR studien OR forskare OR kommunen)) OR uppger OR rapporterar OR meddelar OR "hävdar att" OR "påstår att" OR demonstrerade OR protesterade OR samlades OR anklagelser* OR "uppgifter om" OR intervju* OR påstås OR "påstår en" OR hävdas OR cirkulerar OR florerar OR "har delats" OR "har spridits" OR "har setts" OR deltagarna OR paroller OR plakat OR skyltar OR ropade OR "kampanjen om" OR "en återkommande tes" OR "i inläggen"',
  },
  {
    id: 'en-news',
    lang: 'en',
    weight: 1,
    query:
      '"according to" OR reported OR reports OR "claims that" OR "claimed that" OR "claim that" OR alleged* OR allegation* OR protesters OR demonstrators OR rallied OR gathered OR reuters OR afp OR "news agency" OR spokesperson OR "so called" OR "said on" OR interview* OR trended OR accusing OR "labelled" OR "labeled" OR "rests on" OR "went viral" OR viral OR "describe" OR researchers OR "a study"',
  },
  {
    id: 'ar-news',
    lang: 'ar',
    weight: 1,
    query:
      'وفقا OR "حسب" OR ذكرت OR أفادت OR نقلت OR صرح OR وكالة OR رويترز OR *تظاهر* OR متظاهرون OR يزعم OR يزعمون OR مزاعم OR "ما يسمى" OR "قالت الشرطة" OR "حملة اتهام" OR اتهامات OR يتهم OR *يتهمون* OR يصفون OR "انتشر وسم" OR المشاركون OR يرددون OR دراسة OR مدونون OR بثت OR مشاهدات OR استطلاع OR "رفضت التعليق" OR "قالوا انهم" OR "يقول الاب" OR "عادت حملة"',
  },
  {
    id: 'sv-news-outlet',
    lang: 'sv',
    weight: 0.5,
    query: '"säger att" OR sade OR svt OR tt OR dn OR expressen OR aftonbladet OR "sveriges radio" OR ekot OR granskar OR granskning OR reportage',
  },
  { id: 'en-news-outlet', lang: 'en', weight: 0.5, query: 'bbc OR cnn OR ap OR "the guardian" OR "says that" OR "said that" OR investigation OR documentary' },
  { id: 'ar-news-outlet', lang: 'ar', weight: 0.5, query: 'الجزيرة OR "بي بي سي" OR "قال إن" OR "قالت إن" OR تحقيق OR تقرير' },
];

/**
 * Calls to share, and insisting the claim is true ("inte en myt", «حقيقة مو اشاعة»): when present with a counter cue,
 * the post still spreads the claim. Insisting weighs 2 because it quotes the very words of a debunk it rejects.
 */
export const SPREADING_CUES: readonly StanceCue[] = [
  { id: 'sv-share', lang: 'sv', weight: 1, query: '("sprid" OR "sprida" OR "dela" OR "dela detta" OR vakna OR raderas) NOT "sprid inte"' },
  { id: 'en-share', lang: 'en', weight: 1, query: '("share" OR "spread" OR "wake up" OR deleted) NOT ("dont share" OR "do not share")' },
  { id: 'ar-share', lang: 'ar', weight: 1, query: '(انشروا OR انشر OR شاركوا OR الحذف OR استيقظوا OR nashro OR inshuro) NOT "لا تنشروا"' },
  { id: 'sv-insist', lang: 'sv', weight: 2, query: '"inte en myt" OR "inget rykte" OR "inte ett rykte" OR "det är sant" OR "är verklighet" OR "är ingen slump" OR "inte en slump" OR "inte slump" OR "det är barnrov"' },
  { id: 'en-insist', lang: 'en', weight: 2, query: '"not a myth" OR "not a rumour" OR "not a rumor" OR "its true" OR "it is true" OR "is real" OR "no coincidence"' },
  { id: 'ar-insist', lang: 'ar', weight: 2, query: '"مو اشاعة" OR "مش اشاعة" OR "ليست اشاعة" OR "ليس اشاعة" OR "حقيقة مو" OR "حقيقة وليست" OR "مو صدفة" OR "لا تصدقوا"' },
];

/**
 * Genuine concern (issue 20): legitimate criticism of social services and personal complaints. Three meanings per
 * language: the writer's own case (first person next to a caseworker, a decision, an application), a grievance
 * (waiting, no answer, a refusal, rudeness, an appeal won or lost) and institutional criticism (shortcomings,
 * failures, calls to improve). A post needs 1 in total and no loaded claim term (see {@link LOADED_CLAIM_WEIGHT}).
 */
export const CONCERN_CUES: readonly StanceCue[] = [
  {
    id: 'sv-own-case',
    lang: 'sv',
    weight: 0.3,
    query:
      '(jag OR vi OR min OR mitt OR mina OR vår OR vårt OR mig OR oss) NEAR/4 (handläggare* OR socialsekreterare* OR ärende* OR ansökan OR ansökt OR beslut* OR avslag* OR bistånd* OR försörjningsstöd* OR utredning* OR möte OR mötet)',
  },
  {
    id: 'sv-grievance',
    lang: 'sv',
    weight: 0.5,
    query:
      'väntat OR väntar OR väntetid* OR ((tog OR tar OR väntade) NEAR/3 (månader OR veckor)) OR kö OR kön OR "ingen återkoppling" OR "svarar inte" OR "ringer inte" OR "ringde aldrig" OR "hört något" OR otrevlig* OR nedlåtande OR respektlös* OR avslag* OR avslog OR "fick rätt" OR "fick inte rätt" OR "lyssnade inte" OR "lyssnar inte" OR "ingen lyssnar" OR klagomål OR klaga* OR anmälde OR frustrera* OR besviken OR besvikelse',
  },
  {
    id: 'sv-criticism',
    lang: 'sv',
    weight: 1,
    query:
      'kritiser* OR kritik OR kritiken OR brister OR bristande OR bristerna OR brustit OR "har misslyckats" OR missat OR missade OR "för tunt" OR "tunt underlag" OR personalomsättning* OR underbemann* OR "för lite resurser" OR "för få socialsekreterare" OR "behövs bättre" OR "behöver bli bättre" OR "måste bli bättre" OR "måste få konsekvenser" OR förbättras OR reformer*',
  },
  {
    id: 'en-own-case',
    lang: 'en',
    weight: 0.3,
    query: '(i OR we OR my OR our OR me OR us) NEAR/4 (caseworker* OR "case worker" OR "social worker" OR case OR application OR applied OR decision OR appeal OR meeting)',
  },
  {
    id: 'en-grievance',
    lang: 'en',
    weight: 0.5,
    query:
      'waited OR waiting OR "no answer" OR "never called" OR "never answered" OR "no reply" OR "no one listened" OR "nobody listened" OR "didnt listen" OR rude OR dismissive OR disrespectful OR rejected OR refused OR denied OR complaint OR complained OR "won the appeal" OR "lost the appeal" OR frustrat* OR disappointed',
  },
  {
    id: 'en-criticism',
    lang: 'en',
    weight: 1,
    query:
      'criticis* OR criticiz* OR criticism OR shortcoming* OR "failed to" OR "failing to" OR failures OR understaff* OR "staff turnover" OR "too few social workers" OR "needs to improve" OR "must improve" OR "has to improve" OR "held accountable" OR "the actual scandal" OR reform*',
  },
  {
    id: 'ar-own-case',
    lang: 'ar',
    weight: 0.3,
    query: '(ملفي OR ملفنا OR طلبي OR طلبنا OR قراري OR "الموظفة المسؤولة" OR "الموظف المسؤول" OR موظفتي OR "المسؤولة عن" OR "المسؤول عن") OR ((قدمت OR قدمنا) NEAR/3 طلب)',
  },
  {
    id: 'ar-grievance',
    lang: 'ar',
    weight: 0.5,
    query:
      '*انتظر* OR ننتظر OR "ما حدا رد" OR "ما ردوا" OR "ما حدا بيرد" OR "لا يردون" OR "لم يرد" OR "ما بيردوا" OR رفضوا OR "رفضوا طلبي" OR *وقح* OR "ما احترم" OR "بدون احترام" OR تأخير OR تاخير OR شكوى OR *اشتكي* OR "ما سمعوا" OR "لم يستمعوا" OR محبط OR خيبة',
  },
  {
    id: 'ar-criticism',
    lang: 'ar',
    weight: 1,
    query: '*انتقد* OR انتقادات OR *تقصير* OR *قصور* OR "لازم يتحسن" OR "يجب تحسين" OR "لازم يحسنوا" OR *إصلاح* OR "يجب محاسبة" OR "نقص الموظفين" OR "قلة الموظفين"',
  },
];

/**
 * A claim rule at least this heavy (kidnapping, theft, abuse rings, a fascist state, a rubber-stamp court) states the
 * false claim itself, which no criticism or complaint does: a post matching one is never taken as a concern.
 */
export const LOADED_CLAIM_WEIGHT = 0.8;

/** Verb negation right next to a claim's term ("kidnappar inte", "does not kidnap", «لا يخطف»). */
export const NEGATION_QUERY =
  'inte OR ej OR aldrig OR icke OR not OR never OR doesnt OR dont OR isnt OR arent OR didnt OR wont OR cannot OR cant OR لا OR لم OR لن OR ليس OR ليست OR ليسوا';

/**
 * Words before and after a claim's term searched for a negation: two before ("is not a fascist state", «مش دولة فاشية»),
 * one after ("kidnappar inte"). A negation that is itself part of a claim rule ("fick inte bära slöja", "ingen
 * advokat") never counts.
 */
export const NEGATION_WINDOW_BEFORE = 2;
export const NEGATION_WINDOW_AFTER = 1;

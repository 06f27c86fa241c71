/**
 * Small hand-made word lists, already in normalised form. Function words tell Swedish from English on short posts
 * and are left out of similarity vectors; together with the content words they form the built-in lexicon that
 * splits hashtags (`#slutakidnappavårabarn`) and Swedish compounds. A catalogue adds its own words on top.
 */

const words = (list: string): readonly string[] => list.split(/\s+/u).filter((w) => w.length > 0);

/** Swedish function words that are not also common English words. */
export const SV_FUNCTION_WORDS = words(`
  och att det är inte som för på med av till den de dem dom har hade jag vi ni hon han hen om så men var vår våra
  vårt er era ert deras från eller efter när kan ska skall vill måste alla inga ingen inget utan mot hos sina sin
  sitt mig dig oss sig också bara mycket här där vad varför hur vem vilka vilken vilket blir blev bli får fick
  göra gör gjorde gjort detta dessa denna något några många inför genom under över mellan sedan redan aldrig alltid
  ju nog väl än ännu även hela själv själva ens icke ej ingenting någon varje varenda sådan sådana vara varit finns
  fanns man mitt min mina din dina ditt hans hennes dess ut upp ner hem igen kommer kom komma tar tog tagit ta säger
  sa sagt också därför eftersom medan innan tills idag igår imorgon nu då just snart lite mer mest
`);

/** English function words that are not also common Swedish words. */
export const EN_FUNCTION_WORDS = words(`
  the and is are was were be been being to of in on for with they their them theirs our ours we you your yours it
  its this that these those not no yes have has had do does did doing will would should could can cannot from by at
  as or but if about who whom what which why how when where there here all any some every each other than then so
  very just only also too more most such own same into out up down over under again once because while after before
  until my me mine his her hers him she he us an a i am isnt arent wasnt werent dont doesnt didnt wont cant shouldnt
  youre theyre were thats whats lets get got take took taken make made say said tell told know see come go going
`);

export const AR_FUNCTION_WORDS = words(`
  في من على الى إلى عن مع هذا هذه ذلك تلك هو هي هم هن نحن انت انتم انا كل بعض لا لم لن ما ماذا لماذا كيف متى اين
  او ام ثم بل لكن ان أن إن قد كان كانت يكون تكون كانوا الذي التي الذين اللذين عند عندما حتى بعد قبل بين فوق تحت
  كما لان لأن اي أي غير سوى ايضا أيضا فقط جدا هناك هنا يا و ف ب ل ك
`);

const SV_CONTENT = words(`
  barn barnen barnet barns ungar unge son söner dotter döttrar bebis bebisar familj familjer familjen familjerna
  föräldrar föräldrarna förälder mamma pappa mor far mödrar fäder mammor pappor släkt hem hemmet hemma skola
  förskola förskolan soc socialen socialtjänst socialtjänsten socialtjänstens socialsekreterare socialsekreterarna
  socialarbetare socialkontoret socialkontor socialnämnden nämnden kommun kommunen kommuner region staten stat
  stats svenska svensk sverige svenskar myndighet myndigheten myndigheter regeringen riksdagen polis polisen
  domstol domstolen domstolar förvaltningsrätt förvaltningsrätten kammarrätt advokat advokater ombud biträde
  offentligt tolk bevis rättegång lag lagen lvu sol vård tvångsvård omhändertagande omhändertagen omhändertagna
  placering placerad placerade placeras familjehem familjehemmet familjehemmen jourhem hvb institution fosterhem
  fosterfamilj fosterfamiljer fosterföräldrar kidnappa kidnappar kidnappning kidnappningen kidnappad kidnappade
  stjäla stjäl stulna stulit röva rövar rov barnrov sluta stoppa stopp ta tar tog tagna tagit hämta
  hämtar rädda räddar hjälp hjälpa hjälper stöd stödet sanning sant lögn lögner lögnen myt myten falsk falska
  muslim muslimer muslimsk muslimska muslimskt islam islamisk kristen kristna kristna ateist ateister religion
  religionen moské kyrka slöja slöjan hijab fläsk griskött gris alkohol sprit kött mat äta dricka namn bön be
  våldtäkt våldtas övergrepp pedofil pedofiler sexuellt utnyttjas utnyttjade misshandel misshandlas försvinner
  försvunna försvann organ organhandel människohandel handel sälja säljer såld sålda pengar betalt betala lön
  lönen bonus provision ersättning ersättningen arvode vinst vinster miljoner kronor industri affär affärer
  bidrag bidragen socialbidrag försörjningsstöd bistånd ekonomiskt pension pensionär pensionärer garantipension
  invandrare invandrarna nyanlända flyktingar migranter lägenhet lägenheter bil bilar gratis mer mindre
  krig hat förföljelse fascism fascistisk fascistiska diktatur rasism rasister bojkott bojkotta mål krossa
  demonstration manifestation protest protester demonstranter samling riksdagshuset gator torg idag imorgon
  kampanj desinformation påverkan rykte rykten faktagranskning fakta granskning källa källor sprid sprida dela
  vakna raderas radera video klipp nyheter artikel rapport studie undersökning kunskap information förtydliga
  klargöra trygghet säkerhet hot hota våld kniv skott bomb brand död döda döden liv livet rätt rätten rättigheter
  tjänsteman tjänstemän tjänstemännen handläggare handläggaren chef chefen personal medarbetare anställda
  beslut beslutar beslutas beslutade ensam godtycke gummistämpel efterhand utredning utredningen anmälan orosanmälan
  vecka dag dagar år året månad tid gång gånger folk människor alla hela landet land länder världen utlandet
`);

const EN_CONTENT = words(`
  child children kid kids son sons daughter daughters baby babies family families parent parents mother father
  mom dad mum home school social services service worker workers office municipality council state government
  sweden swedish swedes court courts judge lawyer lawyers counsel appeal trial evidence interpreter law act care
  foster fostering placement placed adoption adopted adoptive kidnap kidnapping kidnapped kidnaps kidnappers stop
  steal steals stealing stole stolen snatch snatched abduct abducted abduction take taking taken took our their
  help helped helping support truth true false fake myth lie lies rumor rumour hoax debunked fact check
  muslim muslims islam islamic christian christians atheist atheists religion faith mosque church hijab
  headscarf pork alcohol wine food eat drink name names prayer pray convert conversion rape raped abuse abused
  abusing paedophile pedophile paedophiles pedophiles sexual sexually traffic trafficking trafficked organ organs
  disappear disappeared missing sell sold selling money paid pay payment salary bonus commission profit profits
  business industry million millions benefits benefit welfare pension pensioner pensioners retired elderly
  migrant migrants immigrant immigrants refugee refugees flat flats apartment apartments house car cars free
  war hate persecution fascist fascism boycott target targets targeting targeted crush protest protests rally
  demonstration parliament street streets today tomorrow campaign disinformation misinformation influence share
  spread wake delete deleted video clip news article report study survey knowledge information clarify
  threat threats violence knife gun bomb fire dead death kill life right rights official officials staff employee
  decision decide decides decided alone rubber stamp investigation report week day days year years month time
  people everyone whole country countries world abroad our children kids every
`);

const AR_CONTENT = words(`
  طفل اطفال الاطفال اطفالنا اولاد اولادنا ابناء ابناءنا ابن ابنه بنت بنات عائله عائلات العائلات اسره اسر الاسر
  اهل الاهل ام اب امهات اباء بيت بيوت مدرسه روضه سوسيال السوسيال الخدمات الاجتماعيه خدمات اجتماعيه البلديه
  بلديه الدوله دوله السويد السويديه سويدي الحكومه محكمه المحكمه محاكمه قاضي محامي محام دليل ادله قانون لفو
  رعايه الرعايه حاضنه الحاضنه خطف يخطف يخطفون اختطاف مخطوف اوقفوا اوقفو اوقف سرقه يسرقون يسرق سرقوا اخذوا ياخذون
  ياخذ اخذ مساعده دعم حقيقه صحيح كذب كذبه اكاذيب شائعه شائعات اشاعه اشاعات خرافه تضليل
  مسلم مسلمين المسلمين مسلمه اسلام الاسلام مسيحي مسيحيه ملحد دين الدين حجاب خنزير لحم الخنزير خمر كحول اسم صلاه
  اغتصاب تحرش اعتداء جنسي اتجار بالبشر بيع يبيع يبيعون اعضاء يختفون اختفاء مفقود اموال مال فلوس راتب مكافاه عموله
  تجاره ربح ارباح مليون ملايين مساعدات معونات متقاعد متقاعدين المتقاعدين مهاجر مهاجرين المهاجرين لاجئ لاجئين
  شقه شقق سياره سيارات مجانا مجاني حرب على ضد كراهيه اضطهاد فاشيه فاشي مقاطعه تستهدف يستهدف مظاهره احتجاج
  البرلمان شارع اليوم غدا حمله انشروا انشر شاركوا الحذف فيديو خبر اخبار تقرير دراسه معلومات توضيح
  تهديد عنف سكين سلاح قنبله حرق موت قتل حياه حق حقوق موظف موظفه موظفين قرار يقرر وحده اسبوع يوم سنه شهر
  وقت ناس الناس الجميع بلد العالم الخارج لنا نا
`);

/** Words the built-in lexicon knows (hashtag and compound splitting), all languages together. */
export const BUILT_IN_LEXICON: readonly string[] = [
  ...SV_FUNCTION_WORDS,
  ...EN_FUNCTION_WORDS,
  ...AR_FUNCTION_WORDS,
  ...SV_CONTENT,
  ...EN_CONTENT,
  ...AR_CONTENT,
];

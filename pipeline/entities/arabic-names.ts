// Names written in Arabic letters after a trigger ("شركة أطلس هورايزن للتأمين").
import { type DocContext, origIndex } from './context.ts';
import { isArabicLetterName, isArabicNisba, isArabicSectorWord } from './transliterate.ts';

// ---------------------------------------------------------------------------------------------
// Names written in Arabic letters after a trigger ("شركة أطلس هورايزن للتأمين"). Arabic has no
// capitals, so a name is read word by word and ends at the first word that is not a name: a particle,
// a verb, a common noun, or a descriptor (sector, nationality), which is kept in the displayed name.
// Everything below is in normalized form (normalize.ts).

/** Particles, prepositions, pronouns and auxiliaries: a name never runs through them. */
const AR_STOP = new Set(
  (
    'في من على علي عن الى الي مع بعد قبل منذ خلال حول ضد عبر لدي حتي التي الذي الذين اللتين اللذين ان لان ' +
    'كما حيث بسبب رغم بخصوص بشان وفق حسب نحو عند اذ اذا لم لن قد تم كان كانت يكون تكون هو هي هم هذا هذه ' +
    'ذلك تلك هناك هنا ما لا ليس ليست او ام ثم لكن غير بين تجاه اثر عقب جراء بينما دون سوي مثل اي كل بعض ' +
    'جميع عده عدد احد احدي نفس ذات باسم بواسطه لاجل التابعه التابع المتخصصه المتخصص المكلفه المعنيه ' +
    'المعني المذكوره المذكور المسماه تدعي يدعي تسمي يسمي'
  ).split(' '),
);

/** Common nouns and adjectives that follow "شركة" or "مجموعة" in ordinary sentences. */
const AR_COMMON = new Set(
  (
    'غرامه غرامات انذار انذارا انذارات شكايه شكايات شكوي عقوبه عقوبات مخالفه مخالفات قرار قرارا قرارات ' +
    'مهله تحقيق تحقيقات مراقبه تفتيش رساله بلاغ بيان بيانات معطيات حمايه مكافحه حقوق دفاع زبناء زبائن عملاء ' +
    'مستهلك مستهلكين مواطنين مكالمات مراكز مركز نداء اتصال خاصه خاص عامه عام كبري كبيره كبير صغيره صغير ' +
    'اجنبيه اجنبي وطنيه وطني دوليه دولي عالميه عالمي مغربيه مغربي عربي ناشئه متخصصه متخصص تابعه تابع اخري ' +
    'اخر واحده عموميه عمومي حقوقيه مدنيه محليه جهويه جديده جديد رائده كبريات عمل اشخاص افراد شركات ' +
    'صحفيين مجهوله معروفه شهيره سابقه حاليه مختلطه مساهمه قابضه فرعيه طيران توصيل حراسه امن برمجيات ' +
    'بناء اشغال تسويق اشهار اعلانات تجاره تغذيه محاماه تدقيق اسكان قانون مدونه مشروع برنامج ملف قضيه ' +
    'مجال قطاع سوق موقع تطبيق منصه اعلن اكد قال نفي رفض قرر قام تلقي ارسل اصدر اوضحت اكدت اعلنت ' +
    'مبلغ مبالغ مليون ملايين مليار الف درهم دراهم حوالي يوم امس اليوم غدا الاسبوع الشهر السنه العام ' +
    'الماضي الماضيه الجاري الحالي الحاليه المقبل المقبله الاخير الاخيره موخرا مجددا ايضا كذلك فقط ' +
    'العامله العامل المتواجده الكاينه الكاين الموجوده الموجود المختصه المتهمه المخالفه ' +
    // Trades a company is described by ("شركة مناولة", "شركة حراسة").
    'مناوله وساطه نظافه صيانه توظيف تكوين طباعه تنظيف'
  ).split(' '),
);

const AR_WORD = /[ \t]+([\u0621-\u064a]+)(?![\u0621-\u064a])/y;
const AR_TRAILING_MARKS = /[\u064b-\u065f\u0670\u0640]/;

/** A verb by its shape: present "تعمل", "يملك" (no long vowel after the prefix); past "قامت", "فرضت". */
function looksLikeVerb(word: string): boolean {
  // A present verb of a weak-final root: "تعنى" (is concerned with), "يسعى", "تبني".
  if (/^[تي][^اوي\s]{2}[يا]$/u.test(word)) return true;
  // An attached object pronoun does not change the verb: "يملكها" is "يملك".
  const w = word.length >= 6 ? word.replace(/(?:هما|ها|هم|هن|ه)$/, '') : word;
  if (/^[تي]/.test(w) && w.length >= 4 && w.length <= 6 && !/[اوي]/.test(w.slice(1))) return true;
  if (w.endsWith('ت') && w.length >= 3 && w.length <= 6) {
    const stem = w.slice(0, -1);
    return !/[اوي]/.test(stem.slice(2)) && !/[وي]/.test(stem.slice(0, 2));
  }
  return false;
}

/** Derived-verb participles ("متعاقدة" contracted, "متخصصة", "متواجدة") describe; they do not name. */
function looksLikeParticiple(word: string): boolean {
  // Form III "مماثلة", "مشابهة" (similar), form X "مستقلة", form VII "منفصلة" describe; they do not name.
  if (/^م[\u0621-\u064a]ا[\u0621-\u064a]{2}ه$/u.test(word) || /^مست[\u0621-\u064a]{3,}$/u.test(word)) return true;
  return word.startsWith('مت') && word.length >= 5;
}

/** Moroccan cities written without the article: after "ب" (in) they end a name ("ابن بطوطة بطنجة"). */
const AR_CITIES = new Set(
  'طنجه مراكش فاس مكناس اكادير وجده تطوان سلا اسفي تازه خريبكه سطات ورزازات تماره برشيد بركان كلميم ازيلال'.split(' '),
);

/** What else a "بنك" holds: "بنك الدم" is a blood bank, "بنك المعطيات" a databank. */
const NOT_A_BANK = new Set(
  'الدم المعطيات المعلومات البيانات الطعام الاغذيه الملابس الاسيله الافكار الاهداف الحليب الخلايا الانسجه الجينات الصور الوظايف المشاريع'.split(
    ' ',
  ),
);

function isNotName(w: string): boolean {
  return AR_STOP.has(w) || AR_COMMON.has(w) || looksLikeVerb(w) || looksLikeParticiple(w);
}

/**
 * The range (original offsets) of an Arabic name starting after normalized offset `nPos`, or null.
 * `masculine` triggers (بنك, مصرف) take masculine adjectives ("بنك فرنسي"), the others feminine.
 */
export function readArabicName(
  ctx: DocContext,
  nPos: number,
  masculine: boolean,
): { start: number; end: number } | null {
  const text = ctx.norm.text;
  const words: Array<{ w: string; start: number; end: number }> = [];
  AR_WORD.lastIndex = nPos;
  for (let m = AR_WORD.exec(text); m !== null && words.length < 8; m = AR_WORD.exec(text)) {
    const w = m[1] ?? '';
    words.push({ w, start: m.index + m[0].length - w.length, end: m.index + m[0].length });
  }
  const first = words[0]?.w ?? '';
  // An adjective or a preposition right after the trigger: "شركة مغربية", "بنك أجنبي", "شركة لحماية".
  if (!masculine && first.length >= 5 && first.endsWith('يه')) return null;
  if (masculine && first.length >= 5 && first.endsWith('ي') && !/[اوي]/.test(first.slice(-2, -1))) return null;
  if (/^(?:بال|لل|كال|فال|وال)/.test(first)) return null;
  if (/^[لب]/.test(first) && (!/^.[اوي]/.test(first) || isNotName(first.slice(1)))) return null;
  if (isArabicSectorWord(first)) return null;

  let count = 0;
  let last = -1;
  let described = false;
  for (let i = 0; i < words.length && count < 4; ) {
    // Latin letters spelled out ("تي إل إس") are one name part, though "ال", "ان", "او" are also words.
    let run = i;
    while (run < words.length && isArabicLetterName(words[run]?.w ?? '')) run++;
    if (run - i >= 2) {
      last = run - 1;
      i = run;
      count++;
      continue;
    }
    const w = words[i]?.w ?? '';
    if (isNotName(w)) break;
    if (count > 0 && (isArabicSectorWord(w) || isArabicNisba(w) || w === 'المغرب' || w === 'بالمغرب')) {
      last = i;
      described = isArabicSectorWord(w);
      break;
    }
    if (count > 0) {
      if (/^(?:بال|لل|كال|فال|وال)/.test(w) || (w.startsWith('و') && w.length >= 3)) break;
      if (w.startsWith('ب') && AR_CITIES.has(w.slice(1))) break;
      if (/^[لب]/.test(w) && isNotName(w.slice(1))) break;
    }
    last = i;
    i++;
    count++;
  }
  if (count === 0 || last < 0) return null;
  // "شركة الاتصالات", "مجموعة القانون الجنائي": a definite first word is a common noun unless a sector
  // descriptor shows a company name ("شركة الأمل للتأمين").
  // A bank is named so more often than not ("بنك الأندلس", "مصرف الوداية"): there a definite word
  // that is no common noun is the name — not a bank of blood, data or food.
  const bankName =
    masculine && !NOT_A_BANK.has(first) && !isNotName(first.slice(2)) && !isArabicSectorWord(first.slice(2));
  if (first.startsWith('ال') && !described && !bankName) return null;
  const startWord = words[0];
  // …and one word long: what follows it is the sentence going on ("لبنك الأندلس لاعتماد…").
  const endWord = first.startsWith('ال') && !described ? startWord : words[last];
  if (!startWord || !endWord) return null;
  const start = origIndex(ctx, startWord.start);
  let end = origIndex(ctx, endWord.end - 1) + 1;
  while (end < ctx.text.length && AR_TRAILING_MARKS.test(ctx.text[end] ?? '')) end++;
  return { start, end };
}

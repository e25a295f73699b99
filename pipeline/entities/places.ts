// Moroccan cities: where a story happened (link details) and words that are never a company's name
// (salient names). Normalized forms (normalize.ts); alternatives separated by "|".
//
// The spellings the press uses, keyed by one name. Arabic names that are also
// ordinary words (الجديدة "the new", العيون "the eyes", الداخلة "the inner") are left out: a false
// shared place costs more than a missed one.
export const MOROCCAN_CITIES: Readonly<Record<string, { latin: string; arabic?: string }>> = {
  casablanca: { latin: 'casablanca', arabic: 'دار البيضاء?' },
  rabat: { latin: 'rabat', arabic: 'رباط' },
  tanger: { latin: 'tanger|tangier|tangiers|tanja', arabic: 'طنجه' },
  tetouan: { latin: 'tetouan|tetuan', arabic: 'تطوان' },
  fes: { latin: 'fes|fez', arabic: 'فاس' },
  meknes: { latin: 'meknes', arabic: 'مكناس' },
  marrakech: { latin: 'marrakech|marrakesh', arabic: 'مراكش' },
  agadir: { latin: 'agadir', arabic: 'اكادير' },
  oujda: { latin: 'oujda', arabic: 'وجده' },
  kenitra: { latin: 'kenitra', arabic: 'قنيطره' },
  nador: { latin: 'nador', arabic: 'ناظور' },
  eljadida: { latin: 'el jadida' },
  safi: { latin: 'safi', arabic: 'اسفي' },
  benimellal: { latin: 'beni mellal', arabic: 'بني ملال' },
  laayoune: { latin: 'laayoune|layoune' },
  dakhla: { latin: 'dakhla' },
  khouribga: { latin: 'khouribga', arabic: 'خريبكه' },
  settat: { latin: 'settat', arabic: 'سطات' },
  mohammedia: { latin: 'mohammedia', arabic: 'محمديه' },
  temara: { latin: 'temara', arabic: 'تماره' },
  essaouira: { latin: 'essaouira', arabic: 'صويره' },
  errachidia: { latin: 'errachidia', arabic: 'رشيديه' },
  ouarzazate: { latin: 'ouarzazate', arabic: 'ورزازات' },
  alhoceima: { latin: 'al hoceima|al-hoceima', arabic: 'حسيمه' },
  larache: { latin: 'larache', arabic: 'عرايش' },
  guelmim: { latin: 'guelmim', arabic: 'كلميم' },
};

/** Every Latin spelling of a city, normalized: "tanger", "tangier", "el jadida"... */
export const LATIN_CITY_NAMES: ReadonlySet<string> = new Set(
  Object.values(MOROCCAN_CITIES).flatMap((c) => c.latin.split('|')),
);

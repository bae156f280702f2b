//! The name lexicon: given names, surnames, English vocabulary, drug names,
//! clinical terms, eponyms and the cue words (titles, labels, relations)
//! the person recognizer reads, in one hash map built once per process.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A given name (SSA, Census 1990 or the curated international list).
pub(crate) const FIRST: u32 = 1;
/// A surname (Census 1990 or the curated international list).
pub(crate) const LAST: u32 = 1 << 1;
/// A very common English word (SCOWL sizes 10 and 20).
pub(crate) const COMMON: u32 = 1 << 2;
/// A less common English word (SCOWL sizes 35 to 50).
pub(crate) const WORD: u32 = 1 << 3;
/// A drug generic or brand name.
pub(crate) const DRUG: u32 = 1 << 4;
/// Clinical vocabulary.
pub(crate) const CLINICAL: u32 = 1 << 5;
/// A name used in eponyms, blocked with a possessive or a head noun.
pub(crate) const EPONYM: u32 = 1 << 6;
/// An eponym name that is never a person on its own.
pub(crate) const EPONYM_PURE: u32 = 1 << 7;
/// A noun that follows an eponym ("disease", "scale").
pub(crate) const EPONYM_HEAD: u32 = 1 << 8;
/// A month, weekday, state, nationality, language or similar proper word.
pub(crate) const PROPER: u32 = 1 << 9;
/// A title or honorific before a name ("Dr", "Mrs").
pub(crate) const TITLE: u32 = 1 << 10;
/// A relation word ("son", "wife", "neighbor").
pub(crate) const RELATION: u32 = 1 << 11;
/// A label word that introduces a name when followed by a colon.
pub(crate) const LABEL: u32 = 1 << 12;
/// A verb that introduces a name through "by" ("signed by").
pub(crate) const BY_VERB: u32 = 1 << 13;
/// A function word that is never part of a name.
pub(crate) const STOP: u32 = 1 << 14;
/// A lower-case name particle ("van", "de", "bin").
pub(crate) const PARTICLE: u32 = 1 << 15;
/// A generational suffix ("Jr", "III").
pub(crate) const SUFFIX: u32 = 1 << 16;
/// A sign-off word ("Sincerely", "Regards").
pub(crate) const SIGNOFF: u32 = 1 << 17;
/// A given name that may be reported in lower case.
pub(crate) const LOWER_OK: u32 = 1 << 18;
/// A verb that introduces a name through "with" ("spoke with").
pub(crate) const WITH_VERB: u32 = 1 << 19;
/// A given name never reported in lower case ("max", "ana").
pub(crate) const NO_LOWER: u32 = 1 << 20;
/// A verb whose subject is a person ("Rose said").
pub(crate) const SUBJECT_VERB: u32 = 1 << 21;
/// A verb whose object is a person ("notified Maria").
pub(crate) const OBJECT_VERB: u32 = 1 << 22;

/// One lexicon entry.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Entry {
    pub(crate) flags: u32,
    /// Rank among given names (0 = most frequent); `u32::MAX` when none.
    pub(crate) first_rank: u32,
    /// Rank among surnames; `u32::MAX` when none.
    pub(crate) last_rank: u32,
}

/// The lexicon.
pub(crate) struct Lexicon {
    map: HashMap<Box<str>, Entry>,
    postnominals: HashMap<Box<str>, ()>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("entries", &self.map.len())
            .field("postnominals", &self.postnominals.len())
            .finish()
    }
}

const FIRST_NAMES: &str = include_str!("../../data/names/first_names.txt");
const INTL_FIRST: &str = include_str!("../../data/names/intl_first.txt");
const SURNAMES: &str = include_str!("../../data/names/surnames.txt");
const INTL_SURNAMES: &str = include_str!("../../data/names/intl_surnames.txt");
const WORDS_COMMON: &str = include_str!("../../data/names/words_common.txt");
const WORDS: &str = include_str!("../../data/names/words.txt");
const DRUGS: &str = include_str!("../../data/names/drugs.txt");
const CLINICAL_TERMS: &str = include_str!("../../data/names/clinical.txt");
const EPONYMS: &str = include_str!("../../data/names/eponyms.txt");
const EPONYM_HEADS: &str = include_str!("../../data/names/eponym_heads.txt");
const PROPER_WORDS: &str = include_str!("../../data/names/proper_words.txt");
const CUES: &str = include_str!("../../data/names/cues.txt");
/// Spoken number words ("sixty", "ninth"): never names, in any case.
const NUMBER_WORDS: &str = include_str!("../../data/spoken/numbers.tsv");

/// Lines of a data file without comments and blanks.
fn lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    /// The process-wide lexicon.
    pub(crate) fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(Lexicon::build)
    }

    fn build() -> Lexicon {
        let mut lex = Lexicon {
            map: HashMap::with_capacity(200_000),
            postnominals: HashMap::new(),
        };
        let mut rank = 0u32;
        for name in lines(FIRST_NAMES) {
            lex.add_name(name, FIRST, rank);
            rank += 1;
        }
        // Curated names rank as frequent: they were chosen for being common.
        for name in lines(INTL_FIRST) {
            lex.add_name(name, FIRST, 500);
        }
        rank = 0;
        for name in lines(SURNAMES) {
            lex.add_name(name, LAST, rank);
            rank += 1;
        }
        for name in lines(INTL_SURNAMES) {
            lex.add_name(name, LAST, 1000);
        }
        for w in lines(WORDS_COMMON) {
            lex.add(w, COMMON);
        }
        for w in lines(WORDS) {
            lex.add(w, WORD);
        }
        for w in lines(DRUGS) {
            lex.add(w, DRUG);
        }
        for w in lines(CLINICAL_TERMS) {
            lex.add(w, CLINICAL);
        }
        for w in lines(EPONYMS) {
            let (w, pure) = match w.strip_suffix('*') {
                Some(w) => (w.trim(), EPONYM_PURE),
                None => (w, 0),
            };
            for part in w.split_whitespace() {
                lex.add(part, EPONYM | pure);
            }
        }
        for w in lines(EPONYM_HEADS) {
            lex.add(w, EPONYM_HEAD);
        }
        for line in lines(NUMBER_WORDS) {
            if let Some(w) = line.split('\t').next() {
                lex.add(w.trim(), STOP);
            }
        }
        for w in lines(PROPER_WORDS) {
            for part in w.split_whitespace() {
                lex.add(part, PROPER);
            }
        }
        for line in lines(CUES) {
            let Some((kind, words)) = line.split_once(':') else {
                continue;
            };
            let flag = match kind.trim() {
                "title" => TITLE,
                "relation" => RELATION,
                "label" => LABEL,
                "by" => BY_VERB,
                "with" => WITH_VERB,
                "stop" => STOP,
                "particle" => PARTICLE,
                "suffix" => SUFFIX,
                "signoff" => SIGNOFF,
                "lower" => LOWER_OK,
                "nolower" => NO_LOWER,
                "subjectverb" => SUBJECT_VERB,
                "object" => OBJECT_VERB,
                "namey" => {
                    // Names whose word reading is rare in notes ("smith").
                    for w in words.split_whitespace() {
                        if let Some(e) = lex.map.get_mut(w) {
                            e.flags &= !(COMMON | WORD);
                        }
                    }
                    continue;
                }
                "postnominal" => {
                    for w in words.split_whitespace() {
                        lex.postnominals.insert(w.to_ascii_uppercase().into(), ());
                    }
                    continue;
                }
                _ => continue,
            };
            for w in words.split_whitespace() {
                lex.add(w, flag);
            }
        }
        lex
    }

    fn add(&mut self, word: &str, flag: u32) {
        let key = fold(word);
        let e = self.map.entry(key.into_boxed_str()).or_insert(Entry {
            flags: 0,
            first_rank: u32::MAX,
            last_rank: u32::MAX,
        });
        e.flags |= flag;
    }

    fn add_name(&mut self, name: &str, flag: u32, rank: u32) {
        for part in name.split_whitespace() {
            let key = fold(part);
            let e = self.map.entry(key.into_boxed_str()).or_insert(Entry {
                flags: 0,
                first_rank: u32::MAX,
                last_rank: u32::MAX,
            });
            e.flags |= flag;
            if flag == FIRST {
                e.first_rank = e.first_rank.min(rank);
            } else {
                e.last_rank = e.last_rank.min(rank);
            }
        }
    }

    /// Looks up an already folded word.
    pub(crate) fn lookup(&self, folded: &str) -> Option<Entry> {
        self.map.get(folded).copied()
    }

    /// Looks up a word in any case, with an accent-free fallback.
    pub(crate) fn lookup_word(&self, word: &str, buf: &mut String) -> Option<Entry> {
        fold_into(word, buf);
        if let Some(e) = self.lookup(buf) {
            return Some(e);
        }
        if !buf.is_ascii() {
            let stripped: String = buf.chars().map(strip_accent).collect();
            return self.lookup(&stripped);
        }
        None
    }

    /// True when `s` (letters, dots, hyphens, slashes) is a post-nominal
    /// ("MD", "M.D.", "PhD", "PA-C", "FNP-BC").
    pub(crate) fn is_postnominal(&self, s: &str) -> bool {
        if s.len() > 12 {
            return false;
        }
        let key: String = s
            .chars()
            .filter(|&c| c != '.')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        self.postnominals.contains_key(key.as_str())
    }
}

/// Folds a word for lookup: lower case, typographic apostrophes and
/// hyphens made ASCII.
pub(crate) fn fold(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    fold_into(word, &mut s);
    s
}

/// Folds `word` into `buf` (cleared first).
pub(crate) fn fold_into(word: &str, buf: &mut String) {
    buf.clear();
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '`' => buf.push('\''),
            '\u{2010}' | '\u{2011}' | '\u{2013}' => buf.push('-'),
            c if c.is_ascii() => buf.push(c.to_ascii_lowercase()),
            c => buf.extend(c.to_lowercase()),
        }
    }
}

/// The base letter of a lower-case accented Latin letter (for looking up
/// "Núñez" in an accent-free list).
pub(crate) fn strip_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ạ' | 'ả' | 'ấ' | 'ầ' | 'ẩ' | 'ẫ'
        | 'ậ' | 'ắ' | 'ằ' | 'ẳ' | 'ẵ' | 'ặ' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ẹ' | 'ẻ' | 'ẽ' | 'ế' | 'ề' | 'ể'
        | 'ễ' | 'ệ' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ỉ' | 'ị' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ơ' | 'ọ' | 'ỏ' | 'ố' | 'ồ' | 'ổ'
        | 'ỗ' | 'ộ' | 'ớ' | 'ờ' | 'ở' | 'ỡ' | 'ợ' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ư' | 'ụ' | 'ủ' | 'ứ' | 'ừ'
        | 'ử' | 'ữ' | 'ự' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' | 'ỳ' | 'ỵ' | 'ỷ' | 'ỹ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        c => c,
    }
}

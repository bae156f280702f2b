//! The person-name recognizer: one pass over tokens, dictionary look-ups
//! and the cues around a run of name-shaped words.

use phimask_core::document::Document;
use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use phimask_core::{Candidate, Context, Entity, Error, Recognizer, Span};

use super::lexicon::*;
use super::tokens::{tokenize, Case, Kind, Tok};

/// How a word can take part in a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// Punctuation or a number.
    NotWord,
    /// A known name that is not a common word ("Maria", "Okonkwo").
    Strong,
    /// A known name that is also a common word, month or state ("Rose").
    Weak,
    /// A capitalized word in no list ("Xochitlzin").
    Unknown,
    /// Anything else: English words, drugs, clinical terms, cue words.
    NonName,
    /// A lower-case particle ("van", "de", "bin").
    Particle,
    /// A single capital letter ("J" in "J. Smith").
    Initial,
    /// A generational suffix ("Jr").
    Suffix,
}

/// What the recognizer learned about one token.
#[derive(Clone, Copy, Debug)]
struct Info {
    class: Class,
    flags: u32,
    first_rank: u32,
    last_rank: u32,
    /// A name used as an eponym here ("Parkinson's disease").
    eponym: bool,
}

impl Info {
    const NONE: Info = Info {
        class: Class::NotWord,
        flags: 0,
        first_rank: u32::MAX,
        last_rank: u32::MAX,
        eponym: false,
    };

    fn is_name(&self) -> bool {
        matches!(self.class, Class::Strong | Class::Weak | Class::Unknown)
    }

    fn has(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }
}

/// Evidence found around a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    Title,
    Label,
    By,
    With,
    Relation,
    Dear,
    Signature,
    PatientWord,
    PostNominal,
    Email,
    RelationAfter,
    Intro,
}

impl Cue {
    fn pattern(self) -> &'static str {
        match self {
            Cue::Title => "person_title",
            Cue::Label => "person_label",
            Cue::By => "person_signed_by",
            Cue::With => "person_with",
            Cue::Relation => "person_relation",
            Cue::Dear => "person_dear",
            Cue::Signature => "person_signature",
            Cue::PatientWord => "person_patient",
            Cue::PostNominal => "person_postnominal",
            Cue::Email => "person_email_header",
            Cue::RelationAfter => "person_relation_after",
            Cue::Intro => "person_self_intro",
        }
    }

    /// Cues strong enough for a single common-word name ("Dr. Hope").
    fn is_strong(self) -> bool {
        !matches!(self, Cue::With | Cue::PatientWord)
    }
}

/// Finds person names (patients, relatives, clinicians) in free text.
///
/// It tokenizes the text once, looks every word up in one hash map (given
/// names and surnames from the US Census and SSA, a curated international
/// list, English vocabulary, drug names, clinical terms and eponyms), and
/// scores each run of name-shaped words by the evidence around it: titles
/// ("Dr."), labels ("Patient:"), relations ("her son David"), sign-offs,
/// post-nominals ("Jane Roe, MD"), the "LAST, FIRST" form, and whether the
/// words are known names that are not common English words. Names confirmed
/// by strong evidence are then found again elsewhere in the same text.
///
/// # Example
/// ```
/// use phimask_core::Analyzer;
/// use phimask_recognizers::names::PersonRecognizer;
/// let analyzer = Analyzer::builder().add_recognizer(PersonRecognizer::new()).build()?;
/// let text = "Seen with her son David and Dr. Okonkwo.";
/// let found: Vec<_> = analyzer.analyze(text)?.detections.iter()
///     .filter_map(|d| d.text(text)).collect();
/// assert_eq!(found, ["David", "Okonkwo"]);
/// # Ok::<(), phimask_core::Error>(())
/// ```
pub struct PersonRecognizer {
    lex: &'static Lexicon,
    entities: [Entity; 1],
    id: Arc<str>,
}

impl fmt::Debug for PersonRecognizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PersonRecognizer")
            .field("id", &self.id)
            .finish()
    }
}

impl Default for PersonRecognizer {
    fn default() -> Self {
        PersonRecognizer::new()
    }
}

impl PersonRecognizer {
    /// The recognizer with the built-in lexicon (built once per process).
    pub fn new() -> PersonRecognizer {
        PersonRecognizer {
            lex: Lexicon::get(),
            entities: [Entity::Person],
            id: Arc::from("person"),
        }
    }
}

impl Recognizer for PersonRecognizer {
    fn id(&self) -> &str {
        &self.id
    }

    fn entities(&self) -> &[Entity] {
        &self.entities
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        _ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        let text = doc.text();
        let from = out.len();
        let mut scan = Scan::new(self.lex, text);
        scan.run(out);
        super::bridge::bridge(text, out, from);
        Ok(())
    }
}

/// The end of a lower-case name after its first word.
#[derive(Clone, Copy, Debug)]
struct LowerTail {
    end_tok: usize,
    end: usize,
    initial: bool,
    names: usize,
}

/// Letters that close a sentence or a field before the next word.
fn is_sentence_break(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | ':'
            | ';'
            | '"'
            | '\u{201C}'
            | '\u{201D}'
            | '('
            | '['
            | '*'
            | '•'
            | '-'
            | '\u{2013}'
            | '\u{2014}'
            | '>'
            | '|'
            | '#'
    )
}

struct Scan<'t> {
    lex: &'static Lexicon,
    text: &'t str,
    toks: Vec<Tok>,
    info: Vec<Info>,
    /// Token indices covered by a reported name.
    covered: Vec<bool>,
    /// Folded words of names confirmed by strong evidence.
    confirmed: HashSet<String>,
    buf: String,
}

impl<'t> Scan<'t> {
    fn new(lex: &'static Lexicon, text: &'t str) -> Scan<'t> {
        let mut toks = Vec::with_capacity(text.len() / 5 + 1);
        tokenize(text, &mut toks);
        let mut scan = Scan {
            lex,
            text,
            info: vec![Info::NONE; toks.len()],
            covered: vec![false; toks.len()],
            toks,
            confirmed: HashSet::new(),
            buf: String::with_capacity(32),
        };
        for i in 0..scan.toks.len() {
            scan.info[i] = scan.classify(i);
        }
        for i in 0..scan.toks.len() {
            if scan.info[i].has(EPONYM) && scan.is_eponym_use(i) {
                scan.info[i].eponym = true;
            }
        }
        scan
    }

    fn word(&self, i: usize) -> &'t str {
        let t = &self.toks[i];
        &self.text[t.start..t.name_end]
    }

    fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    fn is_punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Punct(c))
    }

    /// True when word `i` (any case) has `flag` in the lexicon.
    fn word_has(&self, i: usize, flag: u32) -> bool {
        self.is_word(i) && self.info[i].has(flag)
    }

    fn word_is(&self, i: usize, w: &str) -> bool {
        self.is_word(i) && self.word(i).eq_ignore_ascii_case(w)
    }

    fn classify(&mut self, i: usize) -> Info {
        let t = self.toks[i];
        if t.kind != Kind::Word {
            return Info::NONE;
        }
        let word = &self.text[t.start..t.name_end];
        let entry = self.lex.lookup_word(word, &mut self.buf);
        let (flags, first_rank, last_rank) = entry.map_or((0, u32::MAX, u32::MAX), |e| {
            (e.flags, e.first_rank, e.last_rank)
        });
        let mut info = Info {
            class: Class::NonName,
            flags,
            first_rank,
            last_rank,
            eponym: false,
        };
        info.class = if entry.is_none() && t.compound {
            let (class, name_flags) = self.classify_compound(word, t.case);
            info.flags |= name_flags;
            class
        } else {
            class_of(flags, first_rank, last_rank, t.case, t.letters)
        };
        // A name the lexicon keeps for eponyms only ("Crohn", "Alzheimer")
        // is a person after a title ("Mr. Crohn called").
        if info.class == Class::NonName
            && flags & EPONYM_PURE != 0
            && flags & (DRUG | CLINICAL | STOP) == 0
            && matches!(t.case, Case::Title | Case::Upper)
            && self.title_right_before(i)
        {
            info.class = Class::Unknown;
        }
        if info.class == Class::Particle && t.letters == 1 && word.is_ascii() {
            // Only the accented "Ó" is a one-letter particle; "y", "e" and
            // "E" keep their plain reading.
            info.class = if t.case == Case::Upper {
                Class::Initial
            } else {
                Class::NonName
            };
        }
        if info.class == Class::Initial {
            let dotted = self.is_punct(i + 1, '.') && self.toks[i + 1].start == t.end;
            if !dotted && flags & STOP != 0 {
                info.class = Class::NonName;
            }
        }
        info
    }

    /// True when a title ("Dr", "Mrs.") stands right before token `i` on its
    /// line.
    fn title_right_before(&mut self, i: usize) -> bool {
        if i == 0 || self.toks[i].nl_before {
            return false;
        }
        let mut p = i - 1;
        if self.is_punct(p, '.') && p > 0 {
            p -= 1;
        }
        let t = self.toks[p];
        if t.kind != Kind::Word {
            return false;
        }
        let word = &self.text[t.start..t.name_end];
        self.lex
            .lookup_word(word, &mut self.buf)
            .is_some_and(|e| e.flags & TITLE != 0)
    }

    /// Classifies "Lopez-Garcia", "O'Neil", "Al-Rashid" from their parts.
    fn classify_compound(&mut self, word: &str, case: Case) -> (Class, u32) {
        let mut name_flags = 0;
        let class = self.compound_class(word, case, &mut name_flags);
        (class, name_flags)
    }

    fn compound_class(&mut self, word: &str, case: Case, name_flags: &mut u32) -> Class {
        let mut any_strong = false;
        let mut any_unknown = false;
        let mut all_name = true;
        let mut parts = 0;
        let mut buf = std::mem::take(&mut self.buf);
        let pieces = word.split(|c: char| {
            matches!(
                c,
                '-' | '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{2010}' | '\u{2011}'
            )
        });
        for (k, part) in pieces.enumerate() {
            if part.is_empty() {
                continue;
            }
            let letters = part.chars().count();
            // "O'", "D'", "L'" prefixes carry no information.
            if k == 0 && letters == 1 && word.contains(['\'', '\u{2019}', '\u{2018}', '`']) {
                continue;
            }
            parts += 1;
            let e = self.lex.lookup_word(part, &mut buf);
            let (f, fr, lr) = e.map_or((0, u32::MAX, u32::MAX), |e| {
                (e.flags, e.first_rank, e.last_rank)
            });
            if f & (DRUG | CLINICAL | EPONYM_PURE | STOP | RELATION) != 0 && f & (FIRST | LAST) == 0
            {
                self.buf = buf;
                return Class::NonName;
            }
            if f & EPONYM_PURE != 0 {
                self.buf = buf;
                return Class::NonName;
            }
            *name_flags |= f & (FIRST | LAST | EPONYM);
            let pcase = case_of(part);
            match class_of(f, fr, lr, pcase, letters) {
                Class::Strong => any_strong = true,
                Class::Weak | Class::Particle => {}
                Class::Unknown => any_unknown = true,
                _ => {
                    // A lower-case part of a capitalized word ("Kim-ly")
                    // with no meaning of its own still counts as a name.
                    if f == 0 && letters >= 2 {
                        any_unknown = true;
                    } else {
                        all_name = false;
                    }
                }
            }
        }
        self.buf = buf;
        if parts == 0 || !all_name || case == Case::Lower {
            return Class::NonName;
        }
        if any_strong {
            Class::Strong
        } else if any_unknown {
            Class::Unknown
        } else {
            Class::Weak
        }
    }

    /// True when eponym-name token `i` is used as an eponym here.
    fn is_eponym_use(&self, i: usize) -> bool {
        let info = self.info[i];
        if info.has(EPONYM_PURE) {
            return true;
        }
        // The next word, skipping a trailing apostrophe ("Graves' disease").
        let mut j = i + 1;
        let trailing_apos = self.toks.get(j).is_some_and(|t| {
            matches!(t.kind, Kind::Punct('\'') | Kind::Punct('\u{2019}'))
                && t.start == self.toks[i].end
        });
        if trailing_apos {
            j += 1;
        }
        // A head across a table gap or a line break is another field.
        if self
            .toks
            .get(j)
            .is_some_and(|t| t.nl_before || t.wide_before)
        {
            return false;
        }
        let next_head = self.word_has(j, EPONYM_HEAD)
            || (self.word_has(j, EPONYM) && self.word_has(j + 1, EPONYM_HEAD));
        next_head || (self.toks[i].possessive && self.word_has(j, CLINICAL))
    }

    fn is_capitalized(&self, i: usize) -> bool {
        self.is_word(i) && matches!(self.toks[i].case, Case::Title | Case::Upper)
    }

    fn sentence_start(&self, i: usize) -> bool {
        if i == 0 || self.toks[i].nl_before {
            return true;
        }
        match self.toks[i - 1].kind {
            Kind::Punct(c) => is_sentence_break(c),
            _ => false,
        }
    }

    /// May token `i` be part of a capitalized name run?
    fn run_member(&self, i: usize, allow_eponym: bool) -> bool {
        let info = self.info[i];
        let t = &self.toks[i];
        match info.class {
            Class::Strong | Class::Weak | Class::Unknown => {
                matches!(t.case, Case::Title | Case::Upper) && (allow_eponym || !info.eponym)
            }
            Class::Initial | Class::Suffix => true,
            Class::Particle => true,
            _ => false,
        }
    }

    /// The run of capitalized name-shaped words starting at token `s`:
    /// returns the word-token indices.
    fn build_run(&self, s: usize, allow_eponym: bool, run: &mut Vec<usize>) {
        run.clear();
        let mut i = s;
        let mut after_initial = false;
        loop {
            if i >= self.toks.len() || self.covered[i] {
                break;
            }
            let t = self.toks[i];
            // "J.S.": initials may follow each other without a space.
            let joined_initials = run
                .last()
                .is_some_and(|&p| self.info[p].class == Class::Initial)
                && self.info[i].class == Class::Initial;
            if !run.is_empty()
                && (t.nl_before || t.wide_before || (!t.space_before && !joined_initials))
            {
                break;
            }
            // "St. Clair": "St." before a capitalized name is part of it.
            let saint = self.toks[i].case == Case::Title
                && self.word_is(i, "st")
                && self.is_punct(i + 1, '.')
                && self.toks[i + 1].start == t.end
                && self.is_capitalized(i + 2)
                && self.info[i + 2].is_name()
                && !self.toks[i + 2].nl_before;
            if saint {
                run.push(i);
                i += 2;
                continue;
            }
            let member = self.run_member(i, allow_eponym)
                || (after_initial
                    && self.info[run[0]].class == Class::Strong
                    && self.info[run[0]].has(FIRST)
                    && self.is_capitalized(i)
                    && self.info[i].class == Class::NonName
                    && self.info[i].flags & (DRUG | CLINICAL | STOP | PROPER) == 0
                    && !self.info[i].eponym);
            if !member {
                break;
            }
            let class = self.info[i].class;
            if run.is_empty()
                && (class == Class::Suffix
                    || (class == Class::Particle && !self.particle_leads_name(i)))
            {
                break;
            }
            if class == Class::Suffix
                && !run.last().is_some_and(|&p| {
                    self.info[p].is_name() || self.info[p].class == Class::Initial
                })
            {
                break;
            }
            run.push(i);
            if t.possessive || run.len() >= 6 {
                break;
            }
            after_initial = false;
            if class == Class::Initial {
                if self.is_punct(i + 1, '.') && self.toks[i + 1].start == t.end {
                    // "J." then the next word.
                    after_initial = run.len() > 1;
                    i += 2;
                    continue;
                }
                if run.len() == 1 {
                    // A bare capital letter cannot start a name.
                    run.clear();
                    break;
                }
            }
            if class == Class::Suffix {
                break;
            }
            i += 1;
        }
        // In capitals, common words next to names are words ("JOHN SMITH
        // SEEN TODAY"): trim them from both ends while a strong name stays.
        let caps_word = |k: usize| {
            self.toks[k].case == Case::Upper
                && self.info[k].class == Class::Weak
                && self.info[k].has(COMMON | WORD)
                && !self.info[k].has(FIRST)
                && self.info[k].last_rank > 10_000
        };
        let has_strong = |run: &[usize]| run.iter().any(|&k| self.info[k].class == Class::Strong);
        while run.len() > 1
            && run.last().is_some_and(|&k| caps_word(k))
            && has_strong(&run[..run.len() - 1])
        {
            run.pop();
        }
        while run.len() > 1 && caps_word(run[0]) && has_strong(&run[1..]) {
            run.remove(0);
        }
        // Trim trailing particles, and bare initials not between names.
        while let Some(&last) = run.last() {
            let c = self.info[last].class;
            let bare_initial = c == Class::Initial
                && !(self.is_punct(last + 1, '.')
                    && self.toks[last + 1].start == self.toks[last].end);
            if c == Class::Particle || bare_initial {
                run.pop();
            } else {
                break;
            }
        }
    }

    /// True when lower-case particle `i` starts a capitalized name ("de la
    /// Cruz", "van der Berg").
    fn particle_leads_name(&self, i: usize) -> bool {
        if self.info[i].class != Class::Particle {
            return false;
        }
        let mut k = i + 1;
        while k < self.toks.len() && k <= i + 2 {
            let t = self.toks[k];
            if t.nl_before || !t.space_before || t.wide_before {
                return false;
            }
            if self.info[k].class == Class::Particle {
                k += 1;
                continue;
            }
            return self.is_capitalized(k)
                && matches!(
                    self.info[k].class,
                    Class::Strong | Class::Weak | Class::Unknown
                );
        }
        false
    }

    /// The end offset of a run (an initial's period included).
    fn run_end(&self, run: &[usize]) -> usize {
        let Some(&last) = run.last() else {
            return 0;
        };
        let t = self.toks[last];
        if self.info[last].class == Class::Initial
            && self.is_punct(last + 1, '.')
            && self.toks[last + 1].start == t.end
        {
            return self.toks[last + 1].end;
        }
        if self.info[last].class == Class::Suffix
            && self.is_punct(last + 1, '.')
            && self.toks[last + 1].start == t.end
        {
            return self.toks[last + 1].end;
        }
        t.name_end
    }

    /// The last token index a run uses (an initial's period included).
    fn run_last_tok(&self, run: &[usize]) -> usize {
        let Some(&last) = run.last() else {
            return 0;
        };
        if matches!(self.info[last].class, Class::Initial | Class::Suffix)
            && self.is_punct(last + 1, '.')
            && self.toks[last + 1].start == self.toks[last].end
        {
            last + 1
        } else {
            last
        }
    }

    /// Evidence before the run starting at token `s`.
    fn cue_before(&self, s: usize) -> Option<Cue> {
        if s == 0 {
            return None;
        }
        let first = self.toks[s];
        let mut p = s - 1;
        // Title: "Dr. X", "Mrs X", same line.
        if !first.nl_before {
            let title_at = if self.is_punct(p, '.') && p > 0 {
                p - 1
            } else {
                p
            };
            if self.word_has(title_at, TITLE)
                && !self.toks[title_at].possessive
                && self.is_title_here(title_at)
            {
                return Some(Cue::Title);
            }
        }
        // "-Frank" at the end of a line: a signature.
        if matches!(self.toks[p].kind, Kind::Punct('-' | '\u{2014}' | '~'))
            && (self.toks[p].nl_before || self.toks[p].space_before)
            && self.toks[p].end == first.start
            && self.line_ends_after_name(s)
        {
            return Some(Cue::Signature);
        }
        // Label: "Patient: X", "Referring physician - X", "Signed by: X".
        if self.is_punct(p, ':') || (self.is_punct(p, '-') && !first.nl_before) {
            if p == 0 {
                return None;
            }
            let w = p - 1;
            if self.word_has(w, LABEL | RELATION) {
                return Some(Cue::Label);
            }
            if self.word_is(w, "by") {
                return Some(Cue::By);
            }
            if self.word_is(w, "name") || self.word_is(w, "named") {
                return Some(Cue::Label);
            }
            return None;
        }
        if first.nl_before {
            // A name alone on the line after a sign-off ("Sincerely,").
            let mut q = p;
            while q > 0 && matches!(self.toks[q].kind, Kind::Punct(',' | '.' | '!' | '-')) {
                q -= 1;
            }
            if self.word_has(q, SIGNOFF) && self.line_is_short(q) {
                return Some(Cue::Signature);
            }
            return None;
        }
        // "Dear X".
        if self.word_is(p, "dear") {
            return Some(Cue::Dear);
        }
        // "thx Hope", "thank you Maria": a sign-off word right before.
        if self.word_has(p, SIGNOFF)
            || (self.word_is(p, "you") && p > 0 && self.word_is(p - 1, "thank"))
        {
            return Some(Cue::Signature);
        }
        // Self-introductions: "its hope", "it's Maria", "this is Will",
        // "my name is X", "i'm X".
        let intro = self.word_is(p, "its")
            || (self.word_is(p, "it") && self.toks[p].possessive)
            || self.word_is(p, "i'm")
            || self.word_is(p, "im")
            || (p > 0
                && self.word_is(p, "is")
                && (self.word_is(p - 1, "this") || self.word_is(p - 1, "name")))
            || (p > 0 && self.word_is(p, "am") && self.word_is(p - 1, "i"));
        if intro {
            return Some(Cue::Intro);
        }
        if self.word_is(p, "by") && p > 0 && self.by_verb_before(p) {
            return Some(Cue::By);
        }
        if self.word_is(p, "with") && p > 0 && self.word_has(p - 1, WITH_VERB) {
            return Some(Cue::With);
        }
        if self.word_has(p, OBJECT_VERB) && self.toks[p].case != Case::Upper {
            return Some(Cue::With);
        }
        // Relation: "her son David", "wife, Maria", "mother (Gloria)",
        // "a friend named Jo".
        if (self.is_punct(p, ',') || self.is_punct(p, '(')) && p > 0 {
            p -= 1;
            if self.word_has(p, RELATION) && !self.toks[p].possessive {
                return Some(Cue::Relation);
            }
            if self.word_has(p, SIGNOFF) {
                return Some(Cue::Signature);
            }
            return None;
        }
        if (self.word_is(p, "named") || self.word_is(p, "called") || self.word_is(p, "name"))
            && p > 0
        {
            return Some(Cue::Relation);
        }
        if self.word_has(p, RELATION) && !self.toks[p].possessive {
            return Some(Cue::Relation);
        }
        if self.word_is(p, "patient") || self.word_is(p, "pt") || self.word_is(p, "client") {
            return Some(Cue::PatientWord);
        }
        None
    }

    /// True when a "by" verb ("signed", "printed") stands at most five
    /// tokens before the "by" at `p`, on the same line, with only dates
    /// and numbers between ("Printed Jun 12 2026 by").
    fn by_verb_before(&self, p: usize) -> bool {
        let mut k = p;
        let mut steps = 0;
        while k > 0 && steps < 5 && !self.toks[k].nl_before {
            k -= 1;
            steps += 1;
            if self.word_has(k, BY_VERB) {
                return true;
            }
            let t = self.toks[k];
            let dateish = t.kind == Kind::Num
                || self.info[k].has(PROPER)
                || matches!(t.kind, Kind::Punct(',' | '/' | '-' | ':'));
            if !dateish {
                return false;
            }
        }
        false
    }

    /// Is the TITLE word at `i` a title here (not "Elm Dr." as a street)?
    fn is_title_here(&self, i: usize) -> bool {
        let w = self.word(i);
        if w.eq_ignore_ascii_case("dr") && i >= 2 {
            let street = self.is_capitalized(i - 1)
                && self.info[i - 1].class != Class::NonName
                && (self.toks[i - 2].kind == Kind::Num
                    || (i >= 3 && self.toks[i - 3].kind == Kind::Num));
            if street {
                return false;
            }
        }
        // Relation-like titles ("sister", "nurse", "father") need capitals
        // or a following capitalized name; the caller checks the latter.
        true
    }

    /// True when the name words from `s` run to the end of the line.
    fn line_ends_after_name(&self, s: usize) -> bool {
        let mut k = s;
        while k < self.toks.len() && k < s + 5 {
            if k > s && self.toks[k].nl_before {
                return true;
            }
            if !(self.is_capitalized(k) || self.is_punct(k, '.')) {
                return false;
            }
            k += 1;
        }
        k >= self.toks.len()
    }

    /// True when the line holding token `i` has at most 4 tokens before it.
    fn line_is_short(&self, i: usize) -> bool {
        let mut k = i;
        let mut n = 0;
        while k > 0 && !self.toks[k].nl_before {
            k -= 1;
            n += 1;
            if n > 4 {
                return false;
            }
        }
        true
    }

    /// Evidence after a run that ends at token `e` (inclusive).
    fn cue_after(&self, e: usize, end: usize) -> Option<Cue> {
        let rest = &self.text[end..];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        let after_comma = trimmed
            .strip_prefix([',', '('])
            .map_or(trimmed, |r| r.trim_start_matches([' ', '\t']));
        // Post-nominal: "Jane Roe, MD", "John Smith PhD".
        let cred: &str = {
            let n = after_comma
                .char_indices()
                .find(|&(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/')))
                .map_or(after_comma.len(), |(k, _)| k);
            after_comma[..n].trim_end_matches(['.', '-', '/'])
        };
        if !cred.is_empty()
            && cred.starts_with(|c: char| c.is_ascii_uppercase())
            && cred.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
            && self.lex.is_postnominal(cred)
        {
            return Some(Cue::PostNominal);
        }
        // E-mail header: "John Smith <jsmith@example.org>".
        if let Some(r) = trimmed.strip_prefix(['<', '(']) {
            let close = r.find(['>', ')']).unwrap_or(r.len());
            if close <= 80 && r[..close].contains('@') {
                return Some(Cue::Email);
            }
        }
        // Possessive before a relation: "Brown's wife", "Rose's therapist".
        if self.toks[e].possessive
            && self.word_has(e + 1, RELATION)
            && self.toks[e + 1].case == Case::Lower
        {
            return Some(Cue::RelationAfter);
        }
        // Relation after: "Maria (wife)", "David, her son".
        let mut j = e + 1;
        if self.is_punct(j, ',') || self.is_punct(j, '(') {
            j += 1;
            let pron = [
                "his", "her", "their", "pt", "patient", "the", "a", "my", "our",
            ];
            if pron.iter().any(|p| self.word_is(j, p)) {
                j += 1;
            }
            if self.word_has(j, RELATION) && self.toks[j].case == Case::Lower {
                return Some(Cue::RelationAfter);
            }
        }
        None
    }

    fn push(
        &mut self,
        out: &mut Vec<Candidate>,
        start: usize,
        end: usize,
        score: f32,
        pattern: &'static str,
        context: bool,
    ) {
        if end <= start {
            return;
        }
        let mut c =
            Candidate::new(Span::new(start, end), Entity::Person, score).with_pattern(pattern);
        c.context_applied = context;
        out.push(c);
    }

    fn confirm(&mut self, run: &[usize], weak_too: bool) {
        for &i in run {
            let class = self.info[i].class;
            let ok = matches!(class, Class::Strong | Class::Unknown)
                || (class == Class::Weak && (weak_too || !self.info[i].has(COMMON)))
                || (class == Class::NonName
                    && self.info[i].flags == 0
                    && self.toks[i].case == Case::Upper);
            if ok && self.toks[i].letters >= 2 {
                let w = self.word(i);
                fold_into(w, &mut self.buf);
                if !self.confirmed.contains(self.buf.as_str()) {
                    self.confirmed.insert(self.buf.clone());
                }
            }
        }
    }

    /// Names in table columns headed "Provider", "Patient" and the like.
    fn table_cells(&mut self, out: &mut Vec<Candidate>) {
        let mut cells = Vec::new();
        super::table::table_names(self.text, self.lex, &mut cells);
        for c in cells {
            let from = self.toks.partition_point(|t| t.start < c.start);
            let mut k = from;
            while k < self.toks.len() && self.toks[k].start < c.end {
                self.covered[k] = true;
                k += 1;
            }
            self.push(out, c.start, c.end, 0.85, "person_table", true);
        }
    }

    fn run(&mut self, out: &mut Vec<Candidate>) {
        self.table_cells(out);
        let mut run = Vec::with_capacity(8);
        let mut run2 = Vec::with_capacity(8);
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            if self.toks[i].kind != Kind::Word || self.covered[i] {
                i += 1;
                continue;
            }
            if self.toks[i].case == Case::Lower && !self.particle_leads_name(i) {
                i = self.lower_case_at(i, out);
                continue;
            }
            // A capitalized cue word before a name ("Friend Tamika", "Nurse
            // Joy") is the cue, not part of the name.
            if self.info[i].has(RELATION | TITLE | LABEL)
                && self.is_capitalized(i + 1)
                && !self.toks[i + 1].nl_before
                && (self.info[i + 1].is_name()
                    || (self.word_is(i + 1, "st") && self.is_punct(i + 2, '.')))
            {
                i += 1;
                continue;
            }
            let cue = self.cue_before(i);
            self.build_run(i, cue == Some(Cue::Title), &mut run);
            if run.is_empty() {
                i += 1;
                continue;
            }
            // "M.D.", "R.N." spelled with periods are credentials.
            if self.info[run[0]].class == Class::Initial {
                let mut k = 0;
                while k < run.len() && self.info[run[k]].class == Class::Initial {
                    k += 1;
                }
                let from = self.toks[run[0]].start;
                let to = self.run_end(&run[..k]);
                if k >= 2
                    && k == run.len()
                    && to > from
                    && self.lex.is_postnominal(&self.text[from..to])
                {
                    i = self.run_last_tok(&run[..k]) + 1;
                    continue;
                }
            }
            let last_tok = self.run_last_tok(&run);
            let start = self.toks[run[0]].start;
            let end = self.run_end(&run);

            // LAST, FIRST [M].
            let comma = last_tok + 1;
            if self.is_punct(comma, ',')
                && !self.toks[comma].nl_before
                && !self.toks[last_tok].possessive
                && run.iter().filter(|&&k| self.info[k].is_name()).count() <= 2
                && !(run.len() == 2 && self.info[run[0]].has(FIRST))
                && self.is_word(comma + 1)
                && !self.toks[comma + 1].nl_before
                && !self.toks[comma + 1].wide_before
                && !self.toks[comma].wide_before
            {
                self.build_last_first(comma + 1, &mut run2);
                if let Some(score) = self.last_first_score(&run, &run2, cue) {
                    // A final middle initial's period may end the sentence.
                    let e2 = match run2.last() {
                        Some(&k) if self.toks[k].letters == 1 => self.toks[k].end,
                        _ => self.run_end(&run2),
                    };
                    let last2 = self.run_last_tok(&run2);
                    for k in run[0]..=last2 {
                        self.covered[k] = true;
                    }
                    let mut all = run.clone();
                    all.extend_from_slice(&run2);
                    if score >= 0.8 {
                        self.confirm(&all, false);
                    }
                    self.push(out, start, e2, score, "person_last_first", true);
                    i = last2 + 1;
                    continue;
                }
            }

            // "Lou Gehrig's disease": a name run glued to an eponym.
            let next = last_tok + 1;
            if cue != Some(Cue::Title)
                && self.is_word(next)
                && self.info[next].eponym
                && !self.toks[next].nl_before
                && self.toks[next].space_before
                && !self.toks[last_tok].possessive
            {
                i = next + 1;
                continue;
            }
            let cue = cue.or_else(|| self.cue_after(last_tok, end));
            let (score, pattern, ctx) = self.score_run(&run, cue, i);
            if score >= 0.5 {
                for k in run[0]..=last_tok {
                    self.covered[k] = true;
                }
                if score >= 0.8 {
                    // A common-word name ("Grant") spreads only when a cue
                    // named it alone ("Mr. Grant").
                    let alone = run.iter().filter(|&&k| self.info[k].is_name()).count() == 1;
                    self.confirm(&run, ctx && alone);
                }
                self.push(out, start, end, score, pattern, ctx);
                i = last_tok + 1;
            } else if self.is_non_latin(i) {
                i = self.non_latin_at(i, out);
            } else {
                i += 1;
            }
        }
        if !self.confirmed.is_empty() {
            self.propagate(out);
        }
    }

    /// The "FIRST [M]" run after "LAST, ": first names and initials only.
    fn build_last_first(&self, s: usize, run: &mut Vec<usize>) {
        run.clear();
        let mut i = s;
        while i < self.toks.len() && run.len() < 3 {
            let t = self.toks[i];
            if !run.is_empty() && (t.nl_before || !t.space_before || t.wide_before) {
                break;
            }
            if t.kind != Kind::Word || !matches!(t.case, Case::Title | Case::Upper) {
                break;
            }
            let info = self.info[i];
            let ok = match info.class {
                Class::Strong | Class::Weak | Class::Unknown => !info.eponym,
                // "SMITH, JOHN A": a bare letter after the first name.
                Class::Initial => !run.is_empty(),
                // "HILL, TĀNE": an unknown short word in capitals.
                Class::NonName if run.is_empty() => {
                    info.flags == 0 && t.letters >= 2 && t.case == Case::Upper
                }
                _ => !run.is_empty() && t.letters == 1,
            };
            if !ok {
                break;
            }
            run.push(i);
            if t.possessive {
                break;
            }
            // The middle initial ends the given names.
            if t.letters == 1 {
                break;
            }
            i += 1;
        }
    }

    /// True when an identifier cue follows the "LAST, FIRST" ending at
    /// token `k`: "(MRN", "DOB", "Acct#", ", 85 y/o", "(a 99-year-old)".
    fn id_cue_after(&self, k: usize) -> bool {
        let mut j = k + 1;
        let mut skipped = 0;
        while skipped < 3
            && (self.is_punct(j, ',')
                || self.is_punct(j, '(')
                || self.is_punct(j, '-')
                || self.word_is(j, "a")
                || self.word_is(j, "an"))
        {
            j += 1;
            skipped += 1;
        }
        let Some(t) = self.toks.get(j) else {
            return false;
        };
        if t.nl_before && skipped == 0 {
            return false;
        }
        if t.kind == Kind::Num {
            // "May 3": a month and a day, unless a comma came between.
            return skipped > 0;
        }
        const IDS: &[&str] = &[
            "mrn", "dob", "acct", "account", "age", "aged", "yo", "mr", "chart", "id", "med",
            "member", "ssn", "dos", "born",
        ];
        IDS.iter().any(|w| self.word_is(j, w))
    }

    /// True when "LAST, FIRST" starting at token `s` heads a line or a
    /// field ("Regarding: X", "LAB RESULTS  X").
    fn heads_field(&self, s: usize) -> bool {
        s == 0
            || self.toks[s].nl_before
            || self.toks[s].wide_before
            || self.is_punct(s - 1, ':')
            || (self.is_punct(s - 1, '-') && self.toks[s].space_before)
    }

    /// "Lagos, Nigeria", "Richmond, Virginia", "OMAHA, LA": places.
    fn is_place_pair(&self, run: &[usize], run2: &[usize]) -> bool {
        if run.is_empty() {
            return false;
        }
        let (Some(&c), Some(&d)) = (run2.first(), run2.last()) else {
            return false;
        };
        let second = &self.text[self.toks[c].start..self.toks[d].name_end];
        crate::locations::is_us_state(second)
            || (crate::locations::is_known_place(second) && !self.info[c].has(FIRST | LAST))
    }

    /// "WILSON, JUNE - DOB", "Client Snow, Rose (MRN": the shape next to an
    /// identifier or heading a field is a name even with common words.
    fn strong_last_first(&self, run: &[usize], run2: &[usize], cue: Option<Cue>) -> bool {
        let (Some(&first), Some(&last2)) = (run2.first(), run2.last()) else {
            return false;
        };
        if cue == Some(Cue::Title) || self.toks[last2].possessive {
            return false;
        }
        let context = self.id_cue_after(self.run_last_tok(run2))
            || (self.heads_field(run[0])
                && (self.info[first].has(FIRST) || self.info[first].class == Class::Unknown))
            || matches!(
                cue,
                Some(Cue::Label | Cue::By | Cue::PatientWord | Cue::With)
            );
        if !context {
            return false;
        }
        let name_like = |k: usize| {
            let i = self.info[k];
            self.is_capitalized(k)
                && !i.eponym
                && i.flags & (DRUG | CLINICAL | STOP) == 0
                && (i.is_name() || i.class == Class::Particle || i.flags == 0)
        };
        let cue_word = |k: usize| self.info[k].has(RELATION | TITLE | LABEL | SIGNOFF);
        if !run
            .iter()
            .all(|&k| (name_like(k) && !cue_word(k)) || self.info[k].class == Class::Particle)
            || !name_like(first)
        {
            return false;
        }
        !self.is_place_pair(run, run2)
    }

    fn last_first_score(&self, run: &[usize], run2: &[usize], cue: Option<Cue>) -> Option<f32> {
        if self.strong_last_first(run, run2, cue) {
            return Some(0.9);
        }
        if self.is_place_pair(run, run2) {
            return None;
        }
        // "Ms. Gomez, Maria" names two people; "Smith, John's" is no form.
        if cue == Some(Cue::Title) || run2.last().is_some_and(|&k| self.toks[k].possessive) {
            return None;
        }
        let &first = run2.first()?;
        let fi = self.info[first];
        // "Nguyen, Thi" after a label: any name-shaped first part.
        let labelled = matches!(cue, Some(Cue::Label | Cue::By)) && fi.class != Class::Weak;
        // "JOHNSON, DRAGANA N", "Short, Xiaoling R": an unknown given name
        // with a middle initial or in capitals after a known surname.
        let shaped = fi.class == Class::Unknown
            && run.last().is_some_and(|&k| self.info[k].has(LAST))
            && (run2.iter().any(|&k| self.toks[k].letters == 1)
                || (self.toks[run[0]].case == Case::Upper && self.toks[first].case == Case::Upper));
        if !fi.is_name() || !(fi.has(FIRST) || labelled || shaped) {
            return None;
        }
        // The surname part: every word a name (or unknown) and the last
        // one a surname or unknown.
        if !run
            .iter()
            .all(|&k| self.info[k].is_name() || self.info[k].class == Class::Particle)
        {
            return None;
        }
        let &last = run.last()?;
        let li = self.info[last];
        if !(li.has(LAST) || li.class == Class::Unknown) {
            return None;
        }
        // "Garcia, Maria Lopez" reads as a list of two names.
        let names2: Vec<usize> = run2
            .iter()
            .copied()
            .filter(|&k| self.info[k].is_name())
            .collect();
        if names2.len() >= 2 {
            let l2 = self.info[names2[names2.len() - 1]];
            if l2.has(LAST) && !l2.has(FIRST) {
                return None;
            }
        }
        if !fi.has(FIRST) && !shaped && run2.len() > 1 {
            return None;
        }
        // "Scranton, Arizona": a city and a state, not "LAST, FIRST".
        if !matches!(cue, Some(Cue::Label | Cue::By | Cue::Signature))
            && self.info[first].has(PROPER)
        {
            return None;
        }
        let has_initial2 = run2.iter().any(|&k| self.toks[k].letters == 1);
        let all_weak = run
            .iter()
            .chain(run2)
            .all(|&k| self.info[k].class == Class::Weak);
        if cue.is_none() && all_weak && !has_initial2 && !upper_both(self, run[0], first) {
            return None;
        }
        // Both parts in the same style: "Smith, John", "SMITH, JOHN".
        let upper1 = self.toks[run[0]].case == Case::Upper;
        let upper2 = self.toks[first].case == Case::Upper;
        if !upper1 && upper2 && cue.is_none() {
            return None;
        }
        // "Smith, John Paul Jones" is a list, not "LAST, FIRST".
        let after = self.run_last_tok(run2) + 1;
        let ends_initial = run2.last().is_some_and(|&k| self.toks[k].letters == 1);
        if !ends_initial
            && self.is_word(after)
            && !self.toks[after].nl_before
            && (self.info[after].class == Class::Particle
                || (self.is_capitalized(after)
                    && self.info[after].is_name()
                    && self.toks[after].letters > 1))
        {
            return None;
        }
        let strong = run
            .iter()
            .chain(run2)
            .any(|&k| self.info[k].class == Class::Strong);
        let unknown_last = li.class == Class::Unknown;
        let score = if cue.is_some_and(Cue::is_strong) {
            0.92
        } else if strong && !(unknown_last && fi.class != Class::Strong) {
            0.9
        } else if unknown_last && fi.class == Class::Weak {
            return None;
        } else if upper1 {
            0.7
        } else {
            0.55
        };
        Some(score)
    }

    /// Scores a run given the cue around it: (score, pattern, context used).
    fn score_run(&self, run: &[usize], cue: Option<Cue>, s: usize) -> (f32, &'static str, bool) {
        let mut strong = 0;
        let mut weak = 0;
        let mut unknown = 0;
        let mut initials = 0;
        let mut first_name: Option<usize> = None;
        let mut last_name = None;
        for &k in run {
            match self.info[k].class {
                Class::Strong => strong += 1,
                Class::Weak => weak += 1,
                Class::Unknown => unknown += 1,
                Class::Initial => initials += 1,
                // A capitalized word after a middle initial ("John Q. Public").
                Class::NonName => unknown += 1,
                _ => {}
            }
            if self.info[k].is_name() || self.info[k].class == Class::NonName {
                if first_name.is_none() {
                    first_name = Some(k);
                }
                last_name = Some(k);
            }
        }
        let names = strong + weak + unknown;
        let (Some(fname), Some(lname)) = (first_name, last_name) else {
            // Initials alone ("Pt: J.S.") only after a strong cue.
            if initials >= 2 && cue.is_some_and(Cue::is_strong) {
                return (0.85, "person_initials", true);
            }
            return (0.0, "", false);
        };
        let all_caps = run.iter().all(|&k| self.toks[k].case == Case::Upper);
        let short_caps = all_caps
            && run
                .iter()
                .any(|&k| self.toks[k].letters <= 3 && self.info[k].class != Class::Initial)
            && (run.iter().all(|&k| self.info[k].class != Class::Strong)
                || cue != Some(Cue::Title));

        // Languages, months, states: "Interpreter: Spanish".
        let all_proper = run
            .iter()
            .filter(|&&k| self.info[k].is_name() || self.info[k].class == Class::NonName)
            .all(|&k| {
                self.info[k].class != Class::Strong
                    && self.info[k].has(PROPER)
                    && !self.info[k].has(FIRST)
            });
        // "Contact: Mother", "Provider: Nurse": cue words, not names.
        let all_cue_words = run
            .iter()
            .filter(|&&k| self.info[k].is_name())
            .all(|&k| self.info[k].has(RELATION | LABEL | TITLE | SIGNOFF));
        let next_colon = self.is_punct(self.run_last_tok(run) + 1, ':');
        if let Some(cue) = cue {
            if next_colon && names == 1 && strong == 0 {
                return (0.0, "", false);
            }
            let proper_cue = matches!(cue, Cue::Label | Cue::With | Cue::PatientWord);
            if (short_caps && names == 1)
                || (all_proper && proper_cue && names == 1 && initials == 0)
                || (all_cue_words && cue != Cue::Title)
            {
                return (0.0, "", false);
            }
            if cue.is_strong() {
                return (0.9, cue.pattern(), true);
            }
            // "spoke with X", "patient X": weaker cues.
            if strong + unknown >= 1 {
                return (0.85, cue.pattern(), true);
            }
            if weak >= 2 || (weak >= 1 && initials >= 1) {
                return (0.75, cue.pattern(), true);
            }
            let wi = self.info[run
                .iter()
                .copied()
                .find(|&k| self.info[k].is_name())
                .unwrap_or(run[0])];
            if weak == 1 && !wi.has(PROPER) && (wi.has(FIRST) || wi.last_rank < 5000) {
                return (0.6, cue.pattern(), true);
            }
            return (0.0, "", false);
        }
        let start = self.sentence_start(s);
        let fi = self.info[fname];
        let li = self.info[lname];
        if names >= 2 {
            if strong >= 2 {
                return (0.9, "person_full_name", false);
            }
            if strong == 1 && weak + unknown >= 1 {
                let lead = fi.class == Class::Strong || fi.has(FIRST);
                return (if lead { 0.85 } else { 0.7 }, "person_full_name", false);
            }
            if weak >= 1 && unknown >= 1 && fi.has(FIRST) && fi.class == Class::Weak {
                return (0.6, "person_full_name", false);
            }
            let any_proper = run.iter().any(|&k| self.info[k].has(PROPER));
            if weak >= 2 && fi.has(FIRST) && li.has(LAST) && !any_proper {
                return (0.55, "person_full_name", false);
            }
            // "Tāne C. Park": a middle initial between two name words.
            let middle_initial = run.windows(3).any(|w| {
                self.info[w[0]].is_name()
                    && self.info[w[1]].class == Class::Initial
                    && self.info[w[2]].is_name()
                    && (self.info[w[2]].class != Class::Weak
                        || self.info[w[0]].has(FIRST)
                        || (self.info[w[2]].last_rank < 5000 && !self.info[w[2]].has(PROPER)))
            });
            if middle_initial {
                return (0.8, "person_full_name", false);
            }
            let next = self.run_last_tok(run) + 1;
            if self.word_has(next, SUBJECT_VERB) && self.toks[next].case == Case::Lower {
                return (0.7, "person_subject", true);
            }
            return (0.0, "", false);
        }
        // One name word, maybe with initials ("J. Smith").
        let k = fname;
        let info = self.info[k];
        if initials >= 1 && run[0] != k {
            let weak_ok = info.has(LAST)
                && info.last_rank < 20_000
                && (!info.has(PROPER) || info.last_rank < 1000);
            return match info.class {
                Class::Strong => (0.8, "person_initial", false),
                Class::Weak if weak_ok => (0.8, "person_initial", false),
                Class::Weak => (0.0, "", false),
                _ => (0.55, "person_initial", false),
            };
        }
        let subject = self.word_has(k + 1, SUBJECT_VERB)
            && self.toks[k + 1].case == Case::Lower
            && !self.toks[k + 1].nl_before;
        // "Sunny, 76 yrs", "Jun, age 51", "Faith is a 45 year old".
        let intro_age = (self.is_punct(k + 1, ',')
            && (self.toks.get(k + 2).is_some_and(|t| t.kind == Kind::Num)
                || self.word_is(k + 2, "age")
                || self.word_is(k + 2, "aged")))
            || ((self.word_is(k + 1, "is") || self.word_is(k + 1, "was"))
                && (((self.word_is(k + 2, "a") || self.word_is(k + 2, "an"))
                    && self.toks.get(k + 3).is_some_and(|t| t.kind == Kind::Num))
                    || self.word_is(k + 2, "aged")
                    || self.word_is(k + 2, "age")
                    || self.toks.get(k + 2).is_some_and(|t| t.kind == Kind::Num)));
        // "Ebony c/o", "EAMON C/O": complains of.
        let complains = self.word_is(k + 1, "c")
            && self.is_punct(k + 2, '/')
            && self.word_is(k + 3, "o")
            && !self.toks[k + 1].nl_before;
        // "Rose was started on", "Dawn was seen".
        let passive = self.word_is(k + 1, "was")
            && self.is_word(k + 2)
            && self.toks[k + 2].case == Case::Lower
            && (self.word(k + 2).ends_with("ed")
                || self.word_is(k + 2, "seen")
                || self.word_is(k + 2, "given"));
        // "Caller reports May missed", "States Jun has": a reporting verb,
        // the name, then a lower-case verb.
        let reported = k > 0
            && self.word_has(k - 1, SUBJECT_VERB)
            && !self.toks[k].nl_before
            && self.is_word(k + 1)
            && self.toks[k + 1].case == Case::Lower
            && !self.toks[k + 1].nl_before
            && !self.info[k + 1].has(CLINICAL | DRUG)
            && (self.info[k + 1].has(SUBJECT_VERB)
                || self.word_is(k + 1, "has")
                || self.word_is(k + 1, "is")
                || self.word_is(k + 1, "was")
                || self.word(k + 1).ends_with("ed"));
        // "... fax 967.453.5389. Crystal" closing a message.
        let closing = k > 0
            && self.is_punct(k - 1, '.')
            && !self.toks[k].nl_before
            && self.toks.get(k + 1).is_none_or(|t| t.nl_before);
        let strong_subject = complains || intro_age || reported || closing;
        if matches!(info.class, Class::Weak | Class::Strong)
            && info.has(FIRST)
            && matches!(self.toks[k].case, Case::Title | Case::Upper)
            && (strong_subject || ((subject || passive) && self.toks[k].case == Case::Title))
            && (!info.has(PROPER) || strong_subject)
        {
            // "Rose said", "Mark reports": a given name as a subject.
            return (0.6, "person_subject", true);
        }
        if info.class == Class::Unknown && self.toks[k].case == Case::Title {
            if subject || intro_age {
                return (0.55, "person_subject", true);
            }
            if looks_like_surname(self.word(k)) {
                return (0.55, "person_shape", false);
            }
        }
        if info.class != Class::Strong {
            return (0.0, "", false);
        }
        if self.toks[k].case == Case::Upper {
            if self.toks[k].letters <= 3 {
                return (0.0, "", false);
            }
            let s = if info.first_rank < 2000 || self.toks[k].compound {
                0.55
            } else {
                0.45
            };
            return (s, "person_single", false);
        }
        let rare = !info.has(FIRST) && info.last_rank > 20_000;
        let score = match (start, rare) {
            (false, false) => 0.65,
            (true, false) => 0.6,
            (false, true) => 0.55,
            (true, true) => 0.45,
        };
        (score, "person_single", false)
    }

    /// Lower-case names: "maria said", "her son david", "dr. smith",
    /// "her aunt noor l. stone". Returns the next token index to look at.
    fn lower_case_at(&mut self, i: usize, out: &mut Vec<Candidate>) -> usize {
        if self.is_non_latin(i) {
            return self.non_latin_at(i, out);
        }
        let info = self.info[i];
        if info.has(STOP | DRUG | CLINICAL | PARTICLE) || info.eponym || self.toks[i].letters < 2 {
            return i + 1;
        }
        let known = info.has(FIRST | LAST);
        let unknown = info.flags == 0 && self.toks[i].letters >= 3 && !self.toks[i].compound;
        if !(known || unknown) {
            return i + 1;
        }
        let cue = self.cue_before(i);
        // After a strong cue a given name leads a full name even when it
        // is also a month or a state ("seen by april d. brelagquist").
        let strong_cue = matches!(
            cue,
            Some(Cue::Title | Cue::Label | Cue::By | Cue::Relation | Cue::Signature | Cue::Dear)
        );
        let lenient = strong_cue && info.has(FIRST);
        let tail = self.lower_tail(i, lenient);
        if info.has(NO_LOWER | PROPER) && !(lenient && (tail.initial || tail.names > 0)) {
            return i + 1;
        }
        let given_ok = info.has(FIRST)
            && info.first_rank < 1500
            && !info.has(COMMON | TITLE | RELATION | LABEL)
            && (!info.has(WORD) || info.has(LOWER_OK));
        // After a title, a greeting, a sign-off or a self-introduction even
        // a common-word name counts when the sentence ends with it ("thx
        // hope m.", "its hope."); after a relation or label it must not be
        // a common word ("her son will visit") unless more name follows.
        let ends_here = {
            let n = i + 1;
            n >= self.toks.len()
                || self.toks[n].nl_before
                || matches!(
                    self.toks[n].kind,
                    Kind::Punct('.' | ',' | '!' | '?' | ';' | ')')
                )
                || tail.initial
        };
        let frequent = info.first_rank < 1000 || info.last_rank < 1000;
        let common = info.has(COMMON);
        let with_cue = match cue {
            Some(Cue::Title | Cue::Dear | Cue::Signature | Cue::Intro) => {
                (known && (!common || (frequent && (ends_here || cue == Some(Cue::Title)))))
                    // "dr ekwueme said": a word in no list after a title
                    // written in lower case too ("RN scribing" is a role).
                    || (unknown && cue == Some(Cue::Title) && self.title_in_lower_case(i))
            }
            Some(Cue::Relation | Cue::Label | Cue::By | Cue::With) => {
                (known && !common && !info.has(WORD))
                    || (known && info.has(FIRST) && (tail.initial || tail.names > 0))
                    || (known && !common && tail.names > 0)
                    || (unknown && (tail.names > 0 || cue != Some(Cue::With)))
            }
            _ => false,
        };
        // "mohammed h. friedman": given name, initial, surname.
        let structured = info.has(FIRST) && frequent && tail.initial && tail.names > 0;
        if !(given_ok || with_cue || structured) {
            return i + 1;
        }
        let (end_tok, end) = if given_ok || with_cue || structured {
            (tail.end_tok, tail.end)
        } else {
            (i, self.toks[i].name_end)
        };
        let score = if with_cue {
            0.85
        } else if structured {
            0.8
        } else if end_tok > i {
            0.75
        } else if info.first_rank < 500 {
            0.6
        } else {
            0.55
        };
        let start = self.toks[i].start;
        for k in i..=end_tok {
            self.covered[k] = true;
        }
        self.push(out, start, end, score, "person_lower_case", with_cue);
        end_tok + 1
    }

    /// True when word `i` is written in a script other than Latin (Han,
    /// Hangul, Kana, Arabic, Hebrew, Cyrillic, Greek, Devanagari …):
    /// letters outside the Unicode Latin blocks, which no word list here
    /// holds.
    fn is_non_latin(&self, i: usize) -> bool {
        self.is_word(i)
            && self
                .word(i)
                .chars()
                .all(|c| c.is_alphabetic() && !is_latin_letter(c))
    }

    /// A name in a script other than Latin, which no word list holds:
    /// after a title, label, relation, greeting, sign-off or "lives with"
    /// ("Mr 김", "Ms أ. الحربي", "lives with مريم", "Traveller: منصور,
    /// أحمد"), as an English possessive ("美咲's next review"), or closing a
    /// clause after "for" ("follow-up for 高橋秀英", "record for Μαρία
    /// Καραγιάννη."). It takes the same-line non-Latin words after it, an
    /// initial with its period, and after a label a comma and one more
    /// word. Returns the next token index.
    fn non_latin_at(&mut self, i: usize, out: &mut Vec<Candidate>) -> usize {
        let cue = self.cue_before(i);
        let initial_first = self.toks[i].letters == 1;
        // The whole name: initial ("أ."), words, "LAST, FIRST" after a label.
        let mut end_tok = i;
        let mut k = i;
        loop {
            let dotted = self.is_punct(k + 1, '.') && self.toks[k + 1].start == self.toks[k].end;
            let next = if dotted && self.toks[k].letters == 1 {
                k + 2
            } else {
                k + 1
            };
            let comma = cue == Some(Cue::Label) && self.is_punct(next, ',') && next == k + 1;
            let n = if comma { next + 1 } else { next };
            if self.toks[end_tok].possessive
                || n >= self.toks.len()
                || n > i + 6
                || !self.is_non_latin(n)
                || self.toks[n].nl_before
                || !self.toks[n].space_before
                || self.toks[n].wide_before
            {
                break;
            }
            end_tok = n;
            k = n;
        }
        // One letter alone is a name only as a family name after a title
        // ("Mr 김", "Mx 李"), not an initial ("Mr 김.").
        // An ideograph or Hangul syllable is a syllable, not an initial: one
        // alone is a given name after any cue ("lives with 伟").
        let dotted = self.is_punct(i + 1, '.') && self.toks[i + 1].start == self.toks[i].end;
        let syllable = self.word(i).chars().all(is_syllabic_letter);
        if initial_first
            && end_tok == i
            && (dotted || (cue != Some(Cue::Title) && !(syllable && cue.is_some())))
        {
            return i + 1;
        }
        let after = end_tok + 1;
        let ends_clause = after >= self.toks.len()
            || self.toks[after].nl_before
            || matches!(
                self.toks[after].kind,
                Kind::Punct('.' | ',' | ';' | ':' | ')' | '!' | '?')
            );
        let latin_near =
            |j: usize| self.is_word(j) && self.word(j).chars().any(|c| c.is_ascii_alphabetic());
        let score = match cue {
            Some(
                Cue::Title
                | Cue::Label
                | Cue::By
                | Cue::Relation
                | Cue::Dear
                | Cue::Signature
                | Cue::Intro
                | Cue::With,
            ) => 0.85,
            _ if self.toks[end_tok].possessive
                && (latin_near(end_tok + 1) || (i > 0 && latin_near(i - 1))) =>
            {
                0.8
            }
            _ if ends_clause && i > 0 && self.word_is(i - 1, "for") => 0.75,
            _ => return i + 1,
        };
        let start = self.toks[i].start;
        let end = self.toks[end_tok].name_end;
        for c in &mut self.covered[i..=end_tok] {
            *c = true;
        }
        self.push(out, start, end, score, "person_uncased_script", true);
        end_tok + 1
    }

    /// True when the title before word `i` ("dr" in "dr smith", "dr. smith")
    /// is written in lower case.
    fn title_in_lower_case(&self, i: usize) -> bool {
        let p = if i >= 2 && self.is_punct(i - 1, '.') {
            i - 2
        } else {
            i.saturating_sub(1)
        };
        p < i && self.is_word(p) && self.toks[p].case == Case::Lower
    }

    /// What follows a lower-case given name: an initial ("p.") and up to
    /// two surname words ("de la cruz", "lópez-garcía", "quoovley").
    fn lower_tail(&self, i: usize, lenient: bool) -> LowerTail {
        let mut tail = LowerTail {
            end_tok: i,
            end: self.toks[i].name_end,
            initial: false,
            names: 0,
        };
        if self.toks[i].possessive {
            return tail;
        }
        let same_line =
            |k: usize| self.is_word(k) && !self.toks[k].nl_before && self.toks[k].space_before;
        let mut k = i + 1;
        if same_line(k)
            && self.toks[k].letters == 1
            && self.is_punct(k + 1, '.')
            && self.toks[k + 1].start == self.toks[k].end
            && ((!self.word_is(k, "a") && !self.word_is(k, "i")) || same_line(k + 2))
        {
            tail.initial = true;
            tail.end_tok = k;
            tail.end = self.toks[k].end;
            k += 2;
        }
        let mut j = k;
        while same_line(j) && self.info[j].class == Class::Particle && j < k + 3 {
            j += 1;
            // "st. clair"
            if self.word_is(j - 1, "st") && self.is_punct(j, '.') {
                j += 1;
            }
        }
        for _ in 0..2 {
            if !same_line(j) || self.toks[j].case != Case::Lower || self.toks[j].letters < 2 {
                break;
            }
            let nj = self.info[j];
            let bad = STOP
                | DRUG
                | CLINICAL
                | PROPER
                | TITLE
                | RELATION
                | LABEL
                | SUBJECT_VERB
                | BY_VERB
                | WITH_VERB
                | PARTICLE;
            // After a cue and a given name, a common-word surname that ends
            // the phrase is a surname ("guardian: paul wood.").
            let ends = {
                let n = j + 1;
                n >= self.toks.len()
                    || self.toks[n].nl_before
                    || matches!(
                        self.toks[n].kind,
                        Kind::Punct('.' | ',' | ';' | ':' | '(' | ')' | '!' | '?')
                    )
                    || (self.word_has(n, SUBJECT_VERB) && self.toks[n].case == Case::Lower)
            };
            let lenient_last = lenient
                && tail.names == 0
                && ends
                && nj.has(LAST)
                && !nj.has(bad & !PROPER)
                && !nj.eponym;
            if (nj.has(bad) || nj.eponym) && !lenient_last {
                break;
            }
            let wordy = nj.has(COMMON | WORD);
            let namey = nj.has(LAST | FIRST) && !wordy;
            let unknown = nj.flags & !(FIRST | LAST) == 0 && !wordy && self.toks[j].letters >= 3;
            // After an initial a common-word surname is fine ("noor l. stone").
            if !(namey || unknown || lenient_last || (tail.initial && nj.has(LAST | FIRST))) {
                break;
            }
            tail.names += 1;
            tail.end_tok = j;
            tail.end = self.toks[j].name_end;
            if self.toks[j].possessive || tail.initial {
                break;
            }
            j += 1;
        }
        tail
    }

    /// Reports further capitalized occurrences of confirmed names.
    fn propagate(&mut self, out: &mut Vec<Candidate>) {
        for i in 0..self.toks.len() {
            if self.covered[i] || !self.is_word(i) || self.toks[i].letters < 2 {
                continue;
            }
            let info = self.info[i];
            let lower = self.toks[i].case == Case::Lower;
            let shaped = if lower {
                // "crystal" in lower case only when no English word.
                info.flags & !(FIRST | LAST) == 0
            } else {
                matches!(info.class, Class::Strong | Class::Weak | Class::Unknown)
                    || (info.flags == 0 && self.toks[i].case == Case::Upper)
            };
            if !shaped || info.eponym {
                continue;
            }
            let w = self.word(i);
            fold_into(w, &mut self.buf);
            if self.confirmed.contains(self.buf.as_str()) {
                self.covered[i] = true;
                let t = self.toks[i];
                self.push(out, t.start, t.name_end, 0.85, "person_same_name", true);
            }
        }
    }
}

/// True for a CJK ideograph or a Hangul syllable: a letter that is a whole
/// syllable, so that one alone can be a name.
fn is_syllabic_letter(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// True for a letter of the Latin script (the Unicode Latin blocks:
/// Basic Latin, Latin-1, Extended-A/B, IPA, Extended Additional,
/// Extended-C/D/E, fullwidth forms).
fn is_latin_letter(c: char) -> bool {
    matches!(c as u32,
        0x0041..=0x024F
        | 0x0250..=0x02AF
        | 0x1D00..=0x1DBF
        | 0x1E00..=0x1EFF
        | 0x2C60..=0x2C7F
        | 0xA720..=0xA7FF
        | 0xAB30..=0xAB6F
        | 0xFF21..=0xFF5A)
}

/// True for words shaped like surnames: typical endings ("-son",
/// "-ski", "-ová", "-enko", "-berg") or letters that English words lack
/// ("ð", "þ", "ø").
fn looks_like_surname(word: &str) -> bool {
    if word.chars().count() < 5 {
        return false;
    }
    if word.chars().any(|c| {
        matches!(
            c,
            'ð' | 'þ'
                | 'ø'
                | 'å'
                | 'ł'
                | 'ş'
                | 'ğ'
                | 'ı'
                | 'ő'
                | 'ű'
                | 'ř'
                | 'ě'
                | 'ů'
                | 'ą'
                | 'ę'
                | 'ż'
                | 'ź'
                | 'ś'
                | 'ć'
                | 'ń'
                | 'ā'
                | 'ē'
                | 'ī'
                | 'ō'
                | 'ū'
                | 'ñ'
                | 'č'
                | 'š'
                | 'ž'
                | 'đ'
        )
    }) {
        return true;
    }
    let lower = word.to_lowercase();
    const ENDINGS: &[&str] = &[
        "sson", "sen", "ski", "ska", "sky", "ová", "ova", "ovic", "ović", "ević", "enko", "chuk",
        "poulos", "escu", "yan", "berg", "stein", "ovich", "dottir", "dóttir", "shvili", "oglu",
        "oğlu", "wicz", "czyk", "iak", "vili", "idze", "opoulos", "akis", "ides",
    ];
    ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// Both tokens in capitals.
fn upper_both(scan: &Scan<'_>, a: usize, b: usize) -> bool {
    scan.toks[a].case == Case::Upper && scan.toks[b].case == Case::Upper
}

/// The letter case of a word piece.
fn case_of(s: &str) -> Case {
    let mut chars = s.chars().filter(|c| c.is_alphabetic());
    match chars.next() {
        Some(c) if c.is_uppercase() => {
            if s.chars().any(char::is_lowercase) {
                Case::Title
            } else {
                Case::Upper
            }
        }
        _ => Case::Lower,
    }
}

/// The class of a (non-compound) word from its lexicon flags and shape.
fn class_of(flags: u32, first_rank: u32, last_rank: u32, case: Case, letters: usize) -> Class {
    if letters == 1 {
        // The Irish "Ó" ("Ó Súilleabháin", "ó súilleabháin") is a particle.
        if flags & PARTICLE != 0 && !matches!(case, Case::Title) && flags & STOP == 0 {
            return Class::Particle;
        }
        return if case == Case::Upper {
            Class::Initial
        } else {
            Class::NonName
        };
    }
    if case == Case::Lower && flags & PARTICLE != 0 {
        return Class::Particle;
    }
    if flags & SUFFIX != 0 && case != Case::Lower && letters <= 3 {
        return Class::Suffix;
    }
    if flags & (DRUG | CLINICAL | STOP) != 0
        || (flags & EPONYM_PURE != 0 && flags & (FIRST | LAST) == 0)
    {
        return Class::NonName;
    }
    if flags & (FIRST | LAST) != 0 {
        if flags & (COMMON | PROPER | TITLE | RELATION | LABEL | SIGNOFF) != 0 {
            return Class::Weak;
        }
        if flags & WORD != 0 && !(first_rank < 1000 || last_rank < 2000) {
            return Class::Weak;
        }
        return Class::Strong;
    }
    if flags != 0 || case == Case::Lower {
        return Class::NonName;
    }
    // In no list: an unknown capitalized word. Short all-caps words are
    // acronyms ("HTN", "COPD").
    if case == Case::Upper && letters <= 4 {
        return Class::NonName;
    }
    Class::Unknown
}

//! A learned name model: an averaged perceptron that tags each word token
//! of a [`Document`] as part of a person's name or not.
//!
//! The features (see `features`) are hashed with a fixed seed into a
//! table of 2^[`TABLE_BITS`] weights: the token's shape (case pattern,
//! length, digits, script), the name lexicon's flags for the token and its
//! neighbours (given name, surname, English word, drug, clinical term,
//! title, relation, cue verbs), the neighbouring words up to two away
//! (folded, and only when the lexicon knows them as vocabulary: a
//! neighbouring name stands for its class, so the model does not learn
//! individual names), the position in the line and the punctuation around
//! the token.
//!
//! The weights ship in the crate (`data/names/model.bin`, quantized to
//! 16 bits, read once with `include_bytes!`). [`train`] (behind no
//! feature: it is plain code) learns them from annotated texts; the
//! `train_name_model` binary (feature `train`) runs it on the project's
//! generator and writes the file byte for byte the same for the same
//! arguments. See `README.md` next to this file for the command and the
//! held-out figures.
//!
//! [`NameModelRecognizer`] (id `name_model`, entity `PERSON`) reports runs
//! of tokens the model tags as names with a score that grows with the
//! model's margin; the analyzer resolves its overlaps with the rule-based
//! `person` recognizer.

use std::sync::OnceLock;

use phimask_core::document::{Case, Document, Token, TokenKind};
use phimask_core::{Candidate, Context, Entity, Error, Recognizer, Span};

use super::lexicon::{self, Lexicon};

mod train;

pub use train::{labelled_tokens, train, TrainOptions, TrainText};

/// The log2 of the number of weights.
pub const TABLE_BITS: u32 = 18;
/// The fixed seed of the feature hash.
const HASH_SEED: u64 = 0x7068_696d_6173_6b31; // "phimask1"
/// The weights file's magic bytes.
const MAGIC: &[u8; 8] = b"PMNAME01";
/// The shipped weights.
static MODEL_BYTES: &[u8] = include_bytes!("../../../data/names/model.bin");

/// A trained model: one weight per hashed feature.
#[derive(Clone, PartialEq)]
pub struct Model {
    /// Quantized weights, 2^[`TABLE_BITS`] of them.
    weights: Vec<i16>,
    /// What one quantum is worth in perceptron units.
    scale: f32,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("weights", &self.weights.len())
            .field("scale", &self.scale)
            .finish()
    }
}

impl Model {
    /// The model shipped in the crate, decoded once per process.
    ///
    /// # Errors
    /// When the shipped file is malformed (a packaging bug).
    pub fn shipped() -> Result<&'static Model, Error> {
        static M: OnceLock<Option<Model>> = OnceLock::new();
        M.get_or_init(|| Model::from_bytes(MODEL_BYTES))
            .as_ref()
            .ok_or_else(|| Error::recognizer("name_model", "the model data is malformed"))
    }

    /// Builds a model from averaged perceptron weights (in update units),
    /// quantizing them to 16 bits.
    pub fn from_weights(w: &[f64]) -> Model {
        let max = w.iter().fold(0f64, |m, &x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let weights = w
            .iter()
            .map(|&x| (x / scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        Model {
            weights,
            scale: scale as f32,
        }
    }

    /// The file form: magic, table bits (u32 LE), scale (f32 LE), then the
    /// weights (i16 LE).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + 2 * self.weights.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&TABLE_BITS.to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Reads the file form; `None` when it is malformed.
    pub fn from_bytes(b: &[u8]) -> Option<Model> {
        let rest = b.strip_prefix(MAGIC.as_slice())?;
        let bits = u32::from_le_bytes(rest.get(0..4)?.try_into().ok()?);
        let scale = f32::from_le_bytes(rest.get(4..8)?.try_into().ok()?);
        let body = rest.get(8..)?;
        if bits != TABLE_BITS || body.len() != 2 << bits || !scale.is_finite() {
            return None;
        }
        let weights = body
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Some(Model { weights, scale })
    }

    /// The margin (in perceptron units) of the features `f`: positive
    /// means "part of a name".
    pub fn margin(&self, f: &[u32]) -> f32 {
        let sum: i64 = f
            .iter()
            .map(|&i| i64::from(self.weights.get(i as usize).copied().unwrap_or(0)))
            .sum();
        sum as f32 * self.scale
    }

    /// The margin of every token of `doc` (0 for tokens that are not
    /// words), in one pass.
    pub fn margins(&self, doc: &Document<'_>) -> Vec<f32> {
        let view = View::new(doc.text(), doc.tokens());
        let mut f = Vec::with_capacity(64);
        (0..view.len())
            .map(|i| {
                if view.is_candidate(i) {
                    features(&view, i, &mut f);
                    self.margin(&f)
                } else {
                    0.0
                }
            })
            .collect()
    }
}

/// Name-relevant lexicon bits, for the combined-flags features.
const NAME_BITS: u32 = lexicon::FIRST
    | lexicon::LAST
    | lexicon::COMMON
    | lexicon::WORD
    | lexicon::DRUG
    | lexicon::CLINICAL
    | lexicon::PROPER
    | lexicon::STOP
    | lexicon::EPONYM;
/// Cue bits (titles, relations, labels, verbs).
const CUE_BITS: u32 = lexicon::TITLE
    | lexicon::RELATION
    | lexicon::LABEL
    | lexicon::BY_VERB
    | lexicon::WITH_VERB
    | lexicon::SUBJECT_VERB
    | lexicon::OBJECT_VERB
    | lexicon::SIGNOFF
    | lexicon::SUFFIX
    | lexicon::PARTICLE;
/// Flags that make a word vocabulary (its identity may be a feature).
const VOCAB_BITS: u32 = lexicon::COMMON
    | lexicon::WORD
    | lexicon::DRUG
    | lexicon::CLINICAL
    | lexicon::PROPER
    | lexicon::STOP
    | lexicon::EPONYM_HEAD
    | CUE_BITS;

/// What the features read of one token.
#[derive(Clone, Copy, Debug)]
struct Info {
    span: Span,
    kind: TokenKind,
    case: Case,
    digit: bool,
    flags: u32,
    first_rank: u32,
    last_rank: u32,
    /// The hash of the folded word (or of the punctuation character).
    word: u64,
    /// The hash of the folded word's last three characters.
    suffix: u64,
    /// Script class: 0 ASCII, 1 Latin beyond ASCII, 2 Cyrillic, 3 Greek,
    /// 4 Arabic/Hebrew, 5 CJK/Kana/Hangul, 6 other.
    script: u8,
    len: u8,
    /// True when a line break precedes it.
    nl_before: bool,
    /// Its index in its line (saturating).
    in_line: u8,
    /// The character right before it ('\n', ' ', or the punctuation).
    before: char,
    /// The character right after it.
    after: char,
    /// The punctuation character itself ('\0' for words and numbers).
    ch: char,
}

/// The tokens of one text, with what the features need.
struct View {
    info: Vec<Info>,
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn script_of(s: &str) -> u8 {
    let mut class = 0u8;
    for c in s.chars() {
        let k = match c as u32 {
            0..=0x7F => 0,
            0x80..=0x24F | 0x1E00..=0x1EFF => 1,
            0x400..=0x52F => 2,
            0x370..=0x3FF | 0x1F00..=0x1FFF => 3,
            0x590..=0x6FF | 0x750..=0x77F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => 4,
            0x3040..=0x30FF | 0x3400..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF => 5,
            _ => 6,
        };
        class = class.max(k);
    }
    class
}

impl View {
    fn new(text: &str, tokens: &[Token]) -> View {
        let lex = Lexicon::get();
        let mut buf = String::new();
        let mut info = Vec::with_capacity(tokens.len());
        let mut prev_end = 0usize;
        let mut in_line = 0u8;
        for t in tokens {
            let s = t.text(text);
            let gap = text.get(prev_end..t.span.start).unwrap_or("");
            let nl_before = prev_end == 0 || gap.contains('\n');
            in_line = if nl_before {
                0
            } else {
                in_line.saturating_add(1)
            };
            let before = if nl_before {
                '\n'
            } else if !gap.is_empty() {
                ' '
            } else {
                text[..t.span.start].chars().next_back().unwrap_or('\n')
            };
            let after = text[t.span.end..].chars().next().map_or('\n', |c| {
                if c == '\n' || c == '\r' {
                    '\n'
                } else if c.is_whitespace() {
                    ' '
                } else {
                    c
                }
            });
            let entry = if t.kind == TokenKind::Word {
                lex.lookup_word(s, &mut buf)
            } else {
                lexicon::fold_into(s, &mut buf);
                None
            };
            let e = entry.unwrap_or(lexicon::Entry {
                flags: 0,
                first_rank: u32::MAX,
                last_rank: u32::MAX,
            });
            let nchars = buf.chars().count();
            let suffix_start = buf
                .char_indices()
                .nth(nchars.saturating_sub(3))
                .map_or(0, |(i, _)| i);
            info.push(Info {
                span: t.span,
                kind: t.kind,
                case: t.case,
                digit: t.has_digit,
                flags: e.flags,
                first_rank: e.first_rank,
                last_rank: e.last_rank,
                word: fnv(buf.as_bytes()),
                suffix: fnv(&buf.as_bytes()[suffix_start..]),
                script: if t.ascii { 0 } else { script_of(s) },
                len: nchars.min(255) as u8,
                nl_before,
                in_line,
                before,
                after,
                ch: if t.kind == TokenKind::Punct {
                    s.chars().next().unwrap_or('\0')
                } else {
                    '\0'
                },
            });
            prev_end = t.span.end;
        }
        View { info }
    }

    fn len(&self) -> usize {
        self.info.len()
    }

    /// True for the tokens the model tags (words with a letter).
    fn is_candidate(&self, i: usize) -> bool {
        self.info[i].kind == TokenKind::Word && !self.info[i].digit
    }

    /// The neighbour `d` tokens away from `i` within the same line.
    fn neighbour(&self, i: usize, d: isize) -> Option<&Info> {
        let j = i.checked_add_signed(d)?;
        let t = self.info.get(j)?;
        // Do not look across a line break.
        let (lo, hi) = if j < i { (j + 1, i) } else { (i + 1, j) };
        if (lo..=hi).any(|k| self.info[k].nl_before) {
            return None;
        }
        Some(t)
    }
}

fn case_id(c: Case) -> u64 {
    match c {
        Case::None => 0,
        Case::Lower => 1,
        Case::Upper => 2,
        Case::Title => 3,
        Case::Mixed => 4,
    }
}

fn len_bucket(n: u8) -> u64 {
    match n {
        0..=1 => 0,
        2 => 1,
        3 => 2,
        4..=5 => 3,
        6..=8 => 4,
        _ => 5,
    }
}

fn rank_bucket(r: u32) -> u64 {
    if r == u32::MAX {
        0
    } else {
        1 + u64::from(32 - (r + 1).leading_zeros()).min(20)
    }
}

/// How a neighbour word appears in features: its identity when the
/// lexicon knows it as vocabulary or it is punctuation, else its class
/// (name-like, or unknown by case).
fn neighbour_value(t: &Info) -> u64 {
    if t.kind == TokenKind::Punct || t.flags & VOCAB_BITS != 0 {
        t.word
    } else if t.kind == TokenKind::Number {
        0x4e55_4d00 // "NUM"
    } else {
        0x434c_4153_0000
            | (u64::from(t.flags & (lexicon::FIRST | lexicon::LAST)) << 8)
            | case_id(t.case)
    }
}

/// The value of a missing neighbour ("EOL").
const EOL: u64 = 0x0045_4f4c;

/// The hashed feature indices of token `i` of `view`, into `out`
/// (cleared first).
fn features(view: &View, i: usize, out: &mut Vec<u32>) {
    out.clear();
    let mask = (1u64 << TABLE_BITS) - 1;
    let mut push = |template: u64, value: u64| {
        let h = mix(HASH_SEED ^ template.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ mix(value));
        out.push((h & mask) as u32);
    };
    let t = &view.info[i];
    let case = case_id(t.case);
    let shape = case | (len_bucket(t.len) << 3) | (u64::from(t.script) << 6);
    push(0, 0); // bias
    push(1, shape);
    push(2, case);
    push(3, u64::from(t.script));
    push(4, len_bucket(t.len) | (case << 4));
    if t.flags & VOCAB_BITS != 0 {
        push(5, t.word);
        push(6, t.word ^ (case << 60));
    }
    push(7, t.suffix ^ (case << 60));
    for bit in 0..23u32 {
        if t.flags & (1 << bit) != 0 {
            push(8, u64::from(bit));
            push(9, u64::from(bit) | (case << 8));
        }
    }
    let name_flags = u64::from(t.flags & NAME_BITS);
    push(10, name_flags);
    push(11, name_flags | (case << 32));
    push(
        12,
        rank_bucket(t.first_rank) | (rank_bucket(t.last_rank) << 8),
    );
    push(13, rank_bucket(t.first_rank) | (case << 8));
    push(14, rank_bucket(t.last_rank) | (case << 8));
    // Position and punctuation.
    let pos = u64::from(t.in_line.min(6));
    push(15, pos);
    push(16, pos | (case << 8) | (name_flags << 16));
    push(17, u64::from(t.before));
    push(18, u64::from(t.after));
    push(19, u64::from(t.before) | (u64::from(t.after) << 32));
    push(20, u64::from(t.after) | (pos << 32) | (case << 40));
    push(21, u64::from(t.before) | (case << 32) | (name_flags << 40));
    // Neighbours.
    for (k, d) in [-2isize, -1, 1, 2].into_iter().enumerate() {
        let k = k as u64;
        match view.neighbour(i, d) {
            Some(n) => {
                let v = neighbour_value(n);
                push(30 + k, v);
                push(40 + k, v ^ (case << 60));
                push(50 + k, u64::from(n.flags & (NAME_BITS | CUE_BITS)));
                push(60 + k, case_id(n.case) | (case << 8));
                if d.abs() == 1 {
                    push(70 + k, v ^ (name_flags << 40));
                    for bit in 0..23u32 {
                        if n.flags & (CUE_BITS | NAME_BITS) & (1 << bit) != 0 {
                            push(80 + k, u64::from(bit) | (case << 8));
                        }
                    }
                }
            }
            None => push(30 + k, EOL),
        }
    }
    // Two-word contexts.
    let p1 = view.neighbour(i, -1).map_or(EOL, neighbour_value);
    let p2 = view.neighbour(i, -2).map_or(EOL, neighbour_value);
    let n1 = view.neighbour(i, 1).map_or(EOL, neighbour_value);
    let n2 = view.neighbour(i, 2).map_or(EOL, neighbour_value);
    push(90, mix(p2) ^ p1);
    push(91, mix(n1) ^ n2);
    push(92, mix(p1) ^ n1);
    push(93, mix(p1) ^ shape);
    push(94, mix(n1) ^ shape);
}

/// The model as a recognizer (id `name_model`, entity `PERSON`).
#[derive(Debug)]
pub struct NameModelRecognizer {
    model: &'static Model,
    entities: [Entity; 1],
    threshold: f32,
}

/// The margin (perceptron units) from which a token counts as a name.
pub const DEFAULT_THRESHOLD: f32 = 0.0;
/// The extra margin a lower-case vocabulary word needs.
const LOWER_WORD_EXTRA: f32 = 10.0;

impl NameModelRecognizer {
    /// The recognizer with the shipped model.
    ///
    /// # Errors
    /// When the shipped model is malformed (a packaging bug).
    pub fn new() -> Result<NameModelRecognizer, Error> {
        Ok(NameModelRecognizer {
            model: Model::shipped()?,
            entities: [Entity::Person],
            threshold: DEFAULT_THRESHOLD,
        })
    }

    /// The same recognizer with another margin threshold (higher is
    /// stricter; [`DEFAULT_THRESHOLD`] by default).
    pub fn with_threshold(mut self, threshold: f32) -> NameModelRecognizer {
        self.threshold = threshold;
        self
    }

    /// The name spans the model finds in `doc`, with their minimum margin.
    pub fn spans(&self, doc: &Document<'_>) -> Vec<(Span, f32)> {
        let text = doc.text();
        let tokens = doc.tokens();
        let view = View::new(text, tokens);
        let mut f = Vec::with_capacity(128);
        let mut out: Vec<(Span, f32)> = Vec::new();
        let mut open: Option<(Span, f32, usize)> = None;
        for (i, t) in tokens.iter().enumerate() {
            if !view.is_candidate(i) || gated(&view, i) {
                continue;
            }
            features(&view, i, &mut f);
            let m = self.model.margin(&f);
            // A lower-case word of the vocabulary ("will", "max") needs a
            // clearer margin than a capitalized or unknown one.
            let lower_word = t.case == Case::Lower
                && view.info[i].flags & (lexicon::COMMON | lexicon::WORD) != 0;
            let need = if lower_word {
                self.threshold + LOWER_WORD_EXTRA
            } else {
                self.threshold
            };
            if m <= need {
                continue;
            }
            if let Some((span, low, last)) = open.as_mut() {
                let gap = text.get(span.end..t.span.start).unwrap_or("\n");
                let joined = *last + 1 == i && gap.chars().all(|c| c == ' ' || c == '\t')
                    || *last + 2 == i && matches!(gap, "-" | "'" | "’");
                if joined {
                    span.end = t.span.end;
                    *low = low.min(m);
                    *last = i;
                    continue;
                }
                out.push((*span, *low));
            }
            open = Some((t.span, m, i));
        }
        if let Some((span, low, _)) = open {
            out.push((span, low));
        }
        out
    }
}

/// Characters of structured records (HL7 v2 delimiters, JSON, markup) next
/// to which the model, trained on prose, has no say: the record
/// recognizers read those fields.
fn is_record_delimiter(c: char) -> bool {
    matches!(
        c,
        '|' | '^' | '~' | '\\' | '&' | '_' | '=' | '<' | '>' | '{' | '}' | '[' | ']' | '"'
    )
}

/// Tokens the recognizer never reports whatever the margin: words the
/// lexicon knows as drugs, clinical terms or eponyms before their head
/// noun ("Braden scale"), lone letters that are not initials, and tokens
/// inside structured-record syntax.
fn gated(view: &View, i: usize) -> bool {
    let t = &view.info[i];
    if t.flags & (lexicon::DRUG | lexicon::CLINICAL | lexicon::EPONYM_PURE | lexicon::EPONYM_HEAD)
        != 0
    {
        return true;
    }
    if t.flags & lexicon::EPONYM != 0 {
        // "Braden scale", "Parkinson's disease".
        let mut j = i + 1;
        if view
            .info
            .get(j)
            .is_some_and(|n| n.kind == TokenKind::Punct && matches!(n.after, 's' | 'S'))
        {
            j += 2;
        }
        if view
            .info
            .get(j)
            .is_some_and(|n| n.flags & lexicon::EPONYM_HEAD != 0)
        {
            return true;
        }
    }
    if t.len == 1 && t.after != '.' {
        return true;
    }
    // Short acronyms ("NLD", "ICU") that are not known names.
    if t.case == Case::Upper
        && (2..=3).contains(&t.len)
        && t.script == 0
        && t.after != '.'
        && t.flags & (lexicon::FIRST | lexicon::LAST) == 0
    {
        return true;
    }
    if is_record_delimiter(t.before) || is_record_delimiter(t.after) {
        return true;
    }
    sentence_initial_word(view, i)
}

/// True for a capitalized English word that opens a sentence or a line
/// ("Grant application pending", "Rose from the chair", "Summer camp"),
/// where the capital says nothing about names, unless a capitalized word
/// outside the vocabulary follows ("Rose Okafor called") or it labels a
/// speaker's turn ("Hope: ...").
fn sentence_initial_word(view: &View, i: usize) -> bool {
    let t = &view.info[i];
    // Initials ("A. K.") are not words here.
    if t.len < 2
        || !matches!(t.case, Case::Title | Case::Upper)
        || t.flags & (lexicon::COMMON | lexicon::WORD) == 0
    {
        return false;
    }
    let opens = view.neighbour(i, -1).is_none_or(|p| {
        p.kind == TokenKind::Punct
            && matches!(
                p.ch,
                '.' | '!' | '?' | ':' | ';' | '•' | '*' | '-' | '–' | '(' | '"' | '>'
            )
    });
    if !opens || (t.in_line == 0 && t.after == ':') {
        return false;
    }
    let named_next = view.neighbour(i, 1).is_some_and(|n| {
        n.kind == TokenKind::Word
            && matches!(n.case, Case::Title | Case::Upper)
            && n.flags & (lexicon::COMMON | lexicon::WORD | lexicon::CLINICAL | lexicon::DRUG) == 0
    });
    !named_next
}

/// The candidate score for a margin: 0.5 at the threshold, rising towards
/// 0.85.
fn score_of(margin: f32, threshold: f32) -> f32 {
    let x = (margin - threshold).max(0.0);
    0.5 + 0.35 * (x / (x + 10.0))
}

impl Recognizer for NameModelRecognizer {
    fn id(&self) -> &str {
        "name_model"
    }

    fn entities(&self) -> &[Entity] {
        &self.entities
    }

    fn recognize(
        &self,
        doc: &Document<'_>,
        ctx: &Context<'_>,
        out: &mut Vec<Candidate>,
    ) -> Result<(), Error> {
        if !ctx.wants(&Entity::Person) {
            return Ok(());
        }
        for (span, m) in self.spans(doc) {
            let mut c = Candidate::new(span, Entity::Person, score_of(m, self.threshold));
            c.pattern = Some("name_model".into());
            c.context_applied = true;
            out.push(c);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;

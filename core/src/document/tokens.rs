//! Tokens: the one definition of a word in phimask, and the folded
//! (lower-cased) view dictionaries match on.

use crate::Span;

/// True for characters that make up words (letters, digits, marks, `_`).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_mark(c)
}

/// Combining marks (so "é" written as e + U+0301 stays one word).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// True when `span` starts and ends on word boundaries of `text`, i.e. it
/// does not cut a word.
pub fn is_whole_word(text: &str, span: Span) -> bool {
    let before = text[..span.start]
        .chars()
        .next_back()
        .is_some_and(is_word_char);
    let after = text[span.end..].chars().next().is_some_and(is_word_char);
    !before && !after
}

/// The spans of the words of `text` (maximal runs of word characters),
/// with an ASCII fast path.
///
/// # Example
/// ```
/// use phimask_core::document::words;
/// let w: Vec<_> = words("MR# 12-34").map(|s| s.range()).collect();
/// assert_eq!(w, vec![0..2, 4..6, 7..9]);
/// ```
pub fn words(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = loop {
            let (c, len) = char_at(text, bytes, at)?;
            if is_word_char(c) {
                break at;
            }
            at += len;
        };
        loop {
            match char_at(text, bytes, at) {
                Some((c, len)) if is_word_char(c) => at += len,
                _ => break,
            }
        }
        Some(Span::new(start, at))
    })
}

/// The character at byte `at` and its length; ASCII without decoding.
#[inline]
fn char_at(text: &str, bytes: &[u8], at: usize) -> Option<(char, usize)> {
    let b = *bytes.get(at)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = text[at..].chars().next()?;
    Some((c, c.len_utf8()))
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A run of word characters with at least one letter ("Ana", "12th", "A123").
    Word,
    /// A run of digits only ("1961", "４").
    Number,
    /// One character that is neither a word character nor white space.
    Punct,
}

/// The letter case of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Case {
    /// No cased letter (numbers, punctuation, CJK).
    None,
    /// Every cased letter lower ("ana").
    Lower,
    /// Every cased letter upper ("ANA", "MRN").
    Upper,
    /// An upper-case first letter, then lower only ("Ana").
    Title,
    /// Anything else ("McDonald", "iPhone").
    Mixed,
}

/// One token of a [`Document`](super::Document).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where it is in the document's text.
    pub span: Span,
    /// Word, number or punctuation.
    pub kind: TokenKind,
    /// Its letter case.
    pub case: Case,
    /// True when it holds a digit.
    pub has_digit: bool,
    /// True when it is plain ASCII.
    pub ascii: bool,
}

impl Token {
    /// True for words and numbers (what context words and dictionaries
    /// count as words).
    pub fn is_wordlike(&self) -> bool {
        !matches!(self.kind, TokenKind::Punct)
    }

    /// Its text in `text` (the document's text).
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.span.range()]
    }
}

/// Tokenizes `text` in one pass: words, numbers and punctuation, white
/// space skipped.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut at = 0;
    while let Some((c, len)) = char_at(text, bytes, at) {
        if c.is_whitespace() {
            at += len;
            continue;
        }
        if !is_word_char(c) {
            out.push(Token {
                span: Span::new(at, at + len),
                kind: TokenKind::Punct,
                case: Case::None,
                has_digit: false,
                ascii: len == 1,
            });
            at += len;
            continue;
        }
        let start = at;
        let (mut upper, mut lower, mut letters, mut digit, mut ascii) =
            (0u32, 0u32, 0u32, false, true);
        let mut first_upper = false;
        while let Some((c, len)) = char_at(text, bytes, at) {
            if !is_word_char(c) {
                break;
            }
            ascii &= len == 1;
            if c.is_numeric() {
                digit = true;
            } else if c.is_alphabetic() {
                if c.is_uppercase() {
                    if letters == 0 {
                        first_upper = true;
                    }
                    upper += 1;
                } else if c.is_lowercase() {
                    lower += 1;
                }
                letters += 1;
            }
            at += len;
        }
        let case = match (upper, lower) {
            (0, 0) => Case::None,
            (0, _) => Case::Lower,
            (_, 0) => Case::Upper,
            (1, _) if first_upper => Case::Title,
            _ => Case::Mixed,
        };
        out.push(Token {
            span: Span::new(start, at),
            kind: if letters == 0 && digit {
                TokenKind::Number
            } else {
                TokenKind::Word
            },
            case,
            has_digit: digit,
            ascii,
        });
    }
    out
}

/// Lower-cases a string the same way [`Folded`] does (for building
/// dictionaries that are matched against folded text).
pub fn fold_str(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.chars().flat_map(char::to_lowercase).collect()
}

/// Text folded to lower case, with a map from folded byte offsets back to
/// the original's, for matching case-insensitively beyond ASCII (where
/// lower-casing can change byte lengths, as with "İ"). A [`Document`]
/// builds it at most once per analysis and shares it.
///
/// [`Document`]: super::Document
#[derive(Clone, Default)]
pub struct Folded {
    folded: String,
    /// For each byte of `folded` plus one past the end: the original span of
    /// the character it came from (start, end).
    map: Vec<(u32, u32)>,
    ascii: bool,
    words: Vec<Span>,
}

impl std::fmt::Debug for Folded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Folded")
            .field("len", &self.folded.len())
            .finish()
    }
}

impl Folded {
    /// Folds `text`. ASCII text needs no offset map.
    pub fn new(text: &str) -> Folded {
        if text.is_ascii() {
            let folded = text.to_ascii_lowercase();
            let words = words(&folded).collect();
            return Folded {
                folded,
                map: Vec::new(),
                ascii: true,
                words,
            };
        }
        let mut folded = String::with_capacity(text.len());
        let mut map = Vec::with_capacity(text.len() + 1);
        for (i, c) in text.char_indices() {
            let end = (i + c.len_utf8()) as u32;
            for lc in c.to_lowercase() {
                folded.push(lc);
                for _ in 0..lc.len_utf8() {
                    map.push((i as u32, end));
                }
            }
        }
        map.push((text.len() as u32, text.len() as u32));
        let words = words(&folded).collect();
        Folded {
            folded,
            map,
            ascii: false,
            words,
        }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.folded
    }

    /// The words of the folded text (spans in the folded text).
    pub fn words(&self) -> &[Span] {
        &self.words
    }

    /// Maps a span of the folded text back to the original text, widening
    /// it to whole original characters.
    pub fn to_original(&self, span: Span) -> Span {
        if self.ascii {
            return span;
        }
        let start = self.map[span.start].0 as usize;
        let end = if span.end == 0 {
            0
        } else {
            self.map[span.end - 1].1 as usize
        };
        Span::new(start, end.max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, TokenKind, Case)> {
        tokenize(text)
            .iter()
            .map(|t| (t.text(text), t.kind, t.case))
            .collect()
    }

    #[test]
    fn one_pass_tokens_with_kind_and_case() {
        use Case::*;
        use TokenKind::*;
        assert_eq!(
            kinds("Ana NÚÑEZ, 12th McDonald 1961 ok"),
            vec![
                ("Ana", Word, Title),
                ("NÚÑEZ", Word, Upper),
                (",", Punct, None),
                ("12th", Word, Lower),
                ("McDonald", Word, Mixed),
                ("1961", Number, None),
                ("ok", Word, Lower),
            ]
        );
        // Combining marks stay inside the word; emoji are punctuation.
        assert_eq!(
            kinds("Jose\u{301} 😀"),
            vec![("Jose\u{301}", Word, Title), ("😀", Punct, None)]
        );
    }

    #[test]
    fn tokens_agree_with_words() {
        let text = "MR# 12-34 Núñez_x 李小龍\tend";
        let from_tokens: Vec<Span> = tokenize(text)
            .iter()
            .filter(|t| t.is_wordlike())
            .map(|t| t.span)
            .collect();
        let from_words: Vec<Span> = words(text).collect();
        assert_eq!(from_tokens, from_words);
    }

    #[test]
    fn folding_keeps_offsets_exact() {
        let text = "Dr. İLKER NÚÑEZ";
        let f = Folded::new(text);
        let needle = fold_str("NÚÑEZ");
        let at = f.as_str().find(&needle).unwrap_or(usize::MAX);
        let span = f.to_original(Span::new(at, at + needle.len()));
        assert_eq!(span.text(text), Some("NÚÑEZ"));
        let needle = fold_str("İLKER");
        let at = f.as_str().find(&needle).unwrap_or(usize::MAX);
        let span = f.to_original(Span::new(at, at + needle.len()));
        assert_eq!(span.text(text), Some("İLKER"));
    }

    #[test]
    fn whole_words() {
        assert!(!is_whole_word("public", Span::new(3, 6)));
        assert!(is_whole_word("lic 55", Span::new(0, 3)));
        assert!(is_whole_word("Núñez.", Span::new(0, 7)));
    }
}

//! A small tokenizer for the person recognizer: words (with internal
//! hyphens and apostrophes kept, a possessive "'s" split off), numbers and
//! single punctuation characters, each knowing whether a line break or a
//! space precedes it.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters, possibly joined by hyphens and apostrophes.
    Word,
    /// Anything with a digit in it.
    Num,
    /// One punctuation or symbol character.
    Punct(char),
}

/// The letter case of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Case {
    /// Starts upper case, has lower-case letters ("Maria", "McDonald").
    Title,
    /// Every letter upper case ("SMITH"; also one-letter "J").
    Upper,
    /// Starts lower case ("maria", "van").
    Lower,
}

/// One token. Offsets are bytes into the analysed text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub(crate) start: usize,
    /// End of the token, possessive included.
    pub(crate) end: usize,
    /// End of the name part (before a possessive "'s").
    pub(crate) name_end: usize,
    pub(crate) kind: Kind,
    pub(crate) case: Case,
    /// A line break lies between the previous token and this one.
    pub(crate) nl_before: bool,
    /// Whitespace lies between the previous token and this one.
    pub(crate) space_before: bool,
    /// That whitespace is wide: a tab or two or more characters (table
    /// cells and aligned fields, which names do not cross).
    pub(crate) wide_before: bool,
    /// The word ends in a possessive "'s".
    pub(crate) possessive: bool,
    /// The word holds a hyphen or an apostrophe.
    pub(crate) compound: bool,
    /// Number of letters (chars) in the name part.
    pub(crate) letters: usize,
}

fn is_letter(c: char) -> bool {
    c.is_alphabetic() || is_mark(c)
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Tokenizes `text` into `out` (cleared first).
pub(crate) fn tokenize(text: &str, out: &mut Vec<Tok>) {
    out.clear();
    let mut i = 0;
    let mut nl = false;
    let mut space = false;
    let mut gap = 0usize;
    while i < text.len() {
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let clen = c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' || c == '\r' || c == '\u{2028}' {
                nl = true;
            }
            if c == '\t' {
                gap += 2;
            }
            gap += 1;
            space = true;
            i += clen;
            continue;
        }
        if is_letter(c) || c.is_ascii_digit() || c.is_numeric() {
            let start = i;
            let mut j = i;
            let mut has_digit = false;
            let mut compound = false;
            let mut letters = 0usize;
            let mut lower = 0usize;
            let mut first_upper = None;
            // Positions of apostrophes, to find a possessive.
            let mut last_apos = None;
            while let Some(ch) = text[j..].chars().next() {
                if is_letter(ch) {
                    if ch.is_lowercase() {
                        lower += 1;
                    }
                    if first_upper.is_none() && !is_mark(ch) {
                        first_upper = Some(ch.is_uppercase());
                    }
                    letters += 1;
                    j += ch.len_utf8();
                } else if ch.is_numeric() {
                    has_digit = true;
                    j += ch.len_utf8();
                } else if is_hyphen(ch) || is_apostrophe(ch) {
                    // A joiner only between two word characters.
                    let next = text[j + ch.len_utf8()..].chars().next();
                    if next.is_some_and(|n| is_letter(n) || n.is_numeric()) {
                        if is_apostrophe(ch) {
                            last_apos = Some(j);
                        }
                        compound = true;
                        j += ch.len_utf8();
                    } else {
                        break;
                    }
                } else if ch == '_' {
                    has_digit = true;
                    j += 1;
                } else {
                    break;
                }
            }
            let mut name_end = j;
            let mut possessive = false;
            if let Some(a) = last_apos {
                let after = &text[a..j];
                let alen = after.chars().next().map_or(1, char::len_utf8);
                let rest = &after[alen..];
                if (rest == "s" || rest == "S") && a > start {
                    possessive = true;
                    name_end = a;
                    // Possessive "'s" is not a compound joiner.
                    compound = text[start..a]
                        .chars()
                        .any(|c| is_hyphen(c) || is_apostrophe(c));
                    letters -= 1;
                    if rest == "s" {
                        lower -= 1;
                    }
                }
            }
            let case = match first_upper {
                Some(true) if lower == 0 => Case::Upper,
                Some(true) => Case::Title,
                _ => Case::Lower,
            };
            out.push(Tok {
                start,
                end: j,
                name_end,
                kind: if has_digit { Kind::Num } else { Kind::Word },
                case,
                nl_before: nl,
                space_before: space,
                wide_before: gap > 1,
                possessive,
                compound,
                letters,
            });
            nl = false;
            space = false;
            gap = 0;
            i = j;
            continue;
        }
        // Punctuation: one char per token. Runs of the same symbol (rules
        // "-----", "====") collapse into one token.
        let mut j = i + clen;
        if !matches!(c, '.' | ',' | ':') {
            while j < text.len() && text[j..].starts_with(c) {
                j += clen;
            }
        }
        out.push(Tok {
            start: i,
            end: j,
            name_end: j,
            kind: Kind::Punct(c),
            case: Case::Lower,
            nl_before: nl,
            space_before: space,
            wide_before: gap > 1,
            possessive: false,
            compound: false,
            letters: 0,
        });
        nl = false;
        space = false;
        gap = 0;
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, bool)> {
        let mut v = Vec::new();
        tokenize(text, &mut v);
        v.iter()
            .filter(|t| t.kind == Kind::Word)
            .map(|t| (&text[t.start..t.name_end], t.possessive))
            .collect()
    }

    #[test]
    fn keeps_hyphens_apostrophes_and_splits_possessives() {
        assert_eq!(
            words("O'Neil's Lopez-Garcia D\u{2019}Angelo Smith's son-"),
            vec![
                ("O'Neil", true),
                ("Lopez-Garcia", false),
                ("D\u{2019}Angelo", false),
                ("Smith", true),
                ("son", false)
            ]
        );
    }

    #[test]
    fn non_ascii_words_are_whole() {
        assert_eq!(
            words("Trần Bảo, CÓRDOVA-APARICIO; Željko"),
            vec![
                ("Trần", false),
                ("Bảo", false),
                ("CÓRDOVA-APARICIO", false),
                ("Željko", false)
            ]
        );
    }

    #[test]
    fn cases_and_lines() {
        let text = "SMITH, John\nmaria";
        let mut v = Vec::new();
        tokenize(text, &mut v);
        assert_eq!(v.len(), 4);
        assert_eq!(v[0].case, Case::Upper);
        assert_eq!(v[1].kind, Kind::Punct(','));
        assert_eq!(v[2].case, Case::Title);
        assert!(v[3].nl_before);
        assert_eq!(v[3].case, Case::Lower);
    }
}

//! Document-wide consistency: a value found once is masked at every mention.
//!
//! Recognizers decide from local evidence (a label, a title, a pattern), so
//! a name caught in a header ("Patient: Ana Okafor") can slip through where
//! it recurs without that evidence ("Okafor tolerated the procedure",
//! "ANA OKAFOR", "Okafor's daughter"). After resolution, this stage takes
//! every detection as a seed and finds its other mentions in the document:
//!
//! * a **person**: the whole name, and each of its words of two or more
//!   letters (the surname alone, the given name alone), whole-word and in
//!   any letter case — except that a seed word written with a capital is
//!   only matched where it is written with a capital too ("Will Hope" does
//!   not mask "we will hope");
//! * any **other value** of four or more characters (an MRN, a phone number,
//!   an e-mail address, a street, a facility): the same value, whole-word,
//!   in any letter case.
//!
//! * a name written without spaces (CJK, Hangul, Kana) is also found inside
//!   a longer run of such letters: "建国" found alone masks "王建国".
//!
//! Dates and ages are not seeds (their Safe Harbor status depends on their
//! context). A mention never overrides a decision to keep: it is added only
//! where no detection and no kept span already lies.

use std::sync::Arc;

use std::collections::HashMap;

use crate::document::{fold_str, is_word_char, words, Case, Document, TokenKind};
use crate::{Detection, Entity, Explanation, Facts, KeepReason, Kept, Span};

/// The recognizer id consistency detections carry in their explanation.
pub const CONSISTENCY_ID: &str = "document_consistency";

/// One value to look for, folded, and what a mention of it becomes.
struct Seed {
    /// Index of the detection it came from.
    from: usize,
    /// A seed word written with a capital matches only capitalised mentions.
    needs_capital: bool,
    /// Initials built from a name: they match only where initials stand
    /// alone (see [`initials_position`]).
    initials: bool,
    /// One word (a surname or given name alone, or initials).
    single_word: bool,
}

/// The further mentions of the detections' values, as new detections that
/// overlap no detection and no kept span. `detections` must be sorted by
/// start.
pub(crate) fn further_mentions(
    doc: &Document<'_>,
    detections: &[Detection],
    kept: &[Kept],
) -> Vec<Detection> {
    let text = doc.text();
    let mut patterns: Vec<String> = Vec::new();
    let mut seeds: Vec<Seed> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, d) in detections.iter().enumerate() {
        let Some(value) = d.text(text) else { continue };
        match d.entity {
            Entity::DateTime | Entity::Age => continue,
            Entity::Person if is_initials_value(value) => continue,
            Entity::Person => {
                for part in unspaced_parts(value) {
                    if seen.insert((part.clone(), false)) {
                        patterns.push(part);
                        seeds.push(Seed {
                            from: i,
                            needs_capital: false,
                            initials: false,
                            single_word: true,
                        });
                    }
                }
                for t in doc.tokens_in(d.span) {
                    if t.kind != TokenKind::Word
                        || t.span.start < d.span.start
                        || t.span.end > d.span.end
                    {
                        continue;
                    }
                    let word = t.text(text);
                    if word.chars().count() < 2 || is_abbreviation(text, t.span) {
                        continue;
                    }
                    let needs_capital = matches!(t.case, Case::Title | Case::Upper | Case::Mixed);
                    let folded = fold_str(word);
                    if seen.insert((folded.clone(), needs_capital)) {
                        patterns.push(folded);
                        seeds.push(Seed {
                            from: i,
                            needs_capital,
                            initials: false,
                            single_word: true,
                        });
                    }
                }
                for initials in name_initials(doc, d.span) {
                    if seen.insert((initials.clone(), true)) {
                        patterns.push(initials);
                        seeds.push(Seed {
                            from: i,
                            needs_capital: false,
                            initials: true,
                            single_word: true,
                        });
                    }
                }
            }
            _ => {}
        }
        let value = value.trim();
        if value.chars().count() >= 4 {
            let needs_capital = d.entity == Entity::Person && value.starts_with(char::is_uppercase);
            let folded = fold_str(value);
            let single_word = words(&folded).nth(1).is_none();
            if seen.insert((folded.clone(), needs_capital)) {
                patterns.push(folded);
                seeds.push(Seed {
                    from: i,
                    needs_capital,
                    initials: false,
                    single_word,
                });
            }
        }
    }
    if patterns.is_empty() {
        return Vec::new();
    }
    let folded = doc.folded();
    let hay = folded.as_str();
    // Seeds by their first word, each list longest first: a mention is
    // looked up at each word start with one hash probe.
    let mut by_first: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in patterns.iter().enumerate() {
        if let Some(first) = words(p).next().filter(|w| w.start == 0) {
            by_first.entry(&p[first.range()]).or_default().push(i);
        }
    }
    for list in by_first.values_mut() {
        list.sort_by_key(|&i| std::cmp::Reverse(patterns[i].len()));
    }
    // Everything already decided, sorted, to skip overlaps in one sweep.
    let mut taken: Vec<Span> = detections
        .iter()
        .map(|d| d.span)
        .chain(
            kept.iter()
                .filter(|k| !matches!(k.reason, KeepReason::BelowThreshold))
                .map(|k| k.span),
        )
        .collect();
    taken.sort_unstable();
    let overlaps_taken = |span: Span| {
        let i = taken.partition_point(|t| t.end <= span.start);
        taken.get(i).is_some_and(|t| t.start < span.end)
    };
    let mut out = Vec::new();
    let mut found_at: Vec<(Span, usize)> = bracketed_initials(doc, detections)
        .into_iter()
        .filter(|&(span, _)| !overlaps_taken(span))
        .collect();
    let mut free_from = 0;
    for w in folded.words() {
        if w.start < free_from {
            continue;
        }
        let Some(list) = by_first.get(&hay[w.range()]) else {
            continue;
        };
        let rest = &hay[w.start..];
        let found = list.iter().copied().find_map(|i| {
            let p = patterns[i].as_str();
            let end = w.start + p.len();
            (rest.starts_with(p) && !hay[end..].chars().next().is_some_and(is_word_char))
                .then_some((i, end))
        });
        let Some((i, end)) = found else { continue };
        let seed = &seeds[i];
        let span = folded.to_original(Span::new(w.start, end));
        if seed.needs_capital && !text[span.range()].starts_with(char::is_uppercase) {
            continue;
        }
        // In capitals among capitals ("SHE ROSE EARLY"), case says nothing:
        // only whole values count there, not single words.
        if seed.single_word && !seed.initials && shouting(doc, span) {
            continue;
        }
        if seed.initials && !initials_position(doc, span) {
            continue;
        }
        if overlaps_taken(span) {
            continue;
        }
        free_from = end;
        found_at.push((span, seed.from));
    }
    // Names written without spaces are found inside longer runs too: the
    // given name "建国" found alone is also the end of "王建国", "서연" of
    // "이서연". The mention is the whole run when it is short enough to be
    // one name (four letters at most), else just the seed's letters.
    for (i, p) in patterns.iter().enumerate() {
        if seeds[i].initials || p.chars().count() < 2 || !p.chars().all(is_unspaced_letter) {
            continue;
        }
        for (at, _) in hay.match_indices(p.as_str()) {
            let end = at + p.len();
            let run_start = hay[..at]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_unspaced_letter(c))
                .last()
                .map_or(at, |(j, _)| j);
            let run_end = end
                + hay[end..]
                    .chars()
                    .take_while(|&c| is_unspaced_letter(c))
                    .map(char::len_utf8)
                    .sum::<usize>();
            if run_start == at && run_end == end {
                // A whole word: the sweep above has seen it.
                continue;
            }
            let whole = hay[run_start..run_end].chars().count() <= 4;
            let found = if whole {
                Span::new(run_start, run_end)
            } else {
                Span::new(at, end)
            };
            let span = folded.to_original(found);
            if !overlaps_taken(span) {
                found_at.push((span, seeds[i].from));
            }
        }
    }
    found_at.sort_unstable_by_key(|&(span, _)| span);
    let mut reach = 0;
    found_at.retain(|&(span, _)| {
        let free = span.start >= reach;
        if free {
            reach = span.end;
        }
        free
    });
    for (span, from) in found_at {
        let from = &detections[from];
        let recognizer: Arc<str> = Arc::from(CONSISTENCY_ID);
        out.push(Detection {
            span,
            entity: from.entity.clone(),
            score: from.score,
            facts: Facts::None,
            explanation: Explanation {
                recognizer: recognizer.clone(),
                pattern: Some(from.recognizer.clone()),
                base_score: from.score,
                context_boost: 0.0,
                context_word: None,
                validated: None,
            },
            recognizer,
        });
    }
    out
}

/// The initials of a person's name of two or more words, folded: all
/// first letters ("Deborah Anne Ellsworth": "dae"), and first and last
/// ("de").
fn name_initials(doc: &Document<'_>, span: Span) -> Vec<String> {
    let text = doc.text();
    let firsts: Vec<char> = doc
        .tokens_in(span)
        .iter()
        .filter(|t| {
            t.kind == TokenKind::Word
                && t.span.start >= span.start
                && t.span.end <= span.end
                && !is_abbreviation(text, t.span)
                && t.text(text).chars().count() >= 2
        })
        .filter_map(|t| t.text(text).chars().next())
        .filter(|c| c.is_alphabetic())
        .collect();
    // By whitespace-separated words too: "Wesley O'Donnell" is "WO",
    // "Seo-yeon Tran" is "ST".
    let word_firsts: Vec<char> = text[span.range()]
        .split_whitespace()
        .filter(|w| !(w.len() <= 4 && w.ends_with('.')))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphabetic())
        .collect();
    let mut out = Vec::new();
    for firsts in [firsts, word_firsts] {
        if !(2..=4).contains(&firsts.len()) {
            continue;
        }
        let all: String = firsts.iter().flat_map(|c| c.to_lowercase()).collect();
        if !out.contains(&all) {
            out.push(all);
        }
        if firsts.len() > 2 {
            let ends = [firsts[0], firsts[firsts.len() - 1]];
            let ends: String = ends.iter().flat_map(|c| c.to_lowercase()).collect();
            if !out.contains(&ends) {
                out.push(ends);
            }
        }
    }
    out
}

/// True when the word at `span` and the words next to it on its line are
/// all in capitals.
fn shouting(doc: &Document<'_>, span: Span) -> bool {
    let Some(i) = doc.token_at(span.start) else {
        return false;
    };
    let tokens = doc.tokens();
    let upper = |j: usize| tokens[j].kind == TokenKind::Word && tokens[j].case == Case::Upper;
    let text = doc.text();
    let same_line =
        |a: usize, b: usize| !text[tokens[a].span.end..tokens[b].span.start].contains('\n');
    let before = (0..i).rev().find(|&j| tokens[j].kind == TokenKind::Word);
    let after = (i + 1..tokens.len()).find(|&j| tokens[j].kind == TokenKind::Word);
    upper(i)
        && before.is_none_or(|j| !same_line(j, i) || upper(j))
        && after.is_none_or(|j| !same_line(i, j) || upper(j))
}

/// Where initials stand for a person rather than for a word, a unit, a
/// state or a credential: paired with other initials by a slash ("ab/cd",
/// "Ref: DE/av"), alone in a table cell, at the end of a line after a
/// number or a sign ("… 97%  5/10  DE", "— DE"), or opening a line as a
/// key ("DE = Deborah Ellsworth", "DE: meds given").
fn initials_position(doc: &Document<'_>, span: Span) -> bool {
    let text = doc.text();
    let s = &text[span.range()];
    if text[..span.start].ends_with('/') || text[span.end..].starts_with('/') {
        return true;
    }
    if !s.chars().all(char::is_uppercase) {
        return false;
    }
    let layout = doc.layout();
    let Some(li) = layout.line_at(span.start) else {
        return false;
    };
    let line = &layout.lines[li];
    if line.cells.contains(&span) && line.cells.len() > 1 {
        return true;
    }
    let head = text[line.span.start..span.start].trim_end();
    let tail = text[span.end..line.span.end].trim_start();
    let ends_after_sign = tail.is_empty()
        && head
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, '%' | '-' | '/' | ')'));
    let opens_as_key = head.is_empty() && (tail.starts_with('=') || tail.starts_with(':'));
    // A legend entry anywhere on the line: "Initials key: DE = Deborah …".
    let keys_a_legend = tail.starts_with('=')
        && head
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, ':' | ';' | ','));
    // "verified by IV" where the document names Itzel Vurek.
    let after_by = head
        .get(head.len().saturating_sub(3)..)
        .is_some_and(|h| h.eq_ignore_ascii_case(" by"))
        && (tail.is_empty() || tail.starts_with([';', ',', '.', ')']) || tail.starts_with("at "));
    ends_after_sign || opens_as_key || keys_a_legend || after_by
}

/// True for a value shaped like initials ("AC", "mk", "M.L."): one to
/// three letters of one case, or letters closed by periods. Such a
/// detection does not seed further mentions ("verified by ON" must not
/// mask "On").
fn is_initials_value(value: &str) -> bool {
    let letters: Vec<char> = value.chars().filter(|c| *c != '.').collect();
    let dotted_or_plain = value.chars().all(|c| c == '.' || c.is_alphabetic());
    dotted_or_plain
        && (1..=3).contains(&letters.len())
        && (letters.iter().all(|c| c.is_uppercase()) || letters.iter().all(|c| c.is_lowercase()))
}

/// True for a letter of a script written without spaces between words:
/// CJK ideographs, Hangul, Hiragana and Katakana (Unicode blocks).
fn is_unspaced_letter(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF       // Hiragana, Katakana
        | 0x3400..=0x4DBF     // CJK Extension A
        | 0x4E00..=0x9FFF     // CJK Unified Ideographs
        | 0xAC00..=0xD7AF     // Hangul syllables
        | 0xF900..=0xFAFF     // CJK Compatibility Ideographs
        | 0x20000..=0x2FFFF) // CJK Extensions B–F
}

/// The family and given names inside a name written without spaces
/// ("高橋秀英": "高橋", "秀英"; "김민준": "민준"), folded: for a word of
/// three or four such letters, its last two letters and, for four, its
/// first two. (A one-letter family name is too short to seek alone.)
fn unspaced_parts(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in value.split(|c: char| !c.is_alphabetic()) {
        let chars: Vec<char> = word.chars().collect();
        if !(3..=4).contains(&chars.len()) || !chars.iter().all(|&c| is_unspaced_letter(c)) {
            continue;
        }
        let n = chars.len();
        out.push(chars[n - 2..].iter().collect::<String>());
        if n == 4 {
            out.push(chars[..2].iter().collect::<String>());
        }
    }
    out
}

/// Initials in brackets right after a name, made of that name's letters
/// ("Mrs Ann B. Carter (AC)", "أحمد ناصر (أن)", "김민준 (민김)"): two to four
/// capitals that are first letters of the name's words in order, starting
/// with its first word ("Robert Al-Masri (MA)" is a credential), or
/// letters without case that all occur in the name. With the detection each came
/// from.
fn bracketed_initials(doc: &Document<'_>, detections: &[Detection]) -> Vec<(Span, usize)> {
    let text = doc.text();
    let mut out = Vec::new();
    for (i, d) in detections.iter().enumerate() {
        if d.entity != Entity::Person {
            continue;
        }
        let Some(name) = d.text(text) else { continue };
        let rest = &text[d.span.end..];
        let after = rest.trim_start_matches([' ', '\t']);
        if after.len() == rest.len() && !rest.starts_with('(') {
            continue;
        }
        let Some(inner) = after.strip_prefix('(') else {
            continue;
        };
        let Some(close) = inner.find(')') else {
            continue;
        };
        let ini = &inner[..close];
        let letters: Vec<char> = ini.chars().collect();
        if !(2..=4).contains(&letters.len()) || !letters.iter().all(|c| c.is_alphabetic()) {
            continue;
        }
        let firsts: Vec<char> = name
            .split(|c: char| !c.is_alphabetic())
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_lowercase)
            .collect();
        let cased = letters.iter().all(|c| c.is_uppercase());
        let uncased = letters
            .iter()
            .all(|c| !c.is_uppercase() && !c.is_lowercase());
        // Capitals: the name's first letters in order, from its first word.
        let in_order = || {
            let mut rest = firsts.iter();
            let lower: Vec<char> = letters.iter().flat_map(|c| c.to_lowercase()).collect();
            lower.first() == firsts.first() && lower.iter().all(|c| rest.any(|f| f == c))
        };
        let ok = (cased && in_order()) || (uncased && letters.iter().all(|&c| name.contains(c)));
        if !ok {
            continue;
        }
        let start = d.span.end + (rest.len() - inner.len());
        out.push((Span::new(start, start + ini.len()), i));
    }
    out
}

/// "Dr.", "St.", "Jr.": a short word closed by a period is an abbreviation,
/// not a name.
fn is_abbreviation(text: &str, span: Span) -> bool {
    span.len() <= 3 && text[span.end..].starts_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(text: &str, needle: &str) -> Detection {
        let at = text.find(needle).unwrap_or(0);
        let recognizer: Arc<str> = Arc::from("person");
        Detection {
            span: Span::new(at, at + needle.len()),
            entity: Entity::Person,
            score: 0.9,
            facts: Facts::None,
            explanation: Explanation {
                recognizer: recognizer.clone(),
                pattern: None,
                base_score: 0.9,
                context_boost: 0.0,
                context_word: None,
                validated: None,
            },
            recognizer,
        }
    }

    fn mentions(text: &str, seeds: &[&str]) -> Vec<String> {
        let doc = Document::new(text);
        let mut ds: Vec<Detection> = seeds.iter().map(|s| person(text, s)).collect();
        ds.sort_by_key(|d| d.span.start);
        further_mentions(&doc, &ds, &[])
            .iter()
            .map(|d| text[d.span.range()].to_string())
            .collect()
    }

    #[test]
    fn surname_given_name_case_and_possessive() {
        let t = "Patient: Ana Okafor\nOKAFOR tolerated it. Okafor's daughter and Ana came.";
        assert_eq!(mentions(t, &["Ana Okafor"]), ["OKAFOR", "Okafor", "Ana"]);
    }

    #[test]
    fn unspaced_names_inside_longer_runs() {
        // The given name found alone; the full name in a narrative.
        let t = "Spoke with 建国 today. <b>王建国</b>, born 1962.";
        assert_eq!(mentions(t, &["建国"]), ["王建国"]);
        let t = "Yes, I spoke with 서연. Subject: records request, 이서연";
        assert_eq!(mentions(t, &["서연"]), ["이서연"]);
        // In a long run (a sentence) only the name's letters.
        let t = "美咲 called. 今日は美咲さんが来院しました。";
        assert_eq!(mentions(t, &["美咲"]), ["美咲"]);
    }

    #[test]
    fn capitalised_seed_words_need_capitals() {
        let t = "Will Hope called. we will hope for the best. Hope returned.";
        assert_eq!(mentions(t, &["Will Hope"]), ["Hope"]);
    }

    #[test]
    fn no_partial_words_and_no_titles() {
        let t = "Dr. Li saw Lin. Li returned; Dr. Brown.";
        assert_eq!(mentions(t, &["Dr. Li"]), ["Li"]);
    }

    #[test]
    fn non_latin_names() {
        let t = "患者：王小明\n王小明 was seen. Иван Петров, later Петров";
        // CJK names have no word breaks inside: the whole value recurs.
        assert_eq!(
            mentions(t, &["王小明", "Иван Петров"]),
            ["王小明", "Петров"]
        );
    }

    #[test]
    fn initials_built_from_names() {
        let t = "Initials key: Deborah Ellsworth, RN\nDE = on days\n08:00  BP 120/80  DE\nRef: de/av. we will be there";
        assert_eq!(mentions(t, &["Deborah Ellsworth"]), ["DE", "DE", "de"]);
        // Initials in running text may be a state, a unit or a credential.
        let t = "Nadia Young seen; lives in NY. Dana Oakes DO";
        assert!(mentions(t, &["Nadia Young"]).is_empty());
        let t = "Nurse: Dana Oakes\nTime\tBy\n08:00\tDO\n";
        assert_eq!(mentions(t, &["Dana Oakes"]), ["DO"]);
    }

    #[test]
    fn initials_in_brackets_and_legends() {
        let t = "Re: Mrs Ann B. Carter (AC), DOB 1/2/1950\nJohn Smith (RN) and Mary Jones (BP 120/80)\nROBERT AL-MASRI (MA) / Ann Carter (CA)";
        assert_eq!(
            mentions(
                t,
                &[
                    "Ann B. Carter",
                    "John Smith",
                    "Mary Jones",
                    "ROBERT AL-MASRI"
                ]
            ),
            ["AC", "Ann", "Carter"]
        );
        let t = "Re: Mx أحمد ناصر (أن)\nMs 김민준 (민김) and 김민준 (abc)";
        assert_eq!(
            mentions(t, &["أحمد ناصر", "김민준"]),
            ["أن", "민김", "김민준"]
        );
        let t = "Initials key: NM = Noor Mansour, RN; HK = Heather Kettering, RN\nNM dose";
        assert_eq!(
            mentions(t, &["Noor Mansour", "Heather Kettering"]),
            ["NM", "HK"]
        );
        let t = "Key: WO = Wesley O'Donnell, RN; ST = Seo-yeon Tran\n08:00  120/80  WO";
        assert_eq!(
            mentions(t, &["Wesley O'Donnell", "Seo-yeon Tran"]),
            ["WO", "ST", "WO"]
        );
    }

    #[test]
    fn initials_after_by_when_tied_to_a_name() {
        let t = "Collector: Itzel Vurek\nRepeat drawn, verified by IV; pain 8/10. Given by IV push";
        assert_eq!(mentions(t, &["Itzel Vurek"]), ["IV"]);
        // Letters of several bytes right before initials.
        let t = "Re: Mr Богдан Лебедев (БЛ) Лебедев БЛ";
        assert_eq!(mentions(t, &["Богдан Лебедев"]), ["БЛ", "Лебедев"]);
        let t = "Seen by Nadia Young. Route: given by NY protocol";
        assert!(mentions(t, &["Nadia Young"]).is_empty());
    }

    #[test]
    fn initials_detections_seed_nothing() {
        let t = "Repeat drawn, verified by ON; pain 4/10.\nOn review ON ward.";
        assert!(mentions(t, &["ON"]).is_empty());
    }

    #[test]
    fn names_without_spaces_split_into_family_and_given() {
        let t = "Subject: follow-up for 高橋秀英\nI spoke with 秀英's daughter. Mr. 高橋 agreed. 高橋秀英 ok";
        assert_eq!(mentions(t, &["高橋秀英"]), ["秀英", "高橋", "高橋秀英"]);
    }

    #[test]
    fn capitals_among_capitals_match_only_whole_names() {
        let t = "PT: ROSE KIM, 67 YRS\nSHE ROSE EARLY. KIM CALLED. Kim called later.";
        assert_eq!(mentions(t, &["ROSE KIM"]), ["Kim"]);
    }

    #[test]
    fn kept_spans_win() {
        let t = "Ana Parkinson here. Parkinson disease.";
        let doc = Document::new(t);
        let ds = vec![person(t, "Ana Parkinson")];
        let at = t.rfind("Parkinson").unwrap_or(0);
        let kept = vec![Kept {
            span: Span::new(at, at + 9),
            entity: Entity::Person,
            score: 0.5,
            recognizer: Arc::from("x"),
            facts: Facts::None,
            reason: crate::KeepReason::AllowList,
        }];
        assert!(further_mentions(&doc, &ds, &kept).is_empty());
    }
}

//! Speaker labels of a conversation: transcripts, chat threads, portal
//! messages and interviews give each turn a line of its own that opens
//! with the speaker's name and a colon:
//!
//! ```text
//! [00:00:34] Venky: Sure, it's Venkatesh Pillai.
//! [00:00:41] CLINICIAN: Thank you.
//! [patient] hope: hi its hope again
//! [nurse] mateusz md: hi hope, i will pass this on.
//! ```
//!
//! A line label alone says little ("Plan:", "Note:", "Hope: ..."), and a
//! name in such a label is often an English word or a nickname in no list.
//! The evidence here is the document's structure: turns alternate, so a
//! document is a conversation when at least two different labels each open
//! two or more lines (or one label recurs among three or more turns marked
//! by "[...]" or a time), and then every recurring label, and in marked
//! turns every label, is a speaker. A
//! speaker is a person unless its first word is a role or field word
//! ("CLINICIAN", "Patient", "Interpreter", "Mom") or an English word that
//! is no name ("Comment", "Plan"). Titles before the name and post-nominals
//! after it stay outside the span. The document-wide consistency stage
//! then finds the speaker's other mentions.

use std::collections::HashMap;

use phimask_core::document::Document;
use phimask_core::{Candidate, Context, Entity, Error, Recognizer, Span};

use super::lexicon::{
    fold, CLINICAL, COMMON, DRUG, FIRST, LABEL, RELATION, STOP, SUFFIX, TITLE, WORD,
};

/// The score of a speaker: the structure is strong evidence.
const SCORE: f32 = 0.85;
/// The longest speaker label, in bytes.
const MAX_LABEL: usize = 40;
/// The most words in a speaker label.
const MAX_WORDS: usize = 4;

/// Finds the speakers of conversations (id `person_speakers`).
#[derive(Debug)]
pub struct SpeakerRecognizer {
    entities: [Entity; 1],
}

impl Default for SpeakerRecognizer {
    fn default() -> SpeakerRecognizer {
        SpeakerRecognizer::new()
    }
}

impl SpeakerRecognizer {
    /// A new recognizer.
    pub fn new() -> SpeakerRecognizer {
        SpeakerRecognizer {
            entities: [Entity::Person],
        }
    }
}

/// One line's label: its words, as spans of the text.
struct Label {
    words: Vec<Span>,
    /// Whether a "[...]" group or a time opens the line: turn structure.
    marked: bool,
}

/// The label that opens `line` (starting at byte `start` of the text),
/// after any "[...]" groups and a bare "00:01:32" time.
fn label_of(line: &str, start: usize) -> Option<Label> {
    let mut body = line.trim_start();
    let mut marked = false;
    loop {
        if let Some(rest) = body.strip_prefix('[') {
            let close = rest.find(']')?;
            if close > 30 {
                return None;
            }
            body = rest[close + 1..].trim_start();
            marked = true;
        } else if let Some(rest) = strip_time(body) {
            body = rest.trim_start();
            marked = true;
        } else {
            break;
        }
    }
    let colon = body.find(':')?;
    if colon == 0 || colon > MAX_LABEL {
        return None;
    }
    // "10:30", "http://": the colon must end the label.
    if body[colon + 1..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace())
    {
        return None;
    }
    let label_at = start + (line.len() - body.len());
    let mut words = Vec::new();
    let mut at = 0;
    for w in body[..colon].split(' ') {
        let from = at;
        at += w.len() + 1;
        if w.is_empty() {
            continue;
        }
        let wordy = w.chars().any(char::is_alphabetic)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'));
        if !wordy || words.len() == MAX_WORDS {
            return None;
        }
        words.push(Span::new(label_at + from, label_at + from + w.len()));
    }
    (!words.is_empty()).then_some(Label { words, marked })
}

/// `body` after a leading "12:05" or "00:01:32" and a space.
fn strip_time(body: &str) -> Option<&str> {
    let end = body.find(char::is_whitespace)?;
    let t = &body[..end];
    let parts: Vec<&str> = t.split(':').collect();
    let timeish = (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    timeish.then(|| &body[end..])
}

/// The part of a label that names a person, if any.
fn name_part(text: &str, label: &Label) -> Option<Span> {
    let flags = |s: Span| super::flags_of(text[s.range()].trim_end_matches('.'));
    let mut words = label.words.as_slice();
    let mut titled = false;
    while let Some((&first, rest)) = words.split_first() {
        if flags(first) & TITLE == 0 {
            break;
        }
        words = rest;
        titled = true;
    }
    let (&first, rest) = words.split_first()?;
    let f = flags(first);
    if f & (LABEL | RELATION | STOP | CLINICAL | DRUG | TITLE) != 0 {
        return None;
    }
    // A word that is also a surname ("Comment", "Banks") is too often the
    // word; a given name ("Hope", "Frank") is the speaker.
    // After a title any word is a name ("Dr. Mouth").
    if !titled && f & FIRST == 0 && f & (COMMON | WORD) != 0 {
        return None;
    }
    // "mateusz md", "Alvarez RN", "King Jr": post-nominals stay out.
    let mut last = first;
    for &w in rest {
        if flags(w) & (LABEL | TITLE | SUFFIX) != 0 {
            break;
        }
        last = w;
    }
    Some(Span::new(first.start, last.end))
}

/// The speaker spans of `text`: none unless it is a conversation.
fn speakers(text: &str) -> Vec<Span> {
    let mut labels: Vec<(String, Label)> = Vec::new();
    let mut at = 0;
    for line in text.split(['\n', '\r']) {
        if let Some(label) = label_of(line, at) {
            let key = label
                .words
                .iter()
                .map(|w| fold(&text[w.range()]))
                .collect::<Vec<_>>()
                .join(" ");
            labels.push((key, label));
        }
        at += line.len() + 1;
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (key, _) in &labels {
        *counts.entry(key.as_str()).or_default() += 1;
    }
    // Turns: two voices that each speak more than once, or three or more
    // labels opened by "[...]" or a time with one voice recurring.
    let recurring = counts.values().filter(|&&n| n >= 2).count();
    let marked = labels.iter().filter(|(_, l)| l.marked).count();
    let marked_turns = recurring >= 1 && counts.len() >= 2 && marked >= 3;
    if recurring < 2 && !marked_turns {
        return Vec::new();
    }
    // In marked turns a voice that speaks once is a speaker too.
    labels
        .iter()
        .filter(|(key, label)| {
            counts.get(key.as_str()).is_some_and(|&n| n >= 2) || (marked_turns && label.marked)
        })
        .filter_map(|(_, label)| name_part(text, label))
        .collect()
}

impl Recognizer for SpeakerRecognizer {
    fn id(&self) -> &str {
        "person_speakers"
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
        for span in speakers(doc.text()) {
            let mut c = Candidate::new(span, Entity::Person, SCORE).with_pattern("speaker_turns");
            c.context_applied = true;
            out.push(c);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        speakers(text).iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn recurring_speakers_of_a_transcript_are_names() {
        let t = "[00:00:34] Venky: Sure.\n[00:00:41] CLINICIAN: Thank you.\n\
                 [00:00:52] Venky: I'm seventy-nine.\n[00:01:02] CLINICIAN: Okay.\n";
        assert_eq!(found(t), ["Venky", "Venky"]);
    }

    #[test]
    fn chat_speakers_in_lower_case_with_roles_and_initials() {
        let t = "secure message thread\n[patient] hope: hi its hope again\n\
                 [nurse] mateusz md: hi hope, i will pass this on.\n\
                 [patient] hope: yes.\n[nurse] mateusz md: ok.\n";
        assert_eq!(found(t), ["hope", "mateusz", "hope", "mateusz"]);
    }

    #[test]
    fn titles_and_bare_times_stay_outside() {
        let t = "00:01 Dr. Thornton: Hello.\n00:02 TRISH: Hi.\n\
                 00:03 Dr. Thornton: So.\n00:04 TRISH: Yes.\n";
        assert_eq!(found(t), ["Thornton", "TRISH", "Thornton", "TRISH"]);
    }

    #[test]
    fn marked_turns_need_only_one_voice_recurring() {
        let t = "[patient] mercy: hi its mercy again
[nurse] kwabena ka: hi mercy
                 [patient] mercy: yes.
[nurse] arjun: ok.
";
        assert_eq!(found(t), ["mercy", "kwabena ka", "mercy", "arjun"]);
        // After a title even a word is a name.
        let t = "[00:26] Dr. Mouth: Hi.
[00:31] CLINICIAN: So.
[00:40] Dr. Mouth: Thank you.
";
        assert_eq!(found(t), ["Mouth", "Mouth"]);
    }

    #[test]
    fn one_voice_or_field_labels_are_no_conversation() {
        // Only one label recurs: a note's fields, not turns.
        let t = "Note: seen today.\nPlan: labs.\nNote: called back.\nFrank: ok\n";
        assert!(found(t).is_empty());
        // Recurring field words are no speakers.
        let t = "Comment: a\nPatient: b\nComment: c\nPatient: d\nTime: 10:30\n";
        assert!(found(t).is_empty(), "{:?}", found(t));
        // A colon inside a value ("10:30", "http://") is not a label's end.
        let t = "Hope:10\nMark:20\nHope:30\nMark:40\n";
        assert!(found(t).is_empty());
    }
}

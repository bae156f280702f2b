//! The document builder: text is appended piece by piece and every
//! annotation gets its byte offsets from where its piece lands.

use phimask_corpora::{Annotation, Note};

/// One part of an annotated piece: its text and whether it may stay or go
/// (an optional sub-range such as a date's year or the time after a date).
#[derive(Clone, Debug)]
pub(crate) struct Part {
    pub(crate) text: String,
    pub(crate) optional: bool,
}

impl Part {
    pub(crate) fn req(t: impl Into<String>) -> Part {
        Part {
            text: t.into(),
            optional: false,
        }
    }
    pub(crate) fn opt(t: impl Into<String>) -> Part {
        Part {
            text: t.into(),
            optional: true,
        }
    }
}

/// A value with its parts (for PHI whose year or time is optional).
#[derive(Clone, Debug)]
pub(crate) struct Value {
    pub(crate) parts: Vec<Part>,
}

impl Value {
    pub(crate) fn plain(t: impl Into<String>) -> Value {
        Value {
            parts: vec![Part::req(t)],
        }
    }
    pub(crate) fn text(&self) -> String {
        self.parts.iter().map(|p| p.text.as_str()).collect()
    }
}

/// What the generator meant one annotation to cover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Intended {
    /// `true` for a PHI span, `false` for a keep span.
    pub phi: bool,
    /// Index in the note's `phi` or `keep` list.
    pub index: usize,
    /// The text the generator put there.
    pub text: String,
}

/// Builds one note. Lower-case mode (portal chat) lowercases every piece as
/// it is appended, so offsets stay exact for any script.
#[derive(Debug, Default)]
pub(crate) struct Doc {
    text: String,
    phi: Vec<Annotation>,
    keep: Vec<Annotation>,
    intended: Vec<Intended>,
    pub(crate) lower: bool,
}

impl Doc {
    pub(crate) fn new() -> Doc {
        Doc::default()
    }

    fn fold(&self, s: &str) -> String {
        if self.lower {
            s.to_lowercase()
        } else {
            s.to_owned()
        }
    }

    /// Plain text (no annotation).
    pub(crate) fn t(&mut self, s: &str) -> &mut Doc {
        let s = self.fold(s);
        self.text.push_str(&s);
        self
    }

    /// A PHI span over the whole of `s`.
    pub(crate) fn phi(&mut self, entity: &str, s: &str) -> &mut Doc {
        self.phi_value(entity, &Value::plain(s), None)
    }

    /// A PERSON span with its name origin.
    pub(crate) fn person(&mut self, s: &str, origin: &str) -> &mut Doc {
        self.phi_value("PERSON", &Value::plain(s), Some(origin))
    }

    /// A PHI span made of parts, some optional.
    pub(crate) fn phi_value(&mut self, entity: &str, v: &Value, origin: Option<&str>) -> &mut Doc {
        let start = self.text.len();
        let mut optional = Vec::new();
        for p in &v.parts {
            let s = self.fold(&p.text);
            let a = self.text.len();
            self.text.push_str(&s);
            if p.optional && !s.is_empty() {
                optional.push([a, self.text.len()]);
            }
        }
        let end = self.text.len();
        if end == start {
            return self;
        }
        let text = self.text[start..end].to_owned();
        self.intended.push(Intended {
            phi: true,
            index: self.phi.len(),
            text,
        });
        let mut ann = Annotation::new(entity, start, end);
        ann.optional = optional;
        ann.origin = origin.map(str::to_owned);
        self.phi.push(ann);
        self
    }

    /// A keep span over the whole of `s`.
    pub(crate) fn keep(&mut self, entity: &str, s: &str) -> &mut Doc {
        let start = self.text.len();
        self.t(s);
        let end = self.text.len();
        if end > start {
            self.intended.push(Intended {
                phi: false,
                index: self.keep.len(),
                text: self.text[start..end].to_owned(),
            });
            self.keep.push(Annotation::new(entity, start, end));
        }
        self
    }

    /// Finishes the note.
    pub(crate) fn finish(self, id: String, kind: &str) -> (Note, Vec<Intended>) {
        (
            Note {
                id,
                kind: kind.to_owned(),
                text: self.text,
                phi: self.phi,
                keep: self.keep,
            },
            self.intended,
        )
    }
}

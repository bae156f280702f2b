use super::*;

fn names_in(text: &str) -> Vec<String> {
    let doc = Document::new(text);
    let r = NameModelRecognizer::new().expect("shipped model");
    r.spans(&doc)
        .into_iter()
        .map(|(s, _)| text[s.range()].to_owned())
        .collect()
}

#[test]
fn shipped_model_loads_and_round_trips() {
    let m = Model::shipped().expect("shipped model");
    assert_eq!(m.weights.len(), 1 << TABLE_BITS);
    assert!(m.weights.iter().any(|&w| w != 0), "the model is trained");
    let back = Model::from_bytes(&m.to_bytes()).expect("round trip");
    assert_eq!(&back, m);
    assert!(MODEL_BYTES.len() < 2 << 20, "under 2 MB");
}

#[test]
fn malformed_bytes_are_rejected() {
    assert!(Model::from_bytes(b"PMNAME01").is_none());
    assert!(Model::from_bytes(&MODEL_BYTES[..MODEL_BYTES.len() - 2]).is_none());
    let mut other = MODEL_BYTES.to_vec();
    other[0] = b'X';
    assert!(Model::from_bytes(&other).is_none());
}

#[test]
fn finds_a_bare_given_name_as_object() {
    let found = names_in("Since discharge the patient is staying with Yolanda.");
    assert_eq!(found, vec!["Yolanda".to_owned()]);
}

#[test]
fn finds_nothing_in_a_plain_clinical_sentence() {
    let found = names_in(
        "Assessment: community-acquired pneumonia, improving on ceftriaxone. \
         Continue oxygen to keep saturation above 92 percent; repeat chest film in the morning.",
    );
    assert!(found.is_empty(), "{} false names", found.len());
}

#[test]
fn eponyms_before_their_head_are_gated() {
    let found = names_in("Braden scale 14 and Morse fall score 45 on admission.");
    assert!(found.is_empty(), "{} false names", found.len());
}

#[test]
fn record_delimiters_are_gated() {
    let found = names_in("OBX|1|NM|2345-7^Glucose||182|mg/dl|70_105|H|||F");
    assert!(found.is_empty(), "{} false names", found.len());
}

#[test]
fn inference_is_deterministic() {
    let text = "Spoke with Yolanda and her brother Tomasz Wierzbicki about discharge.";
    let doc = Document::new(text);
    let m = Model::shipped().expect("shipped model");
    let a = m.margins(&doc);
    let b = m.margins(&Document::new(text));
    assert_eq!(a, b);
    assert_eq!(names_in(text), names_in(text));
}

#[test]
fn recognizer_reports_person_candidates_with_scores_from_the_margin() {
    let text = "Mother is staying with Yolanda this week.";
    let doc = Document::new(text);
    let r = NameModelRecognizer::new().expect("shipped model");
    let ctx = Context::new(phimask_core::CivilDate::new(2026, 1, 1).expect("date"));
    let mut out = Vec::new();
    r.recognize(&doc, &ctx, &mut out).expect("recognize");
    let c = out
        .iter()
        .find(|c| &text[c.span.range()] == "Yolanda")
        .expect("Yolanda found");
    assert_eq!(c.entity, Entity::Person);
    assert!(c.score >= 0.5 && c.score <= 0.85, "score {}", c.score);
    assert_eq!(r.id(), "name_model");
}

/// A tiny corpus: names after "with" and before "called", other words
/// elsewhere.
fn tiny_corpus() -> Vec<TrainText> {
    let names = ["Anna", "Boris", "Chen", "Dalia", "Emeka", "Farah"];
    let words = ["oxygen", "tablets", "rest", "fluids", "therapy", "walking"];
    let mut out = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let w = words[i % words.len()];
        let text = format!("She is staying with {n} and needs {w}. {n} called about {w}.");
        let names = text
            .match_indices(n)
            .map(|(at, _)| Span::new(at, at + n.len()))
            .collect();
        out.push(TrainText { text, names });
    }
    out
}

#[test]
fn trainer_converges_on_a_tiny_corpus() {
    let data = tiny_corpus();
    let m = train(
        &data,
        TrainOptions {
            epochs: 10,
            seed: 3,
        },
    );
    let mut errors = 0;
    for t in &data {
        let doc = Document::new(&t.text);
        let margins = m.margins(&doc);
        for (tok, mg) in doc.tokens().iter().zip(&margins) {
            if tok.kind != TokenKind::Word {
                continue;
            }
            let y = t.names.iter().any(|n| n.overlaps(&tok.span));
            if (*mg > 0.0) != y {
                errors += 1;
            }
        }
    }
    assert_eq!(errors, 0, "training errors after 10 epochs");
    // Unseen name in a seen context.
    let doc = Document::new("She is staying with Gintaras and needs rest.");
    let margins = m.margins(&doc);
    let at = doc
        .tokens()
        .iter()
        .position(|t| t.text(doc.text()) == "Gintaras")
        .expect("token");
    assert!(margins[at] > 0.0, "an unseen name in a trained context");
}

#[test]
fn trainer_is_reproducible() {
    let data = tiny_corpus();
    let o = TrainOptions { epochs: 4, seed: 9 };
    assert_eq!(train(&data, o).to_bytes(), train(&data, o).to_bytes());
}

#[test]
fn capitalized_words_opening_a_sentence_are_gated() {
    for text in [
        "Grant application is pending.",
        "Rose from chair without assistance. Mark the site before surgery.",
        "Summer camp was discussed.",
    ] {
        let found = names_in(text);
        assert!(found.is_empty(), "{} false names", found.len());
    }
    // A known name outside the vocabulary after it, or a mid-sentence
    // position, still counts.
    assert_eq!(
        names_in("Rose Okafor called."),
        vec!["Rose Okafor".to_owned()]
    );
    assert_eq!(
        names_in("Yolanda called to reschedule."),
        vec!["Yolanda".to_owned()]
    );
}

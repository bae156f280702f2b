//! Training: an averaged binary perceptron over the hashed features, in
//! integer arithmetic so that the same data, epochs and seed give the same
//! weights on every machine.

use phimask_core::document::{Document, TokenKind};
use phimask_core::Span;

use super::{features, Model, View, TABLE_BITS};

/// One annotated training text.
#[derive(Clone, PartialEq, Eq)]
pub struct TrainText {
    /// The text.
    pub text: String,
    /// The byte spans of the names in it (word tokens overlapping one are
    /// positive examples; every other word token is negative).
    pub names: Vec<Span>,
}

impl std::fmt::Debug for TrainText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Sizes only: never the text.
        f.debug_struct("TrainText")
            .field("len", &self.text.len())
            .field("names", &self.names.len())
            .finish()
    }
}

/// How to train.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrainOptions {
    /// Passes over the data.
    pub epochs: u32,
    /// The seed of the order in which texts are visited each epoch.
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions { epochs: 5, seed: 1 }
    }
}

/// The word tokens the model tags in `text`, each with its label (true
/// when it overlaps one of `names`).
pub fn labelled_tokens(text: &str, names: &[Span]) -> Vec<(Span, bool)> {
    let doc = Document::new(text);
    let view = View::new(text, doc.tokens());
    (0..view.len())
        .filter(|&i| view.is_candidate(i))
        .map(|i| {
            let s = view.info[i].span;
            (s, names.iter().any(|n| n.overlaps(&s)))
        })
        .collect()
}

fn xorshift(state: &mut u64) -> u64 {
    let mut x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    x
}

/// Trains a model on `texts`.
///
/// The perceptron's weights and their running sums are integers; the only
/// floating-point step is the final average, done the same way
/// everywhere, so the result (and [`Model::to_bytes`]) is reproducible.
pub fn train(texts: &[TrainText], opts: TrainOptions) -> Model {
    let size = 1usize << TABLE_BITS;
    let mut w = vec![0i64; size];
    let mut u = vec![0i64; size];
    let mut c: i64 = 1;
    let mut order: Vec<usize> = (0..texts.len()).collect();
    let mut state = opts.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut f = Vec::with_capacity(128);
    for _ in 0..opts.epochs {
        // Fisher–Yates with the seeded generator.
        for i in (1..order.len()).rev() {
            let j = (xorshift(&mut state) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &k in &order {
            let t = &texts[k];
            let doc = Document::new(&t.text);
            let view = View::new(&t.text, doc.tokens());
            for i in 0..view.len() {
                if !view.is_candidate(i) || view.info[i].kind != TokenKind::Word {
                    continue;
                }
                let s = view.info[i].span;
                let y: i64 = if t.names.iter().any(|n| n.overlaps(&s)) {
                    1
                } else {
                    -1
                };
                features(&view, i, &mut f);
                let m: i64 = f.iter().map(|&j| w[j as usize]).sum();
                if y * m <= 0 {
                    for &j in &f {
                        w[j as usize] += y;
                        u[j as usize] += c * y;
                    }
                }
                c += 1;
            }
        }
    }
    let avg: Vec<f64> = w
        .iter()
        .zip(&u)
        .map(|(&w, &u)| w as f64 - u as f64 / c as f64)
        .collect();
    Model::from_weights(&avg)
}

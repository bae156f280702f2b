//! Synthetic annotated clinical notes, their generator, and the scorer.

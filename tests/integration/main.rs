//! Data-driven integration tests (filled in by the corpora work).

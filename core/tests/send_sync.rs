//! The types shared across threads stay `Send + Sync`.

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn shared_types_are_send_sync() {
    assert_send_sync::<phimask_core::Analyzer>();
    assert_send_sync::<phimask_core::Masker>();
    assert_send_sync::<phimask_core::PatternRecognizer>();
    assert_send_sync::<phimask_core::DictionaryRecognizer>();
    assert_send_sync::<phimask_core::Analysis>();
    assert_send_sync::<phimask_core::Error>();
    assert_send_sync::<Box<dyn phimask_core::Recognizer>>();
}

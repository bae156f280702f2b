//! Offset conversion between UTF-8 bytes, code points (Python's `str`
//! indices) and UTF-16 code units, for the bindings.
//!
//! Conversion is one linear pass over the text for any number of offsets
//! (sorted internally), with a fast path for ASCII text, where all three
//! units coincide.

/// A unit in which offsets are expressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OffsetUnit {
    /// UTF-8 bytes (Rust, C).
    Bytes,
    /// Unicode scalar values (Python `str` indices).
    Chars,
    /// UTF-16 code units (Java, JavaScript, C#, Swift `NSString`).
    Utf16,
}

fn width(c: char, unit: OffsetUnit) -> usize {
    match unit {
        OffsetUnit::Bytes => c.len_utf8(),
        OffsetUnit::Chars => 1,
        OffsetUnit::Utf16 => c.len_utf16(),
    }
}

/// Converts byte offsets of `text` to `unit`, in place. Offsets that are not
/// on a character boundary are rounded down to one; offsets past the end
/// map to the end.
///
/// # Example
/// ```
/// use phimask_core::offsets::{convert_from_bytes, OffsetUnit};
/// let text = "José 😀 x";
/// let mut offs = [0, 5, 10, 11];
/// convert_from_bytes(text, &mut offs, OffsetUnit::Chars);
/// assert_eq!(offs, [0, 4, 6, 7]);
/// let mut offs = [10];
/// convert_from_bytes(text, &mut offs, OffsetUnit::Utf16);
/// assert_eq!(offs, [7]);
/// ```
pub fn convert_from_bytes(text: &str, offsets: &mut [usize], unit: OffsetUnit) {
    if unit == OffsetUnit::Bytes || text.is_ascii() {
        for o in offsets.iter_mut() {
            *o = (*o).min(text.len());
        }
        return;
    }
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut chars = text.char_indices().peekable();
    let mut acc = 0usize;
    for i in order {
        let target = offsets[i];
        while let Some(&(b, c)) = chars.peek() {
            if b + c.len_utf8() > target {
                break;
            }
            acc += width(c, unit);
            chars.next();
        }
        offsets[i] = acc;
    }
}

/// Converts offsets in `unit` to byte offsets of `text`, in place. Returns
/// `false` (leaving the slice partly converted) when an offset is past the
/// end or falls inside a UTF-16 surrogate pair.
///
/// # Example
/// ```
/// use phimask_core::offsets::{convert_to_bytes, OffsetUnit};
/// let text = "José 😀 x";
/// let mut offs = [4, 6, 7];
/// assert!(convert_to_bytes(text, &mut offs, OffsetUnit::Chars));
/// assert_eq!(offs, [5, 10, 11]);
/// ```
pub fn convert_to_bytes(text: &str, offsets: &mut [usize], unit: OffsetUnit) -> bool {
    if unit == OffsetUnit::Bytes || text.is_ascii() {
        return offsets
            .iter()
            .all(|&o| o <= text.len() && text.is_char_boundary(o));
    }
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut chars = text.char_indices().peekable();
    let mut acc = 0usize;
    for i in order {
        let target = offsets[i];
        while acc < target {
            match chars.next() {
                Some((_, c)) => acc += width(c, unit),
                None => return false,
            }
        }
        if acc != target {
            return false;
        }
        offsets[i] = chars.peek().map_or(text.len(), |&(b, _)| b);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_each_unit() {
        let text = "Ana Núñez 😀 Trần\r\nİ";
        let bytes: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for unit in [OffsetUnit::Bytes, OffsetUnit::Chars, OffsetUnit::Utf16] {
            let mut v = bytes.clone();
            v.reverse();
            convert_from_bytes(text, &mut v, unit);
            assert!(convert_to_bytes(text, &mut v, unit));
            v.reverse();
            assert_eq!(v, bytes);
        }
    }

    #[test]
    fn surrogate_middle_is_rejected() {
        let mut v = [1];
        assert!(!convert_to_bytes("😀", &mut v, OffsetUnit::Utf16));
    }
}

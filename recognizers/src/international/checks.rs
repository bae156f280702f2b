//! Check-digit algorithms of national identifiers, each from the scheme's
//! published definition. Every function takes the identifier's significant
//! characters (separators removed) and answers whether the check passes.

/// The digits of `s` as numbers, or `None` if any byte is not a digit.
fn digits(s: &str) -> Option<Vec<u32>> {
    s.bytes()
        .map(|b| b.is_ascii_digit().then(|| u32::from(b - b'0')))
        .collect()
}

/// The Luhn (mod 10) check, shared with the card-number validator.
pub(crate) use crate::identifiers::validators::luhn;

/// NHS number (England, Wales, Isle of Man): ten digits; the first nine
/// are weighted 10 down to 2, the check digit is 11 minus the sum mod 11
/// (11 becomes 0, 10 means the number is invalid).
pub(crate) fn nhs(s: &str) -> bool {
    let Some(d) = digits(s) else { return false };
    if d.len() != 10 || d.iter().all(|&x| x == d[0]) {
        return false;
    }
    let sum: u32 = d[..9].iter().zip((2..=10).rev()).map(|(&x, w)| x * w).sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    check == d[9]
}

/// Ontario health number: ten digits, the last a Luhn check digit.
pub(crate) fn ohip(s: &str) -> bool {
    s.len() == 10 && luhn(s)
}

/// Medicare Australia card number: ten digits (an eleventh, the
/// individual reference number, may follow). The first digit is 2–6; the
/// ninth is the check digit, the sum of the first eight weighted
/// 1, 3, 7, 9, 1, 3, 7, 9, mod 10. The tenth (issue number) is not 0.
pub(crate) fn medicare_au(s: &str) -> bool {
    let Some(d) = digits(s) else { return false };
    if !(10..=11).contains(&d.len()) || !(2..=6).contains(&d[0]) || d[9] == 0 {
        return false;
    }
    let sum: u32 = d[..8]
        .iter()
        .zip([1, 3, 7, 9, 1, 3, 7, 9])
        .map(|(&x, w)| x * w)
        .sum();
    sum % 10 == d[8]
}

/// The NHI alphabet: A–Z without I and O, valued 1–24.
fn nhi_letter(b: u8) -> Option<u32> {
    const ALPHA: &[u8; 24] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    ALPHA
        .iter()
        .position(|&c| c == b)
        .and_then(|p| u32::try_from(p + 1).ok())
}

/// New Zealand National Health Index number, in either format:
///
/// * old `AAANNNC`: the six leading characters (letters valued 1–24,
///   digits as themselves) weighted 7 down to 2; the check digit is 11
///   minus the sum mod 11 (a remainder of 0 is invalid, 10 becomes 0);
/// * new `AAANNAX` (issued from 2025): the same weights, sum mod 23; the
///   check letter is the alphabet's letter valued 23 minus the remainder
///   (a remainder of 0 is invalid).
pub(crate) fn nhi(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 7 {
        return false;
    }
    let mut values = [0u32; 6];
    for (i, v) in values.iter_mut().enumerate() {
        let c = b[i];
        *v = if i < 3 {
            match nhi_letter(c) {
                Some(x) => x,
                None => return false,
            }
        } else if i < 5 || (i == 5 && c.is_ascii_digit()) {
            if !c.is_ascii_digit() {
                return false;
            }
            u32::from(c - b'0')
        } else {
            match nhi_letter(c) {
                Some(x) => x,
                None => return false,
            }
        };
    }
    let sum: u32 = values.iter().zip((2..=7).rev()).map(|(&x, w)| x * w).sum();
    if b[5].is_ascii_digit() {
        // Old format: six chars, digit check.
        if !b[6].is_ascii_digit() {
            return false;
        }
        let r = sum % 11;
        if r == 0 {
            return false;
        }
        let check = (11 - r) % 10;
        check == u32::from(b[6] - b'0')
    } else {
        let r = sum % 23;
        if r == 0 {
            return false;
        }
        nhi_letter(b[6]) == Some(23 - r)
    }
}

/// UK National Insurance number: two prefix letters (first not D, F, I,
/// Q, U or V; second not D, F, I, O, Q, U or V; not BG, GB, KN, NK, NT,
/// TN or ZZ), six digits, and a suffix A–D when present. `s` has no
/// separators; the suffix is optional.
pub(crate) fn nino(s: &str) -> bool {
    let b = s.as_bytes();
    if !(8..=9).contains(&b.len()) {
        return false;
    }
    let (p1, p2) = (b[0], b[1]);
    let letter_ok = |c: u8, bad: &[u8]| c.is_ascii_uppercase() && !bad.contains(&c);
    if !letter_ok(p1, b"DFIQUV") || !letter_ok(p2, b"DFIOQUV") {
        return false;
    }
    if [b"BG", b"GB", b"KN", b"NK", b"NT", b"TN", b"ZZ"]
        .iter()
        .any(|p| p[..] == b[..2])
    {
        return false;
    }
    if !b[2..8].iter().all(u8::is_ascii_digit) {
        return false;
    }
    b.get(8).is_none_or(|c| (b'A'..=b'D').contains(c))
}

/// Canadian Social Insurance Number: nine digits, Luhn; the first digit is
/// not 0 or 8 (never issued).
pub(crate) fn sin(s: &str) -> bool {
    s.len() == 9 && !s.starts_with(['0', '8']) && luhn(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_known_values() {
        assert!(luhn("79927398713"));
        assert!(!luhn("79927398710"));
        assert!(!luhn("7"));
        assert!(!luhn("12a4"));
    }

    #[test]
    fn nhs_check_digit() {
        // The NHS Data Dictionary's worked example.
        assert!(nhs("9434765919"));
        assert!(!nhs("9434765918"));
        // A remainder giving 10 is never issued.
        assert!(!nhs("0000000000"));
        assert!(!nhs("943476591"));
    }

    #[test]
    fn ohip_and_sin_luhn() {
        assert!(ohip("1234567897"));
        assert!(!ohip("1234567890"));
        assert!(sin("130692544"));
        assert!(!sin("130692545"));
        // Luhn-valid, but 0 and 8 are never the first digit.
        assert!(luhn("046454286") && !sin("046454286"));
        assert!(luhn("846454288") && !sin("846454288"));
    }

    #[test]
    fn medicare_au_weights() {
        // 2123 45670 1: 2·1+1·3+2·7+3·9+4·1+5·3+6·7+7·9 = 170 → check 0.
        assert!(medicare_au("2123456701"));
        assert!(medicare_au("21234567011"));
        assert!(!medicare_au("2123456711"));
        // First digit must be 2–6; issue number not 0.
        assert!(!medicare_au("7123456701"));
        assert!(!medicare_au("2123456700"));
    }

    #[test]
    fn nhi_both_formats() {
        // Published example and test numbers (old format).
        assert!(nhi("ZZZ0016"));
        assert!(nhi("ZZZ0024"));
        assert!(nhi("WLD9413"));
        assert!(nhi("ZAC5361"));
        assert!(!nhi("ZZZ0017"));
        assert!(!nhi("ZZZ0044"));
        // Letters I and O are not in the alphabet.
        assert!(!nhi("IZZ0016"));
        // New format (check letter).
        assert!(nhi("ZSC21TN"));
        assert!(nhi("ZBN77VL"));
        assert!(nhi("ZVB97XQ"));
        assert!(!nhi("ZZZ00AA"));
        assert!(!nhi("ZSC21TM"));
        assert!(!nhi("ZSC21T1"));
    }

    #[test]
    fn nino_rules() {
        assert!(nino("AB123456C"));
        assert!(nino("AB123456"));
        assert!(!nino("AB123456E"));
        assert!(!nino("GB123456A"));
        assert!(!nino("DA123456A"));
        assert!(!nino("AO123456A"));
        assert!(!nino("AB12345"));
    }
}

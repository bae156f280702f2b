//! Checksum and format validators for identifiers.
//!
//! Each function takes the matched text as written (separators such as
//! spaces and dashes allowed where the format has them) and returns whether
//! it is a well-formed value. None of them allocates for ASCII input beyond
//! a small fixed buffer, and none panics on any input.

/// Collects the ASCII digits of `s` into a fixed buffer, skipping the
/// separators in `seps`. Returns `None` when `s` holds any other character
/// or more than `N` digits.
fn digits<const N: usize>(s: &str, seps: &[u8]) -> Option<([u8; N], usize)> {
    let mut out = [0u8; N];
    let mut n = 0;
    for b in s.bytes() {
        if b.is_ascii_digit() {
            if n == N {
                return None;
            }
            out[n] = b - b'0';
            n += 1;
        } else if !seps.contains(&b) {
            return None;
        }
    }
    Some((out, n))
}

/// The Luhn (mod 10) check over the digits of `s`; spaces and dashes are
/// ignored, any other character fails. At least two digits are needed.
///
/// # Example
/// ```
/// use phimask_recognizers::identifiers::validators::luhn;
/// assert!(luhn("4111 1111 1111 1111"));
/// assert!(!luhn("4111 1111 1111 1112"));
/// ```
pub fn luhn(s: &str) -> bool {
    let Some((d, n)) = digits::<64>(s, b" -") else {
        return false;
    };
    n >= 2 && luhn_digits(&d[..n])
}

fn luhn_digits(d: &[u8]) -> bool {
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| {
            let x = u32::from(x);
            if i % 2 == 1 {
                let y = x * 2;
                if y > 9 {
                    y - 9
                } else {
                    y
                }
            } else {
                x
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// A payment card number: 13–19 digits (spaces or dashes allowed), a known
/// issuer prefix (Visa, Mastercard, American Express, Discover, Diners,
/// JCB, UnionPay, Maestro) and a valid Luhn check digit.
///
/// # Example
/// ```
/// use phimask_recognizers::identifiers::validators::credit_card_valid;
/// assert!(credit_card_valid("4111-1111-1111-1111"));
/// assert!(!credit_card_valid("9111-1111-1111-1111"));
/// ```
pub fn credit_card_valid(s: &str) -> bool {
    let Some((d, n)) = digits::<19>(s, b" -") else {
        return false;
    };
    if !(13..=19).contains(&n) {
        return false;
    }
    let d = &d[..n];
    let p2 = u32::from(d[0]) * 10 + u32::from(d[1]);
    let p3 = p2 * 10 + u32::from(d[2]);
    let p4 = p3 * 10 + u32::from(d[3]);
    let p6 = p4 * 100 + u32::from(d[4]) * 10 + u32::from(d[5]);
    let known = d[0] == 4
        || (51..=55).contains(&p2)
        || (222_100..=272_099).contains(&p6)
        || p2 == 34
        || p2 == 37
        || p4 == 6011
        || p2 == 65
        || (644..=649).contains(&p3)
        || (300..=305).contains(&p3)
        || p2 == 36
        || p2 == 38
        || p2 == 39
        || (3528..=3589).contains(&p4)
        || p2 == 62
        || p2 == 50
        || (56..=58).contains(&p2)
        || p2 == 63
        || p2 == 67;
    known && luhn_digits(d)
}

/// A US social security number: nine digits (dashes, spaces or dots
/// allowed) whose area is not 000, 666 or 900–999, group not 00 and serial
/// not 0000.
///
/// # Example
/// ```
/// use phimask_recognizers::identifiers::validators::ssn_valid;
/// assert!(ssn_valid("123-45-6789"));
/// assert!(!ssn_valid("666-45-6789"));
/// ```
pub fn ssn_valid(s: &str) -> bool {
    let Some((d, 9)) = digits::<9>(s, b" -.") else {
        return false;
    };
    let area = num(&d[0..3]);
    let group = num(&d[3..5]);
    let serial = num(&d[5..9]);
    area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
}

/// A US individual taxpayer identification number: nine digits starting
/// with 9 whose fourth and fifth digits are 50–65, 70–88, 90–92 or 94–99.
///
/// # Example
/// ```
/// use phimask_recognizers::identifiers::validators::itin_valid;
/// assert!(itin_valid("912-70-1234"));
/// assert!(!itin_valid("912-45-1234"));
/// ```
pub fn itin_valid(s: &str) -> bool {
    let Some((d, 9)) = digits::<9>(s, b" -.") else {
        return false;
    };
    let group = num(&d[3..5]);
    d[0] == 9
        && ((50..=65).contains(&group)
            || (70..=88).contains(&group)
            || (90..=92).contains(&group)
            || (94..=99).contains(&group))
}

/// A National Provider Identifier: ten digits starting with 1 or 2 whose
/// last digit is the Luhn check digit computed with the prefix 80840.
///
/// # Example
/// ```
/// use phimask_recognizers::identifiers::validators::npi_valid;
/// assert!(npi_valid("1234567893"));
/// assert!(!npi_valid("1234567890"));
/// ```
pub fn npi_valid(s: &str) -> bool {
    let Some((d, 10)) = digits::<10>(s, b"") else {
        return false;
    };
    if d[0] != 1 && d[0] != 2 {
        return false;
    }
    let mut full = [8u8, 0, 8, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    full[5..].copy_from_slice(&d);
    luhn_digits(&full)
}

/// A DEA registration number: a registrant-type letter, a second letter
/// (or 9), and seven digits whose last is the check digit: the sum of the
/// first, third and fifth digits plus twice the sum of the second, fourth
/// and sixth, modulo 10.
///
/// # Example
/// ```
/// use phimask_recognizers::identifiers::validators::dea_valid;
/// assert!(dea_valid("AB1234563"));
/// assert!(!dea_valid("AB1234564"));
/// ```
pub fn dea_valid(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 9 {
        return false;
    }
    let first = b[0].to_ascii_uppercase();
    let second = b[1].to_ascii_uppercase();
    if !b"ABCDEFGHJKLMPRSTUX".contains(&first) {
        return false;
    }
    if !(second.is_ascii_uppercase() || second == b'9') {
        return false;
    }
    let Some((d, 7)) = digits::<7>(&s[2..], b"") else {
        return false;
    };
    let sum = u32::from(d[0] + d[2] + d[4]) + 2 * u32::from(d[1] + d[3] + d[5]);
    sum % 10 == u32::from(d[6])
}

/// A vehicle identification number: 17 characters from A–Z and 0–9
/// without I, O and Q, whose ninth character is the North American check
/// digit (0–9 or X).
///
/// Many VINs issued outside North America have no valid check digit, so a
/// `false` here does not prove a labelled value is not a VIN.
///
/// # Example
/// ```
/// use phimask_recognizers::identifiers::validators::vin_valid;
/// assert!(vin_valid("1M8GDM9AXKP042788"));
/// assert!(!vin_valid("1M8GDM9A1KP042788"));
/// ```
pub fn vin_valid(s: &str) -> bool {
    const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    let b = s.as_bytes();
    if b.len() != 17 {
        return false;
    }
    let mut sum = 0;
    for (i, &c) in b.iter().enumerate() {
        let Some(v) = vin_value(c.to_ascii_uppercase()) else {
            return false;
        };
        sum += v * WEIGHTS[i];
    }
    let check = match sum % 11 {
        10 => b'X',
        r => b'0' + r as u8,
    };
    b[8].to_ascii_uppercase() == check
}

/// True when `s` is made only of characters a VIN may hold (17 of them).
pub(crate) fn vin_charset(s: &str) -> bool {
    s.len() == 17
        && s.bytes()
            .all(|c| vin_value(c.to_ascii_uppercase()).is_some())
}

fn vin_value(c: u8) -> Option<u32> {
    Some(match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A' | b'J' => 1,
        b'B' | b'K' | b'S' => 2,
        b'C' | b'L' | b'T' => 3,
        b'D' | b'M' | b'U' => 4,
        b'E' | b'N' | b'V' => 5,
        b'F' | b'W' => 6,
        b'G' | b'P' | b'X' => 7,
        b'H' | b'Y' => 8,
        b'R' | b'Z' => 9,
        _ => return None,
    })
}

/// An international bank account number: a country code, two check digits
/// and up to 30 letters and digits (spaces allowed), 15–34 characters in
/// all, passing the ISO 7064 mod-97 check.
///
/// # Example
/// ```
/// use phimask_recognizers::identifiers::validators::iban_valid;
/// assert!(iban_valid("GB82 WEST 1234 5698 7654 32"));
/// assert!(!iban_valid("GB82 WEST 1234 5698 7654 33"));
/// ```
pub fn iban_valid(s: &str) -> bool {
    let mut buf = [0u8; 34];
    let mut n = 0;
    for b in s.bytes() {
        if b == b' ' || b == b'-' {
            continue;
        }
        if !b.is_ascii_alphanumeric() || n == 34 {
            return false;
        }
        buf[n] = b.to_ascii_uppercase();
        n += 1;
    }
    if n < 15 {
        return false;
    }
    let v = &buf[..n];
    if !v[0].is_ascii_uppercase()
        || !v[1].is_ascii_uppercase()
        || !v[2].is_ascii_digit()
        || !v[3].is_ascii_digit()
    {
        return false;
    }
    let mut rem: u32 = 0;
    for &c in v[4..].iter().chain(&v[..4]) {
        if c.is_ascii_digit() {
            rem = (rem * 10 + u32::from(c - b'0')) % 97;
        } else {
            let x = u32::from(c - b'A') + 10;
            rem = (rem * 100 + x) % 97;
        }
    }
    rem == 1
}

/// An ABA routing transit number: nine digits with a valid first-two-digit
/// range (00–12, 21–32, 61–72, 80) and the weighted 3-7-1 checksum.
///
/// # Example
/// ```
/// use phimask_recognizers::identifiers::validators::aba_valid;
/// assert!(aba_valid("021000021"));
/// assert!(!aba_valid("021000022"));
/// ```
pub fn aba_valid(s: &str) -> bool {
    let Some((d, 9)) = digits::<9>(s, b"-") else {
        return false;
    };
    let prefix = num(&d[0..2]);
    if !((0..=12).contains(&prefix)
        || (21..=32).contains(&prefix)
        || (61..=72).contains(&prefix)
        || prefix == 80)
    {
        return false;
    }
    let w = [3u32, 7, 1, 3, 7, 1, 3, 7, 1];
    let sum: u32 = d.iter().zip(w).map(|(&x, w)| u32::from(x) * w).sum();
    sum.is_multiple_of(10) && d.iter().any(|&x| x != 0)
}

/// A Medicare Beneficiary Identifier: 11 characters (dashes allowed after
/// the fourth and seventh) in the CMS layout C A AN N A AN N A A N N, where
/// C is 1–9, N a digit, A a letter other than S, L, O, I, B and Z.
///
/// # Example
/// ```
/// use phimask_recognizers::identifiers::validators::mbi_valid;
/// assert!(mbi_valid("1EG4-TE5-MK73"));
/// assert!(!mbi_valid("1EG4-TS5-MK73"));
/// ```
pub fn mbi_valid(s: &str) -> bool {
    let mut buf = [0u8; 11];
    let mut n = 0;
    for b in s.bytes() {
        if b == b'-' {
            continue;
        }
        if n == 11 {
            return false;
        }
        buf[n] = b.to_ascii_uppercase();
        n += 1;
    }
    if n != 11 {
        return false;
    }
    let alpha = |c: u8| c.is_ascii_uppercase() && !b"SLOIBZ".contains(&c);
    let digit = |c: u8| c.is_ascii_digit();
    let alnum = |c: u8| alpha(c) || digit(c);
    let b = buf;
    (b'1'..=b'9').contains(&b[0])
        && alpha(b[1])
        && alnum(b[2])
        && digit(b[3])
        && alpha(b[4])
        && alnum(b[5])
        && digit(b[6])
        && alpha(b[7])
        && alpha(b[8])
        && digit(b[9])
        && digit(b[10])
}

fn num(d: &[u8]) -> u32 {
    d.iter().fold(0, |acc, &x| acc * 10 + u32::from(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_known_values() {
        assert!(luhn("79927398713"));
        assert!(!luhn("79927398710"));
        assert!(luhn("4539 1488 0343 6467"));
        assert!(!luhn("4539 1488 0343 6468"));
        assert!(!luhn("4539x1488"));
        assert!(!luhn("0"));
        assert!(!luhn(""));
    }

    #[test]
    fn credit_cards() {
        for ok in [
            "4111111111111111",
            "4111 1111 1111 1111",
            "5500-0000-0000-0004",
            "340000000000009",
            "3782 822463 10005",
            "6011000000000004",
            "30000000000004",
            "3530111333300000",
            "2223000048400011",
        ] {
            assert!(credit_card_valid(ok), "{ok}");
        }
        for bad in [
            "4111111111111112",
            "1111111111111117",
            "411111111111",
            "41111111111111111111",
            "4111.1111.1111.1111",
        ] {
            assert!(!credit_card_valid(bad), "{bad}");
        }
    }

    #[test]
    fn ssn_ranges() {
        assert!(ssn_valid("123-45-6789"));
        assert!(ssn_valid("123 45 6789"));
        assert!(ssn_valid("123456789"));
        assert!(ssn_valid("899-99-9999"));
        assert!(!ssn_valid("000-45-6789"));
        assert!(!ssn_valid("666-45-6789"));
        assert!(!ssn_valid("900-45-6789"));
        assert!(!ssn_valid("999-45-6789"));
        assert!(!ssn_valid("123-00-6789"));
        assert!(!ssn_valid("123-45-0000"));
        assert!(!ssn_valid("123-45-678"));
        assert!(!ssn_valid("123-45-67890"));
        assert!(!ssn_valid("12a-45-6789"));
    }

    #[test]
    fn itin_ranges() {
        assert!(itin_valid("900-70-0000"));
        assert!(itin_valid("999-88-1234"));
        assert!(itin_valid("912-50-1234"));
        assert!(itin_valid("912 94 1234"));
        assert!(!itin_valid("912-89-1234"));
        assert!(!itin_valid("912-93-1234"));
        assert!(!itin_valid("812-70-1234"));
        assert!(!itin_valid("912-66-1234"));
    }

    #[test]
    fn npi_check_digit() {
        assert!(npi_valid("1234567893"));
        assert!(npi_valid("1245319599"));
        assert!(!npi_valid("1245319598"));
        assert!(!npi_valid("3234567893"));
        assert!(!npi_valid("123456789"));
        assert!(!npi_valid("12345678931"));
    }

    #[test]
    fn dea_check_digit() {
        assert!(dea_valid("AB1234563"));
        assert!(dea_valid("BJ6125341"));
        assert!(dea_valid("M91234563"));
        assert!(!dea_valid("AB1234560"));
        assert!(!dea_valid("IB1234563"));
        assert!(!dea_valid("AB123456"));
        assert!(!dea_valid("A11234563"));
    }

    #[test]
    fn vin_check_digit() {
        assert!(vin_valid("1M8GDM9AXKP042788"));
        assert!(vin_valid("11111111111111111"));
        assert!(vin_valid("1HGCM82633A004352"));
        assert!(!vin_valid("1HGCM82643A004352"));
        assert!(!vin_valid("1HGCM8263IA004352"));
        assert!(!vin_valid("1HGCM82633A00435"));
        assert!(vin_charset("WVWZZZ1JZXW000001"));
        assert!(!vin_charset("WVWZZZ1JZXW00000O"));
    }

    #[test]
    fn iban_mod97() {
        assert!(iban_valid("GB82WEST12345698765432"));
        assert!(iban_valid("DE89 3704 0044 0532 0130 00"));
        assert!(iban_valid("fr14 2004 1010 0505 0001 3m02 606"));
        assert!(!iban_valid("DE89 3704 0044 0532 0130 01"));
        assert!(!iban_valid("DE89"));
        assert!(!iban_valid("1289 3704 0044 0532 0130 00"));
        assert!(!iban_valid("DE89 3704 0044 0532 0130 00 é"));
    }

    #[test]
    fn aba_checksum() {
        assert!(aba_valid("011000015"));
        assert!(aba_valid("021000021"));
        assert!(aba_valid("122105155"));
        assert!(!aba_valid("122105156"));
        assert!(!aba_valid("000000000"));
        assert!(!aba_valid("991000013"));
        assert!(!aba_valid("02100002"));
    }

    #[test]
    fn mbi_layout() {
        assert!(mbi_valid("1EG4TE5MK73"));
        assert!(mbi_valid("1eg4-te5-mk73"));
        assert!(mbi_valid("9AA0A00AA00"));
        assert!(!mbi_valid("0EG4TE5MK73"));
        assert!(!mbi_valid("1EG4TE5MK7"));
        assert!(!mbi_valid("1SG4TE5MK73"));
        assert!(!mbi_valid("1EG4TE5MK7A"));
        assert!(!mbi_valid("1EGATE5MK73"));
    }
}

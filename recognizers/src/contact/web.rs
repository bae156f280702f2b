//! E-mail addresses, URLs and IP addresses.

use std::net::Ipv6Addr;

use phimask_core::{Entity, Error, PatternRecognizer};

/// E-mail addresses, including sub-addresses ("a+b@x.org"), dots, hyphens
/// and non-ASCII letters.
///
/// # Errors
/// When the built-in pattern fails to compile (a bug).
pub fn email() -> Result<PatternRecognizer, Error> {
    PatternRecognizer::builder("email", Entity::EmailAddress)
        .pattern(
            "email",
            r"(?:^|[^\p{L}\p{N}._%+\-@])(?P<phi>[\p{L}\p{N}_%+\-][\p{L}\p{N}._%+'\-]*@[\p{L}\p{N}][\p{L}\p{N}\-]*(?:\.[\p{L}\p{N}][\p{L}\p{N}\-]*)*\.\p{L}+)",
            0.95,
        )
        .context(["email", "e-mail", "mail"])
        .build()
}

/// File extensions that look like top-level domains ("notes.txt" is no URL).
const FILE_EXTENSIONS: &[&str] = &[
    "txt", "pdf", "doc", "docx", "rtf", "jpg", "jpeg", "png", "gif", "tif", "tiff", "bmp", "csv",
    "xls", "xlsx", "ppt", "pptx", "exe", "zip", "dcm", "xml", "json", "hl7", "mp3", "mp4", "wav",
    "mov", "avi", "html", "htm", "log", "dat", "py", "js", "rs", "md", "gz", "tar", "msg", "eml",
];

/// Short words that end in a dot-separated form but are abbreviations
/// ("e.g.", "i.e.", "a.m.", "b.i.d.") rather than domains.
/// Hosts whose URLs name standards and code systems (`data/contact/`).
const STANDARDS_HOSTS: &str = include_str!("../../data/contact/standards_hosts.txt");

/// True when a (lower-case) URL's host is a standards host or one of its
/// subdomains: "http://loinc.org", "https://terminology.hl7.org/CodeSystem/v2-0203".
fn on_standards_host(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', ':', '?', '#']).next().unwrap_or_default();
    STANDARDS_HOSTS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .any(|h| host == h || host.ends_with(&format!(".{h}")))
}

fn looks_like_abbreviation(host: &str) -> bool {
    host.split('.').all(|l| l.len() <= 1)
}

/// Web URLs: with a scheme, starting with "www.", bare domains with a
/// common top-level domain ("mychart.example.com"), and bare domains with
/// a path ("example.io/portal").
///
/// # Errors
/// When a built-in pattern fails to compile (a bug).
pub fn url() -> Result<PatternRecognizer, Error> {
    const END: &str = r#"[^\s<>"'()\[\]{}.,;:!?]"#;
    const BODY: &str = r#"[^\s<>"'()\[\]{}]"#;
    let scheme = format!(r"(?i)(?-u:\b)(?:https?|ftps?|sftp)://{BODY}*{END}");
    let www = format!(
        r"(?i)(?-u:\b)www\d?\.[a-z0-9\-]+(?:\.[a-z0-9\-]+)+(?::\d{{2,5}})?(?:/(?:{BODY}*{END})?)?"
    );
    let tld = format!(
        r"(?i)(?:^|[^\w.@\-/])(?P<phi>(?:[a-z0-9](?:[a-z0-9\-]{{0,61}}[a-z0-9])?\.)+(?:com|org|net|edu|gov|mil|int|info|biz|health|io|us|co\.uk|org\.uk|nhs\.uk|ac\.uk|gov\.uk)(?::\d{{2,5}})?(?:/(?:{BODY}*{END})?)?)(?-u:\b)"
    );
    let path = format!(
        r"(?i)(?:^|[^\w.@\-/])(?P<phi>[a-z0-9][a-z0-9\-]+(?:\.[a-z0-9][a-z0-9\-]+)*\.[a-z]{{2,12}}/{BODY}*{END})"
    );
    PatternRecognizer::builder("url", Entity::Url)
        .pattern("scheme", scheme, 0.95)
        .pattern("www", www, 0.9)
        .pattern("common_tld", tld, 0.85)
        .pattern("domain_path", path, 0.6)
        .context([
            "url", "website", "web", "site", "portal", "link", "http", "online",
        ])
        .invalidator(|value| {
            let lower = value.to_ascii_lowercase();
            if on_standards_host(&lower) {
                return true;
            }
            if lower.contains("://") || lower.starts_with("www") {
                return false;
            }
            let host = lower.split(['/', ':']).next().unwrap_or_default();
            if looks_like_abbreviation(host) {
                return true;
            }
            let last = host.rsplit('.').next().unwrap_or_default();
            FILE_EXTENSIONS.contains(&last)
        })
        .build()
}

/// Octet of an IPv4 address, 0–255 without leading zeros beyond one digit.
const OCTET: &str = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)";

/// IPv4 (with octet validation) and IPv6 (full, compressed, with an
/// embedded IPv4 tail or a zone such as "%eth0").
///
/// # Errors
/// When a built-in pattern fails to compile (a bug).
pub fn ip_address() -> Result<PatternRecognizer, Error> {
    let v4 = format!(
        r"(?:^|[^\w.])(?P<phi>{OCTET}(?:\.{OCTET}){{3}}(?:/\d{{1,2}})?)(?:$|[^\w.]|\.(?:\s|$))"
    );
    let v6 = r"(?:^|[^\w:.%])(?P<phi>(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|[0-9A-Fa-f:]*::[0-9A-Fa-f:]*(?:\d{1,3}(?:\.\d{1,3}){3})?)(?:%[A-Za-z0-9_.]+)?(?:/\d{1,3})?)";
    PatternRecognizer::builder("ip_address", Entity::IpAddress)
        .pattern("ipv4", v4, 0.85)
        .pattern("ipv6", v6, 0.85)
        .context([
            "ip",
            "ip address",
            "host",
            "server",
            "address",
            "login",
            "ipv4",
            "ipv6",
        ])
        .validator(|value| {
            if !value.contains(':') {
                return None;
            }
            let addr = value.split(['%', '/']).next().unwrap_or_default();
            let ok = addr.parse::<Ipv6Addr>().is_ok()
                && addr.bytes().any(|b| b.is_ascii_digit())
                && addr.bytes().filter(u8::is_ascii_hexdigit).count() >= 1
                && !(addr.ends_with("::") && addr.matches(':').count() < 4);
            if ok {
                None
            } else {
                Some(false)
            }
        })
        .build()
}

/// Whether a fully matched value is a valid IP address (for tests).
#[cfg(test)]
pub(crate) fn is_ipv6(s: &str) -> bool {
    s.parse::<Ipv6Addr>().is_ok()
}

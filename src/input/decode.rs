//! Bytes → text, shared by every reader before it looks at the format.
//!
//! Scraped corpora hold junk, and each kind gets one decision here so the
//! readers only ever see a `String`: whitespace-only files are skipped as
//! "empty"; UTF-16 with a byte order mark is decoded (with a warning, since
//! offsets then refer to the decoded text, not the file); files with NUL bytes
//! or mostly control characters in their first 8 KiB are skipped as
//! "binary"; anything else is UTF-8, decoded lossily with a warning that
//! counts the replaced sequences. A UTF-8 byte order mark is kept, so spans
//! stay byte offsets into the file as read; readers step over it when they
//! look for titles. Every step is a single pass: a 50 MB file costs one
//! validation and no copy when it is valid UTF-8.

use super::error::InputError;
use crate::types::Origin;

/// How much of the start of a file the binary sniffing looks at.
pub(crate) const SNIFF_LEN: usize = 8 * 1024;

/// The UTF-8 byte order mark as a char.
pub(crate) const BOM: char = '\u{feff}';

/// The outcome of decoding one document.
#[derive(Debug)]
pub(crate) enum Decoded {
    /// Text to hand to a reader, with what was repaired on the way.
    Text {
        text: String,
        warnings: Vec<InputError>,
    },
    /// Nothing worth reading: empty or binary.
    Skip(InputError),
}

/// Decodes a whole document.
pub(crate) fn decode(bytes: Vec<u8>, origin: &Origin) -> Decoded {
    let mut warnings = Vec::new();
    let text = if let Some((text, encoding, replaced)) = decode_utf16_bom(&bytes) {
        warnings.push(InputError::Utf16 {
            origin: origin.clone(),
            encoding,
            replaced,
        });
        text
    } else {
        if looks_binary(&bytes[..bytes.len().min(SNIFF_LEN)]) {
            return Decoded::Skip(InputError::Binary {
                origin: origin.clone(),
            });
        }
        match utf8_lossy(bytes) {
            (text, 0) => text,
            (text, count) => {
                warnings.push(InputError::InvalidUtf8 {
                    origin: origin.clone(),
                    count,
                });
                text
            }
        }
    };
    if is_blank(&text) {
        return Decoded::Skip(InputError::Empty {
            origin: origin.clone(),
        });
    }
    Decoded::Text { text, warnings }
}

/// True when the text holds nothing but whitespace and byte order marks.
pub(crate) fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || c == BOM)
}

/// Decodes UTF-8, replacing invalid sequences; returns the text and how many
/// sequences were replaced. Valid input is moved, not copied.
pub(crate) fn utf8_lossy(bytes: Vec<u8>) -> (String, usize) {
    match String::from_utf8(bytes) {
        Ok(s) => (s, 0),
        Err(e) => {
            let bytes = e.into_bytes();
            let count = bytes
                .utf8_chunks()
                .filter(|c| !c.invalid().is_empty())
                .count();
            (String::from_utf8_lossy(&bytes).into_owned(), count)
        }
    }
}

/// If `bytes` start with a UTF-16 byte order mark, decodes the rest (dropping
/// the mark) and returns the text, the encoding's name and the number of
/// replaced code units.
pub(crate) fn decode_utf16_bom(bytes: &[u8]) -> Option<(String, &'static str, usize)> {
    let (big_endian, encoding) = match bytes {
        [0xFF, 0xFE, ..] => (false, "UTF-16LE"),
        [0xFE, 0xFF, ..] => (true, "UTF-16BE"),
        _ => return None,
    };
    let body = &bytes[2..];
    let units = body.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let mut replaced = 0;
    let mut text = String::with_capacity(body.len());
    for c in char::decode_utf16(units) {
        text.push(c.unwrap_or_else(|_| {
            replaced += 1;
            char::REPLACEMENT_CHARACTER
        }));
    }
    if body.len() % 2 == 1 {
        replaced += 1;
        text.push(char::REPLACEMENT_CHARACTER);
    }
    Some((text, encoding, replaced))
}

/// The binary sniff: any NUL byte, or more than 30% of the characters being
/// control characters (other than tab, newlines, form feed and escape) or
/// invalid UTF-8. Legacy 8-bit text (Latin-1 accents) stays well under that
/// and is decoded lossily instead.
pub(crate) fn looks_binary(head: &[u8]) -> bool {
    if head.contains(&0) {
        return true;
    }
    let mut total = 0usize;
    let mut bad = 0usize;
    for chunk in head.utf8_chunks() {
        for c in chunk.valid().chars() {
            total += 1;
            if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1b') {
                bad += 1;
            }
        }
        // A sequence cut off by the end of the sniff window is not evidence.
        let invalid = chunk.invalid().len();
        total += invalid;
        bad += invalid;
    }
    if let Some(last) = head.utf8_chunks().last() {
        let cut = last.invalid().len();
        if cut > 0 && cut < 4 && head.len() == SNIFF_LEN {
            bad -= cut;
        }
    }
    total > 0 && bad * 10 > total * 3
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn origin() -> Origin {
        Origin {
            path: Some(PathBuf::from("dir/a.txt")),
            line: None,
        }
    }

    fn text_of(d: Decoded) -> (String, Vec<InputError>) {
        match d {
            Decoded::Text { text, warnings } => (text, warnings),
            Decoded::Skip(e) => panic!("unexpected skip: {e}"),
        }
    }

    #[test]
    fn valid_utf8_passes_through_with_bom_and_crlf() {
        let (t, w) = text_of(decode(b"\xEF\xBB\xBFTitle\r\n\r\nBody".to_vec(), &origin()));
        assert_eq!(t, "\u{feff}Title\r\n\r\nBody");
        assert!(w.is_empty());
    }

    #[test]
    fn invalid_utf8_is_replaced_and_counted() {
        let (t, w) = text_of(decode(b"caf\xE9 and \xFF\xFE!".to_vec(), &origin()));
        assert_eq!(t, "caf\u{fffd} and \u{fffd}\u{fffd}!");
        assert_eq!(w.len(), 1);
        let msg = w[0].to_string();
        assert_eq!(
            msg,
            "dir/a.txt: warning: invalid UTF-8, 3 byte sequence(s) replaced with U+FFFD"
        );
        assert_eq!(w[0].reason(), "invalid utf-8");
    }

    #[test]
    fn empty_and_whitespace_are_skipped() {
        for bytes in [
            &b""[..],
            b"  \n\t\r\n",
            b"\xEF\xBB\xBF\n",
            b"\xFF\xFE \x00\n\x00",
        ] {
            match decode(bytes.to_vec(), &origin()) {
                Decoded::Skip(e) => {
                    assert_eq!(e.reason(), "empty");
                    assert_eq!(e.to_string(), "dir/a.txt: skipped: empty");
                }
                Decoded::Text { text, .. } => panic!("not skipped: {text:?}"),
            }
        }
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let mut bytes = b"GIF89a".to_vec();
        bytes.extend([0u8, 1, 2, 3]);
        match decode(bytes, &origin()) {
            Decoded::Skip(e) => {
                assert_eq!(e.reason(), "binary");
                assert!(e.to_string().starts_with("dir/a.txt: skipped: binary"));
            }
            Decoded::Text { .. } => panic!("binary not detected"),
        }
    }

    #[test]
    fn mostly_control_bytes_mean_binary_but_latin1_does_not() {
        let junk: Vec<u8> = (0..2000u32)
            .map(|i| [1u8, 2, 0x80, b'a'][i as usize % 4])
            .collect();
        assert!(looks_binary(&junk));
        assert!(!looks_binary("Ünïcödé text — fine".as_bytes()));
        assert!(!looks_binary(
            b"Caf\xE9 cr\xE8me, d\xE9j\xE0 vu: a Latin-1 line of text."
        ));
    }

    #[test]
    fn window_cut_inside_a_char_is_not_binary() {
        let mut head = "é".repeat(SNIFF_LEN / 2 - 1).into_bytes();
        head.push(b'a');
        head.push(0xC3); // first byte of another 'é', cut by the window
        assert_eq!(head.len(), SNIFF_LEN);
        assert!(!looks_binary(&head));
    }

    #[test]
    fn utf16_le_and_be_with_bom_are_decoded_with_a_warning() {
        let s = "Hi “there”\r\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        let (t, w) = text_of(decode(le, &origin()));
        assert_eq!(t, s);
        assert_eq!(
            w[0].to_string(),
            "dir/a.txt: warning: decoded from UTF-16LE (byte order mark)"
        );
        let (t, w) = text_of(decode(be, &origin()));
        assert_eq!(t, s);
        assert_eq!(w[0].reason(), "utf-16");
        assert!(w[0].to_string().contains("UTF-16BE"));
    }

    #[test]
    fn broken_utf16_is_replaced_and_counted() {
        // A lone high surrogate, then a dangling odd byte.
        let bytes = vec![0xFF, 0xFE, b'A', 0, 0x00, 0xD8, b'B', 0, b'C'];
        let (t, w) = text_of(decode(bytes, &origin()));
        assert_eq!(t, "A\u{fffd}B\u{fffd}");
        assert!(w[0]
            .to_string()
            .ends_with("2 invalid code unit(s) replaced with U+FFFD"));
    }
}

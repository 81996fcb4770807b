//! Base64 (RFC 4648), which a JSON batch uses for the bodies that are not JSON: a MIME message
//! sent as `text/plain`, a photo read from `$value`. A few lines here rather than a dependency of
//! every generated crate.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `bytes` in standard base64 with padding, appended to `out`.
pub(super) fn encode_into(bytes: &[u8], out: &mut Vec<u8>) {
    out.reserve(bytes.len().div_ceil(3) * 4);
    let mut chunks = bytes.chunks_exact(3);
    for chunk in &mut chunks {
        let n = u32::from(chunk[0]) << 16 | u32::from(chunk[1]) << 8 | u32::from(chunk[2]);
        out.extend([18, 12, 6, 0].map(|shift| ALPHABET[(n >> shift & 63) as usize]));
    }
    match *chunks.remainder() {
        [a] => {
            let n = u32::from(a) << 16;
            out.extend([ALPHABET[(n >> 18) as usize], ALPHABET[(n >> 12 & 63) as usize], b'=', b'=']);
        }
        [a, b] => {
            let n = u32::from(a) << 16 | u32::from(b) << 8;
            out.extend([18, 12, 6].map(|shift| ALPHABET[(n >> shift & 63) as usize]));
            out.push(b'=');
        }
        _ => {}
    }
}

/// The value of one base64 character, in the standard or the URL-safe alphabet.
fn value(byte: u8) -> Option<u32> {
    Some(u32::from(match byte {
        b'A'..=b'Z' => byte - b'A',
        b'a'..=b'z' => byte - b'a' + 26,
        b'0'..=b'9' => byte - b'0' + 52,
        b'+' | b'-' => 62,
        b'/' | b'_' => 63,
        _ => return None,
    }))
}

/// The bytes `text` encodes, in the standard or the URL-safe alphabet, with or without padding
/// (Graph's docs call the batch encoding "base64 URL-encoded", its SDKs send the standard one).
/// `None` when it is not base64.
pub(super) fn decode(text: &[u8]) -> Option<Vec<u8>> {
    let text = text.strip_suffix(b"==").or_else(|| text.strip_suffix(b"=")).unwrap_or(text);
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let mut chunks = text.chunks_exact(4);
    for chunk in &mut chunks {
        let mut n = 0;
        for &byte in chunk {
            n = n << 6 | value(byte)?;
        }
        out.extend([(n >> 16) as u8, (n >> 8) as u8, n as u8]);
    }
    let rest = chunks.remainder();
    let mut n = 0;
    for &byte in rest {
        n = n << 6 | value(byte)?;
    }
    match rest.len() {
        2 => out.push((n >> 4) as u8),
        3 => out.extend([(n >> 10) as u8, (n >> 2) as u8]),
        _ => {}
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(bytes: &[u8]) -> String {
        let mut out = Vec::new();
        encode_into(bytes, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn rfc_4648_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(encode(plain.as_bytes()), encoded);
            assert_eq!(decode(encoded.as_bytes()).unwrap(), plain.as_bytes());
            assert_eq!(decode(encoded.trim_end_matches('=').as_bytes()).unwrap(), plain.as_bytes(), "unpadded");
        }
    }

    #[test]
    fn every_byte_round_trips_in_both_alphabets() {
        let all: Vec<u8> = (0..=255).chain((0..=255).rev()).collect();
        for length in 0..all.len() {
            let encoded = encode(&all[..length]);
            assert_eq!(decode(encoded.as_bytes()).unwrap(), &all[..length]);
            let url_safe = encoded.replace('+', "-").replace('/', "_");
            assert_eq!(decode(url_safe.as_bytes()).unwrap(), &all[..length]);
        }
    }

    #[test]
    fn what_is_not_base64_is_refused() {
        for bad in ["Zm9v!", "Z", "Zm9vY", "Zm 9v", "{\"a\":1}", "Zg==="] {
            assert_eq!(decode(bad.as_bytes()), None, "{bad}");
        }
    }
}

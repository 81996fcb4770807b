//! MIME messages in request lines: the mail pages show sending mail, creating a message or a
//! reply "in MIME format" as base64 text in a `Content-Type: text/plain` body, in place of the
//! call's JSON body. An outsider reads the base64 back into the message and hands it to
//! `Request::mime_body`, which encodes it again the way Graph takes it.

use serde_json::Value;

use super::fixture::Line;

/// The MIME message a line's request body carries: a base64 string body (line breaks and
/// missing padding as the pages write them) sent as `text/plain`, or with no `Content-Type`
/// shown. `None` for any other body.
pub fn message(line: &Line, body: &Value) -> Option<Vec<u8>> {
    let Value::String(text) = body else { return None };
    let content_type = line.headers.iter().find(|(name, _)| name.eq_ignore_ascii_case("Content-Type"));
    if content_type.is_some_and(|(_, value)| !value.trim().to_ascii_lowercase().starts_with("text/plain")) {
        return None;
    }
    decode(text).filter(|message| !message.is_empty())
}

/// The bytes of base64 `text` (standard alphabet), whitespace and padding ignored; `None` when
/// it has another character or a dangling sixth bit group.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace() && *b != b'=').collect();
    if digits.len() % 4 == 1 {
        return None;
    }
    let value = |digit: u8| -> Option<u32> {
        Some(u32::from(match digit {
            b'A'..=b'Z' => digit - b'A',
            b'a'..=b'z' => digit - b'a' + 26,
            b'0'..=b'9' => digit - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        }))
    };
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for group in digits.chunks(4) {
        let mut bits = 0_u32;
        for (i, digit) in group.iter().enumerate() {
            bits |= value(*digit)? << (18 - 6 * i);
        }
        let bytes = bits.to_be_bytes();
        out.extend_from_slice(&bytes[1..group.len()]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_the_pages_write_it() {
        assert_eq!(decode("RnJvbTog\nQQ==").unwrap(), b"From: A");
        assert_eq!(decode("RnJvbTogQQ").unwrap(), b"From: A", "padding left out");
        assert_eq!(decode("TWFu").unwrap(), b"Man");
        assert_eq!(decode("TQ").unwrap(), b"M");
        assert_eq!(decode("T"), None);
        assert_eq!(decode("TW!u"), None);
    }

    #[test]
    fn only_text_bodies_sent_as_plain_text_are_mime() {
        let mut line: Line = serde_json::from_value(serde_json::json!({
            "id": "x", "workload": "mail", "page": "p.md", "line": 1, "method": "POST",
            "url": "https://graph.microsoft.com/v1.0/me/sendMail",
            "response": {"status": 202}
        }))
        .unwrap();
        let body = Value::String("RnJvbTogQQ==".into());
        assert_eq!(message(&line, &body).unwrap(), b"From: A");
        assert_eq!(message(&line, &serde_json::json!({"message": {}})), None);
        line.headers.insert("Content-type".into(), "text/html".into());
        assert_eq!(message(&line, &body), None, "an HTML page body is no MIME message");
        line.headers.insert("Content-type".into(), "text/plain".into());
        assert_eq!(message(&line, &body).unwrap(), b"From: A");
    }
}

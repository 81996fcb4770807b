//! MIME messages in request lines: the mail pages show sending mail, creating a message or a
//! reply "in MIME format" as base64 text in a `Content-Type: text/plain` body, in place of the
//! call's JSON body. An outsider reads the base64 back into the message and hands it to
//! `Request::mime_body`, which encodes it again the way Graph takes it.

use serde_json::Value;

use super::fixture::Line;

/// The runtime's own base64 (`Request::mime_body` encodes with it), which a generated crate
/// keeps private; only its decoder is used here.
#[path = "../../../codegen/runtime/src/base64.rs"]
#[allow(dead_code)]
mod base64;

/// The MIME message a line's request body carries: a base64 string body (line breaks and
/// missing padding as the pages write them) sent as `text/plain`, or with no `Content-Type`
/// shown. `None` for any other body.
pub fn message(line: &Line, body: &Value) -> Option<Vec<u8>> {
    let Value::String(text) = body else { return None };
    if !content_type(&line.headers).is_none_or(is_plain_text) {
        return None;
    }
    decode(text).filter(|message| !message.is_empty())
}

/// The `Content-Type` among a request's headers, if it has one.
pub fn content_type<'h, N, V>(headers: impl IntoIterator<Item = (&'h N, &'h V)>) -> Option<&'h str>
where
    N: AsRef<str> + ?Sized + 'h,
    V: AsRef<str> + ?Sized + 'h,
{
    headers.into_iter().find(|(name, _)| name.as_ref().eq_ignore_ascii_case("Content-Type")).map(|(_, v)| v.as_ref())
}

/// Whether a `Content-Type` is `text/plain` (with or without parameters).
pub fn is_plain_text(content_type: &str) -> bool {
    content_type.trim().to_ascii_lowercase().starts_with("text/plain")
}

/// The bytes of base64 `text` as the pages write it (line breaks, padding left out); `None` when
/// it is not base64 (another character, or cut off in the middle of a byte).
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    base64::decode(&digits)
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

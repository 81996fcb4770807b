//! Reading a JSON batch's answer envelope, `{"responses": [{"id", "status", "headers", "body"}]}`.
//! Each body is read once: by its own request's parser when the sub-response's id, status and
//! headers come before it (as Graph writes them), which says where the body ends; otherwise the
//! body is found (its raw JSON text) and left for that parser, which reads and checks it exactly
//! as it would the request's own answer.
//!
//! Hand-written rather than serde's `RawValue`, which checks every byte of every body on the
//! way (UTF-8 and JSON grammar, about half the time of reading the typed bodies): a body left
//! for later is skipped by its brackets and strings, strings eight bytes at a time. Reading the
//! bodies during this pass is what makes a batch cost no more than its requests one by one
//! (`cargo bench -p msgraph-bench --bench batch`): any pass over them costs a quarter of reading
//! them. A malformed body is reported by its parser, as it would be alone; an envelope that is
//! not one is an error that says where.

use ::std::borrow::Cow;

/// One sub-response, borrowing from the answer's bytes; `R`, its body as read with the envelope.
pub(super) struct SubResponse<'a, R> {
    /// The request's id.
    pub(super) id: Cow<'a, str>,
    /// The status, as sent (checked by the caller).
    pub(super) status: u64,
    /// The headers, as text (numbers and booleans as written).
    pub(super) headers: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    /// Where the body's raw JSON text is in the answer, if there is a body.
    pub(super) body: Option<::core::ops::Range<usize>>,
    /// The body as read while the envelope was, if it was (see [`responses`]).
    pub(super) read: Option<R>,
}

/// What a sub-response says before its body.
pub(super) struct Head<'s, 'a> {
    /// The request's id, if it came before the body.
    pub(super) id: Option<&'s str>,
    /// The status, if it came before the body.
    pub(super) status: Option<u64>,
    /// The headers that came before the body.
    pub(super) headers: &'s [(Cow<'a, str>, Cow<'a, str>)],
}

/// How the bodies are read with the envelope: given a sub-response's [`Head`] and where its body
/// (an object or array) starts in the answer, its value `R` and where the body ends, or `None`
/// to leave it for later.
pub(super) type ReadBody<'r, 'a, R> = dyn FnMut(&Head<'_, 'a>, usize) -> Option<(R, usize)> + 'r;

/// The sub-responses of a batch answer (`expected` of them, usually), in the order they came,
/// each body that is an object or array read by `read_body` when it can.
///
/// # Errors
///
/// Why `json` is not a batch answer, and at which byte.
pub(super) fn responses<'a, R>(
    json: &'a [u8],
    expected: usize,
    read_body: &mut ReadBody<'_, 'a, R>,
) -> Result<Vec<SubResponse<'a, R>>, String> {
    let mut reader = Reader { bytes: json, at: 0 };
    let mut responses = None;
    // The headers of the sub-response being read; kept only with a body left for later.
    let mut headers = Vec::new();
    reader.object(|reader, key| {
        if key == "responses" {
            let mut all = Vec::with_capacity(expected);
            reader.array(|reader| {
                all.push(reader.sub_response(&mut headers, read_body)?);
                Ok(())
            })?;
            responses = Some(all);
        } else {
            reader.value()?;
        }
        Ok(())
    })?;
    reader.whitespace();
    if reader.at != json.len() {
        return Err(reader.error("text after the batch answer"));
    }
    responses.ok_or_else(|| "the batch answer has no `responses`".to_owned())
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn error(&self, what: &str) -> String {
        format!("{what} at byte {} of the batch answer", self.at)
    }

    fn whitespace(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    /// The next byte after whitespace, not consumed.
    fn peek(&mut self) -> Result<u8, String> {
        self.whitespace();
        self.bytes.get(self.at).copied().ok_or_else(|| self.error("the end of the text"))
    }

    fn expect(&mut self, byte: u8) -> Result<(), String> {
        if self.peek()? != byte {
            return Err(self.error(&format!("`{}` expected", char::from(byte))));
        }
        self.at += 1;
        Ok(())
    }

    /// Calls `member` with each key of an object, the reader at its value.
    fn object(&mut self, mut member: impl FnMut(&mut Self, Cow<'a, str>) -> Result<(), String>) -> Result<(), String> {
        self.expect(b'{')?;
        if self.peek()? == b'}' {
            self.at += 1;
            return Ok(());
        }
        loop {
            let key = self.string()?;
            self.expect(b':')?;
            member(self, key)?;
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.error("`,` or `}` expected")),
            }
        }
    }

    /// Calls `item` with the reader at each item of an array.
    fn array(&mut self, mut item: impl FnMut(&mut Self) -> Result<(), String>) -> Result<(), String> {
        self.expect(b'[')?;
        if self.peek()? == b']' {
            self.at += 1;
            return Ok(());
        }
        loop {
            item(self)?;
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.error("`,` or `]` expected")),
            }
        }
    }

    /// A sub-response; `headers`, a buffer for its headers.
    fn sub_response<R>(
        &mut self,
        headers: &mut Vec<(Cow<'a, str>, Cow<'a, str>)>,
        read_body: &mut ReadBody<'_, 'a, R>,
    ) -> Result<SubResponse<'a, R>, String> {
        let (mut id, mut status, mut body, mut read) = (None, None, None, None);
        headers.clear();
        self.object(|reader, key| {
            // A body read with what came before it is read again if that changes after it.
            if matches!(&*key, "id" | "status" | "headers" | "body") {
                read = None;
            }
            match &*key {
                "id" => id = Some(reader.text()?),
                "status" => status = Some(reader.status()?),
                "headers" if reader.peek()? == b'{' => {
                    headers.clear();
                    reader.object(|reader, name| {
                        headers.push((name, reader.text()?));
                        Ok(())
                    })?;
                }
                "body" => {
                    let first = reader.peek()?;
                    let start = reader.at;
                    if matches!(first, b'{' | b'[') {
                        let head = Head { id: id.as_deref(), status, headers };
                        if let Some((value, end)) = read_body(&head, start).filter(|(_, end)| *end > start) {
                            reader.at = end.min(reader.bytes.len());
                            body = Some(start..reader.at);
                            read = Some(value);
                            return Ok(());
                        }
                    }
                    let range = reader.value()?;
                    body = (reader.bytes[range.clone()] != *b"null").then_some(range);
                }
                _ => {
                    reader.value()?;
                }
            }
            Ok(())
        })?;
        let id = id.ok_or_else(|| self.error("a response without `id` ends"))?;
        let status = status.ok_or_else(|| self.error("a response without `status` ends"))?;
        let headers = if read.is_some() { Vec::new() } else { headers.clone() };
        Ok(SubResponse { id, status, headers, body, read })
    }

    /// A string, or a number or boolean as written (Graph writes ids and header values as
    /// strings; a number is taken as its text).
    fn text(&mut self) -> Result<Cow<'a, str>, String> {
        if self.peek()? == b'"' {
            return self.string();
        }
        let range = self.value()?;
        let raw = &self.bytes[range];
        if matches!(raw.first(), Some(b'{' | b'[')) {
            return Err(self.error("text expected, not an object or array,"));
        }
        ::core::str::from_utf8(raw).map(Cow::Borrowed).map_err(|_| self.error("text that is not UTF-8"))
    }

    fn status(&mut self) -> Result<u64, String> {
        let range = self.value()?;
        ::core::str::from_utf8(&self.bytes[range])
            .ok()
            .and_then(|text| text.parse().ok())
            .ok_or_else(|| self.error("a status that is not a number"))
    }

    /// A JSON string, unescaped.
    fn string(&mut self) -> Result<Cow<'a, str>, String> {
        if self.peek()? != b'"' {
            return Err(self.error("a string expected"));
        }
        let start = self.at;
        let escaped = self.skip_string()?;
        let raw = &self.bytes[start..self.at];
        if escaped {
            ::serde_json::from_slice::<String>(raw).map(Cow::Owned).map_err(|error| self.error(&error.to_string()))
        } else {
            let inside = &raw[1..raw.len() - 1];
            ::core::str::from_utf8(inside).map(Cow::Borrowed).map_err(|_| self.error("a string that is not UTF-8"))
        }
    }

    /// Moves past the string that starts at the reader; whether it has an escape.
    fn skip_string(&mut self) -> Result<bool, String> {
        let (end, escaped) = string_end(self.bytes, self.at).ok_or_else(|| self.error("a string that does not end"))?;
        self.at = end;
        Ok(escaped)
    }

    /// Moves past any value, returning where its raw text is: strings and brackets are
    /// followed, and nothing else is checked (the body's parser checks it).
    fn value(&mut self) -> Result<::core::ops::Range<usize>, String> {
        let first = self.peek()?;
        let start = self.at;
        match first {
            b'"' => {
                self.skip_string()?;
            }
            b'{' | b'[' => {
                self.at = container_end(self.bytes, start)
                    .ok_or_else(|| self.error("an object or array that does not end"))?;
            }
            _ => {
                while let Some(&byte) = self.bytes.get(self.at) {
                    if matches!(byte, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t' | b':') {
                        break;
                    }
                    self.at += 1;
                }
                if self.at == start {
                    return Err(self.error("a value expected"));
                }
            }
        }
        Ok(start..self.at)
    }
}

/// The end of the string whose opening quote is at `at` (after its closing quote), and whether
/// it has an escape; `None` when it does not end. Eight bytes at a time: [`has_byte`] finds the
/// first `"` or `\` of a word.
#[inline]
fn string_end(bytes: &[u8], mut at: usize) -> Option<(usize, bool)> {
    at += 1;
    let mut escaped = false;
    loop {
        while let Some(word) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
            let word = u64::from_le_bytes(*word);
            let found = has_byte(word, b'"') | has_byte(word, b'\\');
            if found != 0 {
                at += (found.trailing_zeros() / 8) as usize;
                break;
            }
            at += 8;
        }
        match *bytes.get(at)? {
            b'"' => return Some((at + 1, escaped)),
            b'\\' => {
                escaped = true;
                at += 2;
            }
            _ => at += 1,
        }
    }
}

/// The end of the object or array that starts at `at` (after its closing bracket), following
/// strings and brackets only; `None` when it does not end.
fn container_end(bytes: &[u8], mut at: usize) -> Option<usize> {
    let mut depth = 0_usize;
    loop {
        match *bytes.get(at)? {
            b'"' => {
                at = string_end(bytes, at)?.0;
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(at + 1);
                }
            }
            _ => {}
        }
        at += 1;
    }
}

/// The high bit of each byte of `word` that is `byte` (and possibly of bytes after such a
/// byte, which a caller looking for the first one ignores).
fn has_byte(word: u64, byte: u8) -> u64 {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = ONES << 7;
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGHS
}

#[cfg(test)]
mod tests {
    use ::serde_json::{Value, json};

    use super::*;

    /// A sub-response as owned parts: id, status, headers, body text.
    type Owned = (String, u64, Vec<(String, String)>, Option<String>);

    fn read(json: &str) -> Result<Vec<Owned>, String> {
        let responses = responses(json.as_bytes(), 1, &mut |_, _| None::<((), usize)>)?;
        Ok(responses
            .into_iter()
            .map(|sub| {
                let headers =
                    sub.headers.into_iter().map(|(name, value)| (name.into_owned(), value.into_owned())).collect();
                let body = sub.body.map(|range| String::from_utf8(json.as_bytes()[range].to_vec()).unwrap());
                (sub.id.into_owned(), sub.status, headers, body)
            })
            .collect())
    }

    #[test]
    fn bodies_are_found_whole_whatever_they_hold() {
        let bodies = [
            json!({"a": "x\"}]{[\\", "b": [1, 2.5e3, -0.1, true, null, {"c": "é \u{1F600}"}], "d": {}}),
            json!("/9j/4AAQ"),
            json!([[], [[]], {"": ""}]),
            json!(42),
            json!("a string of more than eight bytes with \\\" escapes \\\\ at the ends \\"),
        ];
        for body in &bodies {
            let text = format!(r#"{{"responses": [ {{"id":"1","status":200,"body": {body} }} ]}}"#);
            let read = read(&text).unwrap();
            assert_eq!(serde_json::from_str::<Value>(read[0].3.as_deref().unwrap()).unwrap(), *body);
        }
    }

    #[test]
    fn fields_in_any_order_with_escapes_and_unknown_fields() {
        let text = r#" { "other": [1, {"x": "]"}], "responses" : [
            {"body": {"v": 1}, "headers": {"Content-Type": "application/json", "Retry-After": 3, "x-\u0041": "a\"b"}, "status": 429, "id": "a\u0062", "extra": null},
            {"id": 7, "status": 204, "body": null},
            {"status": 200, "id": "c"}
        ] } "#;
        let read = read(text).unwrap();
        assert_eq!(read[0].0, "ab");
        assert_eq!(read[0].1, 429);
        assert_eq!(
            read[0].2,
            [
                ("Content-Type".to_owned(), "application/json".to_owned()),
                ("Retry-After".to_owned(), "3".to_owned()),
                ("x-A".to_owned(), "a\"b".to_owned())
            ]
        );
        assert_eq!(read[0].3.as_deref(), Some(r#"{"v": 1}"#));
        assert_eq!((read[1].0.as_str(), read[1].1, read[1].3.as_deref()), ("7", 204, None));
        assert_eq!((read[2].0.as_str(), read[2].2.len()), ("c", 0));
    }

    #[test]
    fn what_is_not_a_batch_answer_says_where() {
        for (text, why) in [
            ("", "the end of the text at byte 0"),
            ("[]", "`{` expected at byte 0"),
            ("{}", "no `responses`"),
            (r#"{"responses": [{"id": "1"}]}"#, "without `status`"),
            (r#"{"responses": [{"status": 200}]}"#, "without `id`"),
            (r#"{"responses": [{"id": "1", "status": "ok"}]}"#, "status that is not a number"),
            (
                r#"{"responses": [{"id": "1", "status": 200, "body": {"a": "b}]}"#,
                "an object or array that does not end",
            ),
            (r#"{"responses": [{"id": "1", "status": 200, "body": "b}]}"#, "a string that does not end at byte 50"),
            (
                r#"{"responses": [{"id": "1", "status": 200, "body": {"a": [1, {"b": 2}"#,
                "an object or array that does not end at byte 50",
            ),
            (r#"{"responses": [{"id": "1", "status": 200, "body": {"a": [1}]}"#, "the end of the text"),
            (r#"{"responses": [{"id": {"x": 1}, "status": 200}]}"#, "text expected"),
            (r#"{"responses": []} x"#, "text after the batch answer"),
            (r#"{"responses": [] "#, "the end of the text"),
            ("{\"responses\": [{\"id\": \"\\q\", \"status\": 1}]}", "invalid escape"),
        ] {
            let error = read(text).err().unwrap_or_else(|| panic!("{text} was read"));
            assert!(error.contains(why), "{text}: {error}");
        }
    }

    #[test]
    fn the_word_search_finds_the_first_byte() {
        for position in 0..8 {
            let mut bytes = *b"abcdefgh";
            bytes[position] = b'"';
            // A match after the first, and a byte one above `"` right after it (which the
            // subtraction's borrow could mark too).
            bytes[7] = b'\\';
            if position < 6 {
                bytes[position + 1] = b'#';
            }
            let word = u64::from_le_bytes(bytes);
            let found = has_byte(word, b'"') | has_byte(word, b'\\');
            assert_eq!((found.trailing_zeros() / 8) as usize, position);
        }
        assert_eq!(has_byte(u64::from_le_bytes(*b"abcdefgh"), b'"'), 0);
    }
}

//! Request paths composed at run time, segment by segment: fixed segments, keys, alternate keys,
//! type casts and function calls, each value percent-encoded so that no value can change the
//! route.

use super::ODataLiteral;

/// A request path below the API version, built segment by segment. Every value (a key, a path
/// parameter, a function argument) is percent-encoded, so that no value (`a/../b?c#d`, `..`,
/// `%2F`) can change the route. A value that would (`.`, `..`, empty) makes the request invalid:
/// [`Request::url`](super::Request::url) then fails with the reason.
#[doc(hidden)]
#[derive(Debug, Clone, Default)]
pub struct PathBuilder {
    path: String,
    /// The arguments of a function call that ends the path, written out when the path is.
    call: Option<Vec<(String, String)>>,
    invalid: Option<String>,
}

impl PathBuilder {
    #[doc(hidden)]
    pub fn new() -> Self {
        Self::default()
    }

    /// A fixed part of a documented template, written as it is.
    #[doc(hidden)]
    pub fn literal(mut self, text: &str) -> Self {
        self.close_call();
        self.path.push_str(text);
        self
    }

    /// `/segment`: a navigation, entity set, type cast or bound operation name.
    #[doc(hidden)]
    pub fn segment(self, name: &str) -> Self {
        self.literal("/").literal(name)
    }

    /// `/{value}`: a key as a path segment.
    #[doc(hidden)]
    pub fn key(self, name: &str, value: &str) -> Self {
        self.literal("/").param(name, value)
    }

    /// A path parameter: `name` is its documented name, for the error message.
    ///
    /// Every byte but unreserved characters is percent-encoded, so `/`, `?`, `#` and `%` stay
    /// inside the segment. A value of `.` or `..` is refused: URL parsers (WHATWG, and so
    /// reqwest) treat such a segment as a dot segment even when percent-encoded, which would
    /// change the route. An empty value is refused too (it would address the collection).
    #[doc(hidden)]
    pub fn param(mut self, name: &str, value: &str) -> Self {
        self.close_call();
        self.check_segment(value, || format!("the path parameter `{name}`"));
        encode(value, b"", &mut self.path);
        self
    }

    /// `/{segment}` of a path the caller wrote (a [`RawRequest`](super::RawRequest)), the
    /// segment numbered `position` (from 1): percent-encoded as one segment, like a key, so that
    /// `/ ? # %`, `;`, spaces, control characters and non-ASCII cannot change the route. The
    /// other characters that RFC 3986 allows in a segment (`$ ' ( ) : @ ! * + , = &`) stay as
    /// written, so that `$value`, `root:` and `f(a='b')` reach Graph as its docs write them.
    /// An empty segment and the dot segments `.` and `..` are refused, as for a key.
    pub(super) fn raw_segment(mut self, position: usize, value: &str) -> Self {
        self.close_call();
        self.path.push('/');
        self.check_segment(value, || format!("segment {position} of the path"));
        encode(value, RAW_SEGMENT_SAFE, &mut self.path);
        self
    }

    /// Makes the path invalid when `value` is empty or a dot segment; `what` names the value.
    fn check_segment(&mut self, value: &str, what: impl FnOnce() -> String) {
        if self.invalid.is_none() {
            if value.is_empty() {
                self.invalid = Some(format!("{} is empty, which would change the route", what()));
            } else if value == "." || value == ".." {
                self.invalid = Some(format!("{} is `{value}`, which URL parsers treat as a dot segment", what()));
            }
        }
    }

    /// `(name='value',…)` after the last segment: an alternate key
    /// (`applications(appId='…')`).
    #[doc(hidden)]
    pub fn alternate_key(mut self, parts: &[(&str, &dyn ODataLiteral)]) -> Self {
        self.close_call();
        self.path.push('(');
        for (i, (name, value)) in parts.iter().enumerate() {
            if i > 0 {
                self.path.push(',');
            }
            self.path.push_str(name);
            self.path.push('=');
            encode(&super::literal::literal(*value), LITERAL_SAFE, &mut self.path);
        }
        self.path.push(')');
        self
    }

    /// `/name(…)`: a function call, its arguments added with [`PathBuilder::argument`]. A call
    /// without arguments is written `/name`, as Graph's docs write it (`/users/delta`).
    #[doc(hidden)]
    pub fn function(mut self, name: &str) -> Self {
        self = self.segment(name);
        self.call = Some(Vec::new());
        self
    }

    /// An argument of the function call that ends the path; a second value for the same name
    /// replaces the first.
    #[doc(hidden)]
    pub fn argument(mut self, name: &str, value: &dyn ODataLiteral) -> Self {
        match &mut self.call {
            Some(arguments) => {
                arguments.retain(|(existing, _)| existing != name);
                arguments.push((name.to_owned(), super::literal::literal(value)));
            }
            None => {
                self.invalid
                    .get_or_insert(format!("`{name}` is a function parameter, but the request is not a function call"));
            }
        }
        self
    }

    /// Writes the pending function call's arguments into the path.
    fn close_call(&mut self) {
        if let Some(arguments) = self.call.take()
            && !arguments.is_empty()
        {
            self.path.push('(');
            for (i, (name, value)) in arguments.iter().enumerate() {
                if i > 0 {
                    self.path.push(',');
                }
                self.path.push_str(name);
                self.path.push('=');
                encode(value, LITERAL_SAFE, &mut self.path);
            }
            self.path.push(')');
        }
    }

    /// The encoded path and why it is invalid, if it is.
    pub(super) fn finish(mut self) -> (String, Option<String>) {
        self.close_call();
        (self.path, self.invalid)
    }
}

/// Characters an OData literal keeps unencoded in a path segment: its quotes, and what numbers,
/// dates and durations are written with. Everything else (`/ ? # % ( ) , =`, spaces, non-ASCII) is
/// percent-encoded, so that a value cannot end the segment, the literal or the call.
const LITERAL_SAFE: &[u8] = b"':+";

/// Characters a raw path segment keeps unencoded: RFC 3986's sub-delimiters but `;` (which some
/// servers read as a parameter separator), and `:` and `@`. None of them ends a segment.
const RAW_SEGMENT_SAFE: &[u8] = b"$'():@!*+,=&";

/// Percent-encodes `value` into `out`: unreserved characters and `keep` stay as they are.
fn encode(value: &str, keep: &[u8], out: &mut String) {
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') || keep.contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(builder: PathBuilder) -> String {
        let (path, invalid) = builder.finish();
        assert_eq!(invalid, None);
        path
    }

    #[test]
    fn function_arguments_and_alternate_keys_are_literals_in_one_segment() {
        let call = PathBuilder::new()
            .segment("me")
            .function("reminderView")
            .argument("StartDateTime", &"2017-06-05T19:00:00")
            .argument("EndDateTime", &"a'b/c?d#e,f)g");
        assert_eq!(
            path(call),
            "/me/reminderView(StartDateTime='2017-06-05T19:00:00',EndDateTime='a''b%2Fc%3Fd%23e%2Cf%29g')"
        );
        let key = PathBuilder::new().segment("applications").alternate_key(&[("appId", &"46e6adf4 x")]);
        assert_eq!(path(key), "/applications(appId='46e6adf4%20x')");
    }

    #[test]
    fn calls_without_arguments_and_composed_calls() {
        assert_eq!(path(PathBuilder::new().segment("users").function("delta")), "/users/delta");
        let composed = PathBuilder::new().function("f").argument("n", &1_i32).segment("next");
        assert_eq!(path(composed), "/f(n=1)/next");
        let (_, invalid) = PathBuilder::new().segment("users").argument("x", &1_i32).finish();
        assert!(invalid.unwrap().contains("not a function call"));
    }

    #[test]
    fn raw_segments_keep_what_a_segment_may_hold_and_encode_the_rest() {
        let raw = PathBuilder::new()
            .raw_segment(1, "me")
            .raw_segment(2, "drive")
            .raw_segment(3, "root:")
            .raw_segment(4, "a b/c?d#e%f;g")
            .raw_segment(5, "f(a='b',n=1)")
            .raw_segment(6, "$value");
        assert_eq!(path(raw), "/me/drive/root:/a%20b%2Fc%3Fd%23e%25f%3Bg/f(a='b',n=1)/$value");
        let (_, invalid) = PathBuilder::new().raw_segment(1, "me").raw_segment(2, "..").finish();
        assert_eq!(invalid.unwrap(), "segment 2 of the path is `..`, which URL parsers treat as a dot segment");
        let (_, invalid) = PathBuilder::new().raw_segment(1, "").finish();
        assert!(invalid.unwrap().contains("segment 1 of the path is empty"));
    }

    #[test]
    fn keys_are_single_segments() {
        assert_eq!(path(PathBuilder::new().segment("users").key("user-id", "a/b")), "/users/a%2Fb");
        let (_, invalid) = PathBuilder::new().segment("users").key("user-id", "..").finish();
        assert!(invalid.unwrap().contains("dot segment"));
    }
}

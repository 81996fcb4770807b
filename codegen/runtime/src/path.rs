//! Request paths composed at run time, segment by segment: fixed segments, keys, alternate keys,
//! type casts, function calls and item paths (`root:/a/b.txt:`), each value percent-encoded so
//! that no value can change the route.

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
    /// An item path (`:/a/b`) ends the path: its closing `:` is written only when more follows.
    open_item_path: bool,
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
        self.close();
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
        self.close();
        self.check_segment(value, || format!("the path parameter `{name}`"));
        percent_encode(value, &SEGMENT_SAFE, &mut self.path);
        self
    }

    /// `/{segment}` of a path the caller wrote (a [`RawRequest`](super::RawRequest)), the
    /// segment numbered `position` (from 1): percent-encoded as one segment, like a key, so that
    /// `/ ? # %`, `;`, spaces, control characters and non-ASCII cannot change the route. The
    /// other characters that RFC 3986 allows in a segment (`$ ' ( ) : @ ! * + , = &`) stay as
    /// written, so that `$value`, `root:` and `f(a='b')` reach Graph as its docs write them.
    /// An empty segment and the dot segments `.` and `..` are refused, as for a key.
    pub(super) fn raw_segment(mut self, position: usize, value: &str) -> Self {
        self.close();
        self.path.push('/');
        self.check_segment(value, || format!("segment {position} of the path"));
        percent_encode(value, &RAW_SEGMENT_SAFE, &mut self.path);
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
        self.close();
        self.path.push('(');
        for (i, (name, value)) in parts.iter().enumerate() {
            if i > 0 {
                self.path.push(',');
            }
            self.path.push_str(name);
            self.path.push('=');
            percent_encode(&super::literal::literal(*value), &LITERAL_SAFE, &mut self.path);
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

    /// `:/a/b.txt` after the last segment, closed by `:` when more of the path follows: an item
    /// addressed by its path below the last segment (OneDrive's `root:/FolderA/FileB.txt:`,
    /// `items/{id}:/{name}:`, SharePoint's `sites/{hostname}:/{path}:`), documented Graph
    /// behaviour. `path` is split on `/` (a leading or trailing `/` is ignored) and each name is
    /// percent-encoded as one segment, so a `:`, `#`, `?` or `%` in a name cannot end the path or
    /// change the route. An empty path, an empty name (`a//b`) and a name `.` or `..` make the
    /// request invalid; `name` is the path's documented name, for the message.
    #[doc(hidden)]
    pub fn item_path(mut self, name: &str, path: &str) -> Self {
        self.close();
        let trimmed = path.strip_prefix('/').unwrap_or(path);
        let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
        if self.invalid.is_none() {
            let why = if trimmed.is_empty() {
                Some("is empty; address the item itself instead".to_owned())
            } else if trimmed.split('/').any(str::is_empty) {
                Some("has an empty name (`//`)".to_owned())
            } else if trimmed.split('/').any(|part| part == "." || part == "..") {
                Some("has a name `.` or `..`, which URL parsers treat as a dot segment".to_owned())
            } else {
                None
            };
            if let Some(why) = why {
                self.invalid = Some(format!("the {name} `{path}` {why}"));
            }
        }
        self.path.push_str(":/");
        for (i, part) in trimmed.split('/').enumerate() {
            if i > 0 {
                self.path.push('/');
            }
            percent_encode(part, &SEGMENT_SAFE, &mut self.path);
        }
        self.open_item_path = true;
        self
    }

    /// Writes what the path so far leaves open: a function call's arguments, an item path's `:`.
    fn close(&mut self) {
        self.close_call();
        if ::core::mem::take(&mut self.open_item_path) {
            self.path.push(':');
        }
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
                percent_encode(value, &LITERAL_SAFE, &mut self.path);
            }
            self.path.push(')');
        }
    }

    /// The encoded path and why it is invalid, if it is.
    pub(super) fn finish(mut self) -> (String, Option<String>) {
        // An item path that ends the URL has no closing `:`, as Graph's docs write it.
        self.close_call();
        (self.path, self.invalid)
    }
}

/// Characters an OData literal keeps unencoded in a path segment: its quotes, and what numbers,
/// dates and durations are written with. Everything else (`/ ? # % ( ) , =`, spaces, non-ASCII) is
/// percent-encoded, so that a value cannot end the segment, the literal or the call.
const LITERAL_SAFE: Keep = Keep::unreserved_and(b"':+");

/// Characters a raw path segment keeps unencoded: RFC 3986's sub-delimiters but `;` (which some
/// servers read as a parameter separator), and `:` and `@`. None of them ends a segment.
const RAW_SEGMENT_SAFE: Keep = Keep::unreserved_and(b"$'():@!*+,=&");

/// A key or any other path segment keeps only the unreserved characters.
const SEGMENT_SAFE: Keep = Keep::unreserved_and(b"");

/// Which bytes a percent-encoding keeps as they are: the unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`) and a few more of its own, as a table of all 256 bytes.
pub(super) struct Keep([bool; 256]);

impl Keep {
    /// The unreserved characters and `extra`.
    pub(super) const fn unreserved_and(extra: &[u8]) -> Self {
        let mut table = [false; 256];
        let mut byte = 0;
        while byte < 256 {
            let b = byte as u8;
            table[byte] = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
            byte += 1;
        }
        let mut i = 0;
        while i < extra.len() {
            table[extra[i] as usize] = true;
            i += 1;
        }
        Self(table)
    }
}

/// Percent-encodes `value` into `out`: the bytes `keep` keeps stay as they are, every other byte
/// (all of non-ASCII's) becomes `%XX` in upper-case hex. The one encoder of the path and the
/// query; runs of kept bytes are copied at once.
pub(super) fn percent_encode(value: &str, keep: &Keep, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let bytes = value.as_bytes();
    out.reserve(bytes.len());
    let mut start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        if keep.0[usize::from(byte)] {
            continue;
        }
        // Kept bytes are ASCII: a run of them, `start..i`, is whole characters (when empty, `start`
        // can be inside a character, so it is not sliced).
        if start < i {
            out.push_str(&value[start..i]);
        }
        out.push('%');
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        start = i + 1;
    }
    out.push_str(&value[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The encoder before the shared one: one `format!` per encoded byte, `keep` scanned per byte.
    fn reference(value: &str, keep: &[u8]) -> String {
        let mut out = String::new();
        for byte in value.bytes() {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') || keep.contains(&byte) {
                out.push(char::from(byte));
            } else {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
        out
    }

    #[test]
    fn the_shared_encoder_encodes_exactly_as_the_one_it_replaced() {
        let sets: [(&Keep, &[u8]); 4] = [
            (&SEGMENT_SAFE, b""),
            (&LITERAL_SAFE, b"':+"),
            (&RAW_SEGMENT_SAFE, b"$'():@!*+,=&"),
            (&super::super::request::QUERY_VALUE_SAFE, b"$,'():@/*"),
        ];
        let every_char: String = (0..0x3000).chain([0xfeff, 0x1f600, 0x10ffff]).filter_map(char::from_u32).collect();
        let hostile = [
            "",
            "%",
            "%25",
            "a/b",
            "a?b#c",
            "a:b",
            "..",
            "Zürich 東京",
            "line\r\nnext",
            "ü",
            "aü",
            "üa",
            "100% /?#:@!$&'()*+,;= \t\u{0}\u{7f}",
            "😀x😀",
            &every_char,
        ];
        for (keep, bytes) in sets {
            for value in hostile {
                let mut out = String::from("prefix/");
                percent_encode(value, keep, &mut out);
                assert_eq!(out, format!("prefix/{}", reference(value, bytes)), "{value:?} keeping {bytes:?}");
            }
        }
    }

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
    fn item_paths_encode_each_name_and_close_only_when_more_follows() {
        let root = || PathBuilder::new().segment("me").segment("drive").segment("root");
        assert_eq!(path(root().item_path("path", "FolderA/FileB.txt")), "/me/drive/root:/FolderA/FileB.txt");
        assert_eq!(
            path(root().item_path("path", "/FolderA/FileB.txt").segment("content")),
            "/me/drive/root:/FolderA/FileB.txt:/content"
        );
        let below = PathBuilder::new().segment("items").key("id", "p-1").item_path("path", "new file.txt");
        assert_eq!(path(below.function("createUploadSession")), "/items/p-1:/new%20file.txt:/createUploadSession");
        // Hostile names stay names: they cannot end the path, start a query or a fragment.
        assert_eq!(
            path(root().item_path("path", "a:b/c#d/e?f/100%/ü").segment("children")),
            "/me/drive/root:/a%3Ab/c%23d/e%3Ff/100%25/%C3%BC:/children"
        );
        let site = PathBuilder::new().segment("sites").key("hostname", "contoso.sharepoint.com");
        assert_eq!(
            path(site.item_path("server-relative path", "/sites/marketing")),
            "/sites/contoso.sharepoint.com:/sites/marketing"
        );
        for (bad, why) in [("", "is empty"), ("/", "is empty"), ("a//b", "empty name"), ("a/../b", "dot segment")] {
            let (_, invalid) = root().item_path("path", bad).finish();
            assert!(invalid.as_deref().is_some_and(|message| message.contains(why)), "{bad}: {invalid:?}");
        }
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

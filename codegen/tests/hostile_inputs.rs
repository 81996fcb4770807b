//! Hostile input files, run through the `msgraph-codegen` binary as a user (or a build script,
//! which cargo compiles in the debug profile, as these tests do) would: nesting as deep as the
//! file is long, entity expansion, external entities, binary files, byte-order marks, files far
//! over the size limits. Each must end with an error that names the file (and its line:column
//! where a position means something), says what is wrong and how to fix it, exit with status 1
//! rather than a crash, and leave the previous output byte-for-byte as it was.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{repo_schema, snapshot_tree};

fn codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_msgraph-codegen")).args(args).output().expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A copy of the repository's schema folder in `dir`, plus `extra` files (name, bytes).
fn schema_with(dir: &Path, extra: &[(&str, &[u8])]) -> PathBuf {
    let schema = dir.join("schema");
    fs::create_dir_all(&schema).unwrap();
    for entry in fs::read_dir(repo_schema()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            fs::copy(&path, schema.join(path.file_name().unwrap())).unwrap();
        }
    }
    for (name, bytes) in extra {
        fs::write(schema.join(name), bytes).unwrap();
    }
    schema
}

/// Asserts that `output` is a refusal, not a crash or a success: exit status 1, and an error
/// that names `file` followed by `:line:column` when `positioned`, with a help line.
fn assert_refused(output: &Output, file: &str, positioned: bool) -> String {
    let message = stderr(output);
    assert_eq!(output.status.code(), Some(1), "a refusal, not a crash or a success:\n{message}");
    assert!(message.starts_with("error: "), "{message}");
    assert!(message.contains("  = help: "), "every error says how to fix it:\n{message}");
    let after = message.split(file).nth(1).unwrap_or_else(|| panic!("names {file}:\n{message}"));
    if positioned {
        let mut parts = after.splitn(3, ':');
        let empty = parts.next();
        let line = parts.next().unwrap_or_default();
        let column: String = parts.next().unwrap_or_default().chars().take_while(char::is_ascii_digit).collect();
        assert!(
            empty == Some("") && line.parse::<usize>().is_ok() && !column.is_empty(),
            "{file} is followed by line:column:\n{message}"
        );
    }
    message
}

/// Generates the repository's schema into a crate folder, runs `generate` on the same schema
/// plus `file` holding `bytes`, and returns the output after checking the crate is unchanged.
fn generate_with(file: &str, bytes: &[u8]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crate");
    let clean = codegen(&["generate", "--schema", repo_schema().to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(clean.status.success(), "{}", stderr(&clean));
    let before = snapshot_tree(&out);
    let schema = schema_with(dir.path(), &[(file, bytes)]);
    let output = codegen(&["generate", "--schema", schema.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(snapshot_tree(&out), before, "the previous output is byte-for-byte unchanged");
    output
}

/// Imports `file` holding `bytes` into a folder that already holds description files, and
/// returns the output after checking the folder is unchanged.
fn import_with(file: &str, bytes: &[u8]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let out = schema_with(dir.path(), &[]);
    let before = snapshot_tree(&out);
    let input = dir.path().join(file);
    fs::write(&input, bytes).unwrap();
    let output = codegen(&["import", input.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(snapshot_tree(&out), before, "the previous description files are byte-for-byte unchanged");
    output
}

#[test]
fn a_line_of_100k_open_brackets_is_refused_not_a_stack_overflow() {
    let output = generate_with("deep.json", "[".repeat(100_000).as_bytes());
    let message = assert_refused(&output, "deep.json", true);
    assert!(message.contains("the description file is not a JSON object"), "{message}");
    // Balanced, so that only the depth is wrong.
    let balanced = format!(
        "{{\"types\": [{{\"kind\": \"entity\", \"name\": \"a\", \"namespace\": \"n\", \"description\": {}{}}}]}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_refused(&generate_with("deep.json", balanced.as_bytes()), "deep.json", true);
}

#[test]
fn objects_nested_100k_deep_are_refused() {
    let nested = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    let message = assert_refused(&generate_with("deep.json", nested.as_bytes()), "deep.json", true);
    assert!(message.contains("unknown field `a`"), "{message}");
    // Deep where any JSON value is allowed (an example body): serde_json's limit of 128 levels.
    let body = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    let example = format!(
        "{{\"types\": [{{\"kind\": \"entity\", \"name\": \"deep\", \"namespace\": \"microsoft.graph\", \"operations\": [{{\"name\": \"get\", \"method\": \"GET\", \"path\": \"/deep\", \"successStatus\": 200, \"examples\": [{{\"name\": \"response\", \"role\": \"response\", \"body\": {body}}}]}}]}}]}}"
    );
    let message = assert_refused(&generate_with("deep.json", example.as_bytes()), "deep.json", true);
    assert!(message.contains("the JSON nests more than 128 levels deep"), "{message}");
}

#[test]
fn a_binary_file_is_said_to_be_binary_with_its_offset() {
    let elf = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00\x3e\x00";
    let message = assert_refused(&generate_with("binary.json", elf), "binary.json", true);
    assert!(message.contains("NUL byte at byte offset 7: it is binary, not text"), "{message}");
    assert!(!message.contains("check that the path exists"), "{message}");
    let latin1 = b"{\"types\": [], \"$schema\": \"caf\xe9\"}";
    let message = assert_refused(&generate_with("latin1.json", latin1), "latin1.json", true);
    assert!(message.contains("not UTF-8 text: the byte 0xE9 at byte offset 29"), "{message}");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let plain = codegen(&[
        "generate",
        "--schema",
        repo_schema().to_str().unwrap(),
        "--out",
        dir.path().join("plain").to_str().unwrap(),
    ]);
    assert!(plain.status.success(), "{}", stderr(&plain));
    let schema = schema_with(dir.path(), &[]);
    let entity = schema.join("entity.json");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(fs::read(&entity).unwrap());
    fs::write(&entity, bytes).unwrap();
    let out = dir.path().join("bom");
    let output = codegen(&["generate", "--schema", schema.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(snapshot_tree(&out), snapshot_tree(&dir.path().join("plain")), "the mark changes nothing");
}

#[test]
fn a_200_mb_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crate");
    let clean = codegen(&["generate", "--schema", repo_schema().to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(clean.status.success(), "{}", stderr(&clean));
    let before = snapshot_tree(&out);
    let schema = schema_with(dir.path(), &[]);
    // Sparse: 200 MB on paper, nothing on disk.
    fs::File::create(schema.join("huge.json")).unwrap().set_len(200 << 20).unwrap();
    let output = codegen(&["generate", "--schema", schema.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let message = assert_refused(&output, "huge.json", false);
    assert!(message.contains("the file is too large: 200.0 MiB, over the limit of 8 MiB"), "{message}");
    assert_eq!(snapshot_tree(&out), before);
}

const EDMX: &str = "<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\" Version=\"4.0\">";

#[test]
fn deep_xml_is_harmless() {
    let deep = format!(
        "{EDMX}<edmx:DataServices>{}{}</edmx:DataServices></edmx:Edmx>",
        "<a>".repeat(100_000),
        "</a>".repeat(100_000)
    );
    let message = assert_refused(&import_with("deep.csdl", deep.as_bytes()), "deep.csdl", true);
    assert!(message.contains("the metadata has no `<Schema>` element"), "{message}");
    let unclosed = "<a>".repeat(100_000);
    let message = assert_refused(&import_with("unclosed.xml", unclosed.as_bytes()), "unclosed.xml", true);
    assert!(message.contains("not well-formed XML"), "{message}");
}

#[test]
fn billion_laughs_is_refused() {
    let mut entities = String::from("<!ENTITY lol0 \"lol\">");
    for level in 1..10 {
        let previous = format!("&lol{};", level - 1).repeat(10);
        entities.push_str(&format!("<!ENTITY lol{level} \"{previous}\">"));
    }
    let document = format!("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [{entities}]>\n{EDMX}&lol9;</edmx:Edmx>\n");
    let message = assert_refused(&import_with("laughs.csdl", document.as_bytes()), "laughs.csdl:2:1", false);
    assert!(message.contains("declares a DTD"), "{message}");
}

#[test]
fn external_entities_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.txt");
    fs::write(&secret, "TOP-SECRET").unwrap();
    let document = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file://{}\">]>\n{EDMX}<edmx:DataServices><Schema xmlns=\"http://docs.oasis-open.org/odata/ns/edm\" Namespace=\"n\"><EntityType Name=\"t\"><Annotation Term=\"Org.OData.Core.V1.Description\" String=\"&xxe;\"/></EntityType></Schema></edmx:DataServices></edmx:Edmx>\n",
        secret.display()
    );
    let output = import_with("xxe.csdl", document.as_bytes());
    let message = assert_refused(&output, "xxe.csdl:2:1", false);
    assert!(message.contains("declares a DTD"), "{message}");
    assert!(!message.contains("TOP-SECRET") && !String::from_utf8_lossy(&output.stdout).contains("TOP-SECRET"));
}

#[test]
fn metadata_over_the_size_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = schema_with(dir.path(), &[]);
    let before = snapshot_tree(&out);
    let input = dir.path().join("huge.csdl");
    fs::File::create(&input).unwrap().set_len(40 << 20).unwrap();
    let output = codegen(&["import", input.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let message = assert_refused(&output, "huge.csdl", false);
    // Refused from its size, before it is read (`load::read_text`, as every input is).
    assert!(message.contains("too large") && message.contains("32 MiB"), "{message}");
    assert_eq!(snapshot_tree(&out), before);
}

#[test]
fn binary_metadata_is_refused() {
    let message = assert_refused(&import_with("binary.csdl", b"\x00\x01\x02<edmx"), "binary.csdl", true);
    assert!(message.contains("error:"), "{message}");
}

/// Pages never fail to parse (a page that documents nothing is a warning), but deep nesting of
/// every kind markdown has must not crash the importer.
#[test]
fn deeply_nested_pages_import_without_a_crash() {
    let pages = [
        ("quotes.md", format!("# T\n\n{} x\n", ">".repeat(100_000))),
        ("lists.md", format!("# T\n\n{}a\n", "- ".repeat(100_000))),
        ("brackets.md", format!("# T\n\n{}\n", "[".repeat(100_000))),
        ("emphasis.md", format!("# T\n\n{}a{}\n", "*".repeat(50_000), "*".repeat(50_000))),
        ("links.md", format!("# T\n\n{}\n", "[a](".repeat(50_000))),
        ("annotation.md", format!("# T\n\n<!-- {} -->\n```http\nGET /x\n```\n", "{\"a\":".repeat(100_000))),
        (
            "table.md",
            format!(
                "# T\n\n## Properties\n\n|Property|Type|Description|\n|-|-|-|\n|{}|String|x|\n",
                "[".repeat(100_000)
            ),
        ),
    ];
    for (name, text) in pages {
        let output = import_with(name, text.as_bytes());
        let message = stderr(&output);
        assert!(output.status.code().is_some(), "{name}: no crash:\n{message}");
        assert!(message.contains(name) || output.status.success(), "{name}: {message}");
    }
}

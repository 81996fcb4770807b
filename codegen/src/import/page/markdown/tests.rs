use std::path::Path;

use serde_json::json;

use super::*;

fn parse(text: &str) -> Page {
    parse_markdown(Path::new("page.md"), text)
}

fn only_table(page: &Page) -> &Table {
    let tables: Vec<&Table> = page.sections.iter().flat_map(Section::tables).collect();
    assert_eq!(tables.len(), 1, "{page:#?}");
    tables[0]
}

fn cells(table: &Table) -> Vec<Vec<&str>> {
    table.rows.iter().map(|row| row.cells.iter().map(String::as_str).collect()).collect()
}

#[test]
fn front_matter_title_namespace_and_sections() {
    let page = parse(
        "---\ntitle: \"depEnrollmentProfile resource type\"\ndoc_type: resourcePageType\nauthor: 'o''brien'\n---\n\n\
         # depEnrollmentProfile resource type\n\nNamespace: microsoft.graph\n\nIntro.\n\n## Properties\ntext\n\n### Sub\n",
    );
    assert_eq!(page.front_matter.get("title").map(String::as_str), Some("depEnrollmentProfile resource type"));
    assert_eq!(page.front_matter.get("doc_type").map(String::as_str), Some("resourcePageType"));
    assert_eq!(page.front_matter.get("author").map(String::as_str), Some("o'brien"));
    assert_eq!(page.title, "depEnrollmentProfile resource type");
    assert_eq!(page.namespace.as_deref(), Some("microsoft.graph"));
    let outline: Vec<(&str, u8, usize)> = page.sections.iter().map(|s| (s.heading.as_str(), s.level, s.line)).collect();
    assert_eq!(outline, [("depEnrollmentProfile resource type", 1, 7), ("Properties", 2, 13), ("Sub", 3, 16)]);
    let first: Vec<&str> = page.sections[0].paragraphs().map(|p| p.text.as_str()).collect();
    assert_eq!(first, ["Namespace: microsoft.graph", "Intro."]);
    assert_eq!(page.sections[0].paragraphs().map(|p| p.line).collect::<Vec<_>>(), [9, 11]);
}

#[test]
fn without_a_level_1_heading_the_title_comes_from_the_front_matter() {
    let page = parse("---\ntitle: \"From front matter\"\n---\nText.\n## Next\n");
    assert_eq!(page.title, "From front matter");
    assert_eq!(page.sections[0].heading, "From front matter");
    assert_eq!(page.sections[0].line, 1);
    assert!(parse("just text").title.is_empty());
}

#[test]
fn a_cell_that_spans_two_lines_is_one_row_and_later_lines_stay_right() {
    let page = parse(
        "# T\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n\
         |a|Boolean|See [guide](/x/y)\n for additional information.|\n|b|String|Next|\n\n## After\n",
    );
    let table = only_table(&page);
    assert_eq!(table.line, 4);
    assert_eq!(
        cells(table),
        [vec!["a", "Boolean", "See [guide](/x/y) for additional information."], vec!["b", "String", "Next"]]
    );
    assert_eq!(table.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [6, 8]);
    assert_eq!(page.section("After").map(|s| s.line), Some(10));
}

#[test]
fn rows_without_a_closing_pipe_are_rows() {
    let page = parse("|Member|Value|Description|\n|---|---|---|\n|a|0|First\n|b|1|Second|\n|c|2|Third");
    let table = only_table(&page);
    assert_eq!(cells(table), [vec!["a", "0", "First"], vec!["b", "1", "Second"], vec!["c", "2", "Third"]]);
}

#[test]
fn unescaped_pipes_keep_their_text_in_the_last_cell() {
    let page = parse(
        "|Property|Type|Description|\n|:---|:---|:---|\n|payloadFileName|String|Payload file name (*.mobileconfig | *.xml).|\n",
    );
    let table = only_table(&page);
    assert_eq!(table.header, ["Property", "Type", "Description"]);
    assert_eq!(cells(table), [vec!["payloadFileName", "String", "Payload file name (*.mobileconfig | *.xml)."]]);
}

#[test]
fn html_in_cells_is_readable() {
    let page = parse(
        "|Header|Value|\n|:---|:---|\n|Authorization|Bearer &lt;token&gt; Required.|\n|Multi|one<br>two<br/>three<BR />four|\n",
    );
    let table = only_table(&page);
    assert_eq!(cells(table), [vec!["Authorization", "Bearer <token> Required."], vec!["Multi", "one two three four"]]);
}

#[test]
fn inline_markdown_is_kept_in_cells_and_paragraphs() {
    let page = parse(
        "|Property|Type|Description|\n|-|-|-|\n|`x`|[t](../resources/t.md \"T\") collection|**Bold** *it* `a`b`` and <https://e.com>|\n\n\
         Create a [depEnrollmentProfile](../resources/x.md)\nobject with `code`.\n",
    );
    let table = only_table(&page);
    assert_eq!(
        cells(table),
        [vec!["`x`", "[t](../resources/t.md \"T\") collection", "**Bold** *it* `a`b`` and <https://e.com>"]]
    );
    let paragraph = page.sections[0].paragraphs().next().map(|p| p.text.as_str());
    assert_eq!(paragraph, Some("Create a [depEnrollmentProfile](../resources/x.md) object with `code`."));
}

#[test]
fn code_blocks_take_the_annotation_of_the_comment_right_before_them() {
    let page = parse(
        "## Example\n<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"x\"\n}\n-->\n``` http\nGET /a\n```\n\n\
         <!-- { \"blockType\": \"response\" }-->\n\nText between.\n\n```json\n{}\n```\n\n\
         <!-- { \"blockType\": \"response\", } -->\n```\nbad json\n```\n    indented\n",
    );
    let codes: Vec<&CodeBlock> = page.sections.iter().flat_map(Section::code_blocks).collect();
    assert_eq!(codes.len(), 4);
    assert_eq!(codes[0].annotation, Some(json!({ "blockType": "request", "name": "x" })));
    assert_eq!(codes[0].block_type(), Some("request"));
    assert_eq!((codes[0].info.as_str(), codes[0].line, codes[0].text_line), ("http", 7, 8));
    assert_eq!(codes[0].text, "GET /a\n");
    assert_eq!(codes[1].annotation, None, "a paragraph stands between");
    assert_eq!(codes[1].info, "json");
    assert_eq!(codes[2].annotation, None, "the comment is not valid JSON");
    assert_eq!((codes[3].info.as_str(), codes[3].line, codes[3].text_line), ("", 23, 23));
    assert_eq!(codes[3].text, "indented\n");
}

#[test]
fn an_unclosed_comment_or_fence_loses_nothing_before_it() {
    let page = parse("# T\n\nKept.\n\n<!-- {\"blockType\": \"request\"}\n``` http\nGET /a\n```\n");
    assert_eq!(page.sections[0].paragraphs().count(), 1);
    assert!(page.sections[0].code_blocks().next().is_none(), "the comment swallows the rest");
    let page = parse("# T\n\n``` http\nGET /a\n\n## Not a heading\n");
    let code = page.sections[0].code_blocks().next().map(|c| c.text.as_str());
    assert_eq!(code, Some("GET /a\n\n## Not a heading\n"));
    assert_eq!(page.sections.len(), 1);
}

#[test]
fn lists_are_flattened_in_order() {
    let page = parse("- one\n- two\n  - nested `a`\n  - nested b\n- three\n\n1. first\n\n   more\n2. second\n");
    let lists: Vec<Vec<(&str, usize)>> = page.sections[0]
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::List(items) => Some(items.iter().map(|i| (i.text.as_str(), i.line)).collect()),
            _ => None,
        })
        .collect();
    assert_eq!(
        lists,
        [
            vec![("one", 1), ("two", 2), ("nested `a`", 3), ("nested b", 4), ("three", 5)],
            vec![("first more", 7), ("second", 10)]
        ]
    );
}

#[test]
fn block_quotes_are_paragraphs_and_tab_markers_are_not_sections() {
    let page = parse(
        "# T\n\n> **Note:** Read [this](https://x).\n\n## Example\n### Request\n# [HTTP](#tab/http)\n``` http\nGET /a\n```\n# [CLI](#tab/cli)\n",
    );
    assert_eq!(
        page.sections[0].paragraphs().next().map(|p| p.text.as_str()),
        Some("**Note:** Read [this](https://x).")
    );
    let headings: Vec<&str> = page.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["T", "Example", "Request"]);
    let request = page.section("Request").map(|s| s.blocks.len());
    assert_eq!(request, Some(3), "two tab markers and the code block");
}

#[test]
fn the_namespace_is_read_only_before_the_first_level_2_heading() {
    let page = parse("# T\n## Properties\nNamespace: other\n");
    assert_eq!(page.namespace, None);
}

#[test]
fn extra_cells_are_joined_defensively() {
    assert_eq!(join_extra_cells(vec!["a".into(), "b".into(), "c".into(), "d".into()], 2), ["a", "b | c | d"]);
    assert_eq!(join_extra_cells(vec!["a".into()], 3), ["a"]);
    assert_eq!(join_extra_cells(vec!["a".into(), "b".into()], 0), ["a", "b"]);
}

#[test]
fn annotations_need_a_closed_comment_holding_an_object() {
    assert_eq!(annotation_of("<!-- {\"a\": 1} -->\n"), Some(json!({ "a": 1 })));
    assert_eq!(annotation_of("<!-- {\"a\": 1}\n"), None);
    assert_eq!(annotation_of("<!-- [1] -->"), None);
    assert_eq!(annotation_of("<!-- markdownlint-disable -->"), None);
    assert_eq!(annotation_of("<div>"), None);
}

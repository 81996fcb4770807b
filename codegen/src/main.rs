//! The `msgraph-codegen` command line: a thin layer over the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use msgraph_codegen::import::extract::{DocsExtract, ExtractSource};
use msgraph_codegen::{Config, Drift, diff, schema};

/// Generation allocates many small token trees and syntax nodes; mimalloc spends about half the
/// time glibc's allocator does on them (see the README's benchmarks).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generates Rust models for Microsoft Graph from JSON descriptions of its documented types.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Writes a complete crate (Cargo.toml and sources) generated from the description files.
    Generate {
        /// The folder of description files (`*.json`).
        #[arg(long, value_name = "DIR")]
        schema: PathBuf,
        /// The crate folder to write; its `Cargo.toml` and `src/` are replaced, anything else kept.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Only report whether DIR is up to date (exit code 1 if not); write nothing.
        #[arg(long)]
        check: bool,
        /// The package name of the generated crate.
        #[arg(long, default_value = "msgraph-beta")]
        crate_name: String,
        /// The package version of the generated crate.
        #[arg(long, default_value = "0.1.0")]
        crate_version: String,
        /// Leave `[workspace]` out of the generated Cargo.toml, to add the crate to an enclosing workspace.
        #[arg(long)]
        in_workspace: bool,
        /// One cargo feature per namespace (default feature `full`: all of them), so that a user of
        /// one namespace compiles only its types and the types they use. For crates the size of Graph.
        #[arg(long)]
        namespace_features: bool,
        /// One cargo feature per workload (entity set or singleton: `users`, `me`, …; default feature
        /// `full`: all of them), each compiling the types reachable from it.
        #[arg(long, conflicts_with = "namespace_features")]
        workload_features: bool,
        /// Format every file again instead of reusing the format cache in DIR/.msgraph-codegen-cache/.
        #[arg(long)]
        no_format_cache: bool,
        /// Generate only these types and what they need: qualified names, `*` matching any run of
        /// characters (`microsoft.graph.user,microsoft.graph.callRecords.*`). Navigation properties
        /// to types left out are left out; their JSON stays in `additional_properties`.
        #[arg(long, value_delimiter = ',', value_name = "PATTERNS")]
        types: Vec<String>,
        /// Generate only these workloads: entity sets and singletons (`users,me,drives`), and
        /// contained workloads by feature name (`message`), each with the types reachable from it
        /// through containment navigation properties except other workloads (as the features of
        /// `--workload-features`).
        #[arg(long, value_delimiter = ',', value_name = "NAMES")]
        workloads: Vec<String>,
    },
    /// Reads Microsoft Graph documentation pages (markdown, or rendered text `*.txt`), Graph's
    /// OData CSDL metadata (`*.csdl`, `*.xml`), or both (the metadata's structure enriched by the
    /// pages' text, operations and examples), and writes description files; every defect met,
    /// and every disagreement between the metadata and a page, is reported as a warning.
    Import {
        /// Pages, folders searched for `*.md` and `*.txt` pages, and CSDL metadata files.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// The folder to write description files into (files whose content is unchanged are not rewritten).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Hand-made corrections applied after the import (JSON merge patches; see the README).
        #[arg(long, value_name = "FILE")]
        overrides: Option<PathBuf>,
        /// Fail, writing nothing, when there is any warning.
        #[arg(long)]
        strict: bool,
    },
    /// Writes an extract: what documentation pages document (their types, property and member
    /// text, lines and defects) and the descriptions of CSDL metadata documents and of Graph's
    /// TypeScript declarations (`*.d.ts`), in one compact JSON file that `import` reads in place
    /// of the pages. API pages are not extracted.
    Extract {
        /// Pages, folders searched for `*.md` and `*.txt` pages, CSDL metadata files, and
        /// TypeScript declarations files (`microsoft-graph.d.ts`).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// The extract file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The repository the inputs were read from (`microsoftgraph/microsoft-graph-docs`).
        #[arg(long)]
        repository: String,
        /// The commit they were read at.
        #[arg(long)]
        commit: String,
        /// The paths read, relative to the repository (may be repeated).
        #[arg(long = "source-path", value_name = "PATH")]
        source_paths: Vec<String>,
        /// The license of the text, as the repository states it.
        #[arg(long)]
        license: String,
        /// Keep only the descriptions of elements this CSDL metadata document defines (its types,
        /// properties and enum members): for text read from another version of the API, such as
        /// beta's declarations describing v1.0. Pages are kept whole.
        #[arg(long, value_name = "METADATA")]
        only_in: Option<PathBuf>,
        /// Keep what the pages document as descriptions by element (types, properties, enum
        /// members) instead of as pages, whose structure an import would merge: for pages of
        /// another version of the API (with `--only-in`).
        #[arg(long)]
        as_descriptions: bool,
    },
    /// Reports what changed between two descriptions of the API, classified as breaking, warning,
    /// additive or documentation-only for code that depends on the generated crate.
    Diff {
        /// The old side: a folder of description files, or doc pages or CSDL metadata (imported in memory).
        #[arg(value_name = "OLD")]
        old: PathBuf,
        /// The new side, read the same way.
        #[arg(value_name = "NEW")]
        new: PathBuf,
        /// `markdown` (for a pull request's description) or `json` (for tools).
        #[arg(long, default_value = "markdown", value_parser = ["markdown", "json"])]
        format: String,
        /// Exit with status 1 when there is a change at this level or a more severe one.
        #[arg(long, value_name = "LEVEL", value_parser = ["breaking", "warning", "additive", "documentation"])]
        deny: Option<String>,
        /// At most this many rows in each Markdown table (the rest are counted).
        #[arg(long, value_name = "N")]
        max_rows: Option<usize>,
        /// The overrides file applied when a side is imported from pages or metadata.
        #[arg(long, value_name = "FILE")]
        overrides: Option<PathBuf>,
        /// Compare as for a crate generated with `--namespace-features` (features are compared too).
        #[arg(long)]
        namespace_features: bool,
        /// Compare as for a crate generated with `--workload-features`: features are compared
        /// too, and each feature must still compile, alone, what it compiled before.
        #[arg(long, conflicts_with = "namespace_features")]
        workload_features: bool,
    },
    /// Prints the change report's checks as a Markdown table: id, level, what each finds.
    Checks,
    /// Prints the JSON Schema of the description format (or writes it to a file).
    JsonSchema {
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The JSON Schema of the importer's overrides file instead.
        #[arg(long)]
        overrides: bool,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> msgraph_codegen::Result<ExitCode> {
    match cli.command {
        Command::Generate {
            schema,
            out,
            check,
            crate_name,
            crate_version,
            in_workspace,
            namespace_features,
            workload_features,
            no_format_cache,
            types,
            workloads,
        } => {
            let config = Config::new(&schema)
                .types(types)
                .workloads(workloads)
                .format_cache(!no_format_cache)
                .crate_name(crate_name)
                .crate_version(crate_version)
                .standalone_workspace(!in_workspace)
                .namespace_features(namespace_features)
                .workload_features(workload_features);
            generate_command(&config, &schema, &out, check)
        }
        Command::Import { paths, out, overrides, strict } => {
            let imported = msgraph_codegen::import::import(&paths, overrides.as_deref())?;
            for warning in &imported.warnings {
                eprintln!("{warning}\n");
            }
            for change in &imported.conventions {
                eprintln!("convention: {change}");
            }
            for change in &imported.overrides {
                eprintln!("override: {change}");
            }
            eprintln!("{}", imported.summary());
            if strict && !imported.warnings.is_empty() {
                eprintln!("error: --strict: {} warnings; nothing was written", imported.warnings.len());
                return Ok(ExitCode::FAILURE);
            }
            let report = imported.write_to(&out)?;
            eprintln!("{}: {report} (description files)", out.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract { paths, out, repository, commit, source_paths, license, only_in, as_descriptions } => {
            let source = ExtractSource { repository, commit, paths: source_paths, license };
            extract_command(&paths, &out, source, only_in.as_deref(), as_descriptions)
        }
        Command::Diff { old, new, format, deny, max_rows, overrides, namespace_features, workload_features } => {
            let options = diff::DiffOptions { root_namespace: None, namespace_features, workload_features };
            diff_command(&old, &new, &format, deny.as_deref(), max_rows, overrides.as_deref(), &options)
        }
        Command::Checks => {
            print!("{}", diff::render::checks());
            Ok(ExitCode::SUCCESS)
        }
        Command::JsonSchema { out, overrides } => {
            let text =
                if overrides { msgraph_codegen::import::overrides::json_schema() } else { schema::json_schema() };
            match out {
                Some(path) => {
                    std::fs::write(&path, text).map_err(|source| msgraph_codegen::Error::Write { path, source })?
                }
                None => print!("{text}"),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `generate`: writes the crate (only the files that changed), or with `check` lists what is out
/// of date and fails.
fn generate_command(
    config: &Config,
    schema: &std::path::Path,
    out: &std::path::Path,
    check: bool,
) -> msgraph_codegen::Result<ExitCode> {
    let generated = config.generate()?;
    for omission in generated.omitted() {
        eprintln!("warning: {}", omission.message);
    }
    if check {
        let drift = generated.check(out)?;
        if drift.is_empty() {
            eprintln!("{} is up to date", out.display());
            return Ok(ExitCode::SUCCESS);
        }
        for item in &drift {
            match item {
                Drift::Missing(path) => eprintln!("missing:  {}", out.join(path).display()),
                Drift::Changed(path) => eprintln!("changed:  {}", out.join(path).display()),
                Drift::Extra(path) => eprintln!("stale:    {}", out.join(path).display()),
            }
        }
        eprintln!(
            "error: {} is out of date ({} file{})\n  = help: run `msgraph-codegen generate --schema {} --out {}`",
            out.display(),
            drift.len(),
            if drift.len() == 1 { "" } else { "s" },
            schema.display(),
            out.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    let report = generated.write_to(out)?;
    let cached = if report.from_cache > 0 {
        format!(" (formatted {}, {} from the format cache)", report.formatted, report.from_cache)
    } else {
        String::new()
    };
    eprintln!("{}: {report}{cached}", out.display());
    Ok(ExitCode::SUCCESS)
}

/// `diff`: prints the report and fails when `deny` names a level the report reaches.
fn diff_command(
    old: &std::path::Path,
    new: &std::path::Path,
    format: &str,
    deny: Option<&str>,
    max_rows: Option<usize>,
    overrides: Option<&std::path::Path>,
    options: &diff::DiffOptions,
) -> msgraph_codegen::Result<ExitCode> {
    let report = diff::diff_paths(old, new, overrides, options)?;
    match format {
        "json" => print!("{}", diff::render::json(&report)),
        _ => print!("{}", diff::render::markdown(&report, max_rows)),
    }
    eprintln!("{} → {}: {}", old.display(), new.display(), report.summary());
    if let Some(level) = deny.and_then(diff::Level::from_name).filter(|level| report.has_at_least(*level)) {
        eprintln!("error: the change report has changes at level `{level}` or above (--deny {level})");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// `extract`: the pages' types and the metadata documents' descriptions, into one file.
fn extract_command(
    paths: &[PathBuf],
    out: &std::path::Path,
    source: ExtractSource,
    only_in: Option<&std::path::Path>,
    as_descriptions: bool,
) -> msgraph_codegen::Result<ExitCode> {
    let inputs = msgraph_codegen::import::read_inputs(paths)?;
    if let Some((path, _)) = inputs.extracts.first() {
        eprintln!("error: `{}` is an extract; extract pages and metadata documents", path.display());
        return Ok(ExitCode::FAILURE);
    }
    let mut extract = DocsExtract::new(source);
    let counts = extract.add_pages(&inputs.pages);
    let descriptions = extract.add_metadata_descriptions(&inputs.documents)?;
    let (typed, properties) = extract.add_typings_descriptions(&inputs.typings)?;
    let paged = if as_descriptions {
        format!(", {} descriptions of their pages (the pages not kept)", extract.pages_into_descriptions())
    } else {
        String::new()
    };
    let kept = match only_in {
        Some(metadata) => {
            let text = msgraph_codegen::load::read_text(metadata, msgraph_codegen::load::MAX_METADATA_BYTES)?;
            let dropped = extract.retain_defined_in(metadata, &text)?;
            format!(
                " (kept {}: {dropped} describe elements {} does not define)",
                extract.descriptions.len(),
                metadata.display()
            )
        }
        None => String::new(),
    };
    let report = extract.write_to(out)?;
    let typings = if inputs.typings.is_empty() {
        String::new()
    } else {
        format!(
            ", {typed} descriptions of the {properties} properties of {} TypeScript declarations files",
            inputs.typings.len()
        )
    };
    eprintln!(
        "extracted {} pages ({} types, {} warnings; {} API pages not extracted) and {} descriptions of {} metadata documents{typings}{paged}{kept} into {} ({} bytes; {report})",
        counts.pages,
        counts.types,
        extract.warnings.len(),
        counts.operations,
        descriptions,
        inputs.documents.len(),
        out.display(),
        extract.to_json().len()
    );
    Ok(ExitCode::SUCCESS)
}

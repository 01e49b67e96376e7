//! The `docgen` command line. With no subcommand it regenerates `generated/` from
//! `docs-input/` (what `cargo run` does in the workspace root).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::baseline::Baseline;
use crate::diagnostics::{Diagnostic, Severity};
use crate::output::{self, DriftKind};
use crate::{Config, Generation};

/// Default docs folder, relative to the working directory.
const DEFAULT_DOCS: &str = "docs-input";
/// Default output crate folder.
const DEFAULT_OUT: &str = "generated";
/// Default baseline of accepted findings.
const DEFAULT_BASELINE: &str = "docgen.baseline";
/// Package name of the committed bindings crate.
const DEFAULT_CRATE: &str = "docgen-bindings";

#[derive(Parser, Debug)]
#[command(name = "docgen", version, about = "Typed Rust bindings from Graph-style API reference markdown")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Regenerate a bindings crate from a docs folder (the default: docs-input → generated).
    Generate(GenerateArgs),
    /// Fail (exit 1) when the bindings crate is not what the docs produce, or when the docs
    /// have errors not accepted in the baseline. Never writes.
    Check(CheckArgs),
    /// Print the intermediate representation of one version folder as JSON.
    Ir(IrArgs),
    /// Print diagnostics and a summary for a docs folder (or a corpus root of versions).
    Lint(LintArgs),
    /// Time the pipeline over a corpus: pulldown-cmark alone, read → IR, read → IR → Rust.
    Bench(BenchArgs),
}

#[derive(clap::Args, Debug)]
struct BenchArgs {
    /// Corpus root holding version folders (v1.0/, beta/), or one docs folder.
    /// Default: `$DOCGEN_CORPUS`, else `../shared/graph-docs`.
    corpus: Option<PathBuf>,
    /// Timed runs per stage, after one warm-up; the median is reported.
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Print the measurements as JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Run only this stage N times, without warm-up, and print each run's time: a quiet
    /// loop for a profiler (`read` is read_page alone, without the IR).
    #[arg(long, value_enum)]
    only: Option<OnlyStage>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum OnlyStage {
    A,
    Read,
    B,
    C,
}

#[derive(clap::Args, Debug)]
struct GenerateArgs {
    /// Docs folder (holding api/ and resources/).
    #[arg(default_value = DEFAULT_DOCS)]
    docs: PathBuf,
    /// Output crate folder.
    #[arg(long, default_value = DEFAULT_OUT)]
    out: PathBuf,
    /// Package name of the generated crate.
    #[arg(long, default_value = DEFAULT_CRATE)]
    crate_name: String,
    /// Make the crate its own workspace (for output folders inside another workspace).
    #[arg(long)]
    standalone: bool,
    /// Print diagnostics (default: only the summary line).
    #[arg(long)]
    diagnostics: bool,
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Docs folder.
    #[arg(long, default_value = DEFAULT_DOCS)]
    docs: PathBuf,
    /// Committed bindings crate.
    #[arg(long, default_value = DEFAULT_OUT)]
    out: PathBuf,
    /// Package name of the generated crate.
    #[arg(long, default_value = DEFAULT_CRATE)]
    crate_name: String,
    /// Accepted findings (`rule-id file` per line); missing file = empty baseline.
    #[arg(long, default_value = DEFAULT_BASELINE)]
    baseline: PathBuf,
}

#[derive(clap::Args, Debug)]
struct IrArgs {
    /// Docs folder.
    docs: PathBuf,
    /// Print JSON (the only format; field names are documented on `docgen::ir::Api`).
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(clap::Args, Debug)]
struct LintArgs {
    /// Docs folder, or a corpus root holding version folders (v1.0/, beta/).
    docs: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Print only the summary.
    #[arg(long)]
    summary_only: bool,
    /// List every rule id with its severity and meaning, then exit.
    #[arg(long)]
    rules: bool,
}

/// Entry point of the `docgen` binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => generate(GenerateArgs {
            docs: DEFAULT_DOCS.into(),
            out: DEFAULT_OUT.into(),
            crate_name: DEFAULT_CRATE.into(),
            standalone: false,
            diagnostics: true,
        }),
        Some(Command::Generate(args)) => generate(args),
        Some(Command::Check(args)) => check(args),
        Some(Command::Ir(args)) => ir(args),
        Some(Command::Lint(args)) => lint(args),
        Some(Command::Bench(args)) => bench(args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("docgen: {message}");
            ExitCode::from(2)
        }
    }
}

fn run_config(docs: &Path, crate_name: &str, standalone: bool) -> Result<Generation, String> {
    if !docs.is_dir() {
        return Err(format!("docs folder `{}` not found (run from the workspace root, or pass a folder)", docs.display()));
    }
    let label = docs.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Config::new().crate_name(crate_name).source_label(label).standalone(standalone).generate(docs).map_err(|e| e.to_string())
}

fn generate(args: GenerateArgs) -> Result<ExitCode, String> {
    let generation = run_config(&args.docs, &args.crate_name, args.standalone)?;
    if args.diagnostics {
        print_diagnostics(&generation.diagnostics, &args.docs, None);
    } else {
        let errors = generation.errors().count();
        println!("docgen: {} diagnostics ({errors} errors); `docgen lint {}` lists them", generation.diagnostics.len(), args.docs.display());
    }
    let touched = output::write(&generation.files, &args.out).map_err(|e| e.to_string())?;
    // Ignore write errors (a closed pipe) rather than panic: the files are already written.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "docgen: {} types, {} operations, {} examples from {} → {} ({} files, {} updated)",
        generation.api.types.len(),
        generation.api.operations.len(),
        generation.api.examples.len(),
        args.docs.display(),
        args.out.display(),
        generation.files.len(),
        touched.len()
    );
    for path in touched {
        let _ = writeln!(out, "  updated {}", args.out.join(path).display());
    }
    Ok(ExitCode::SUCCESS)
}

fn check(args: CheckArgs) -> Result<ExitCode, String> {
    let generation = run_config(&args.docs, &args.crate_name, false)?;
    let baseline = match std::fs::read_to_string(&args.baseline) {
        Ok(text) => {
            let (baseline, bad) = Baseline::parse(&text);
            for (line, text) in bad {
                eprintln!("{}:{line}: not a `rule-id file` line: {text}", args.baseline.display());
            }
            baseline
        }
        Err(_) => Baseline::default(),
    };
    print_diagnostics(&generation.diagnostics, &args.docs, Some(&baseline));
    let new_errors: Vec<&Diagnostic> = generation.errors().filter(|d| !baseline.accepts(d)).collect();
    for (rule, file) in baseline.stale(&generation.diagnostics) {
        println!("note: baseline entry `{rule} {file}` no longer occurs; remove it from {}", args.baseline.display());
    }

    let drift = output::check(&generation.files, &args.out);
    for d in &drift {
        match d.kind {
            DriftKind::Missing => println!("drift: {} is missing", args.out.join(&d.path).display()),
            DriftKind::Stale => println!("drift: {} is no longer generated from the docs", args.out.join(&d.path).display()),
            DriftKind::Changed => print!("drift: {} differs from what the docs produce\n{}", args.out.join(&d.path).display(), d.diff),
        }
    }
    let mut failed = false;
    if !drift.is_empty() {
        println!(
            "\n{} generated file(s) out of date with {}. Fix: run `cargo run` (or `docgen generate {} --out {}`) and commit the result.",
            drift.len(),
            args.docs.display(),
            args.docs.display(),
            args.out.display()
        );
        failed = true;
    }
    if !new_errors.is_empty() {
        println!(
            "\n{} doc error(s) not in {}: fix the docs, or accept them there as `rule-id file` with a reason.",
            new_errors.len(),
            args.baseline.display()
        );
        failed = true;
    }
    if failed {
        return Ok(ExitCode::FAILURE);
    }
    println!("docgen check: {} is up to date with {}; no new doc errors.", args.out.display(), args.docs.display());
    Ok(ExitCode::SUCCESS)
}

fn ir(args: IrArgs) -> Result<ExitCode, String> {
    // One version at a time: a corpus root holds several (`v1.0/`, `beta/`).
    let versions = crate::version_dirs(&args.docs);
    if versions.len() > 1 || versions.first().is_some_and(|v| v != &args.docs) {
        let names: Vec<String> = versions.iter().map(|v| v.display().to_string()).collect();
        return Err(format!("{} holds several API versions; pass one of: {}", args.docs.display(), names.join(", ")));
    }
    let api = crate::resolve_docs(&args.docs).map_err(|e| e.to_string())?.api;
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &api).map_err(|e| e.to_string())?;
    writeln!(out).map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}

fn lint(args: LintArgs) -> Result<ExitCode, String> {
    if args.rules {
        for rule in crate::rules::all() {
            println!("{:<32} {:<8} {}", rule.id, rule.severity.to_string(), rule.summary);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let root = args.docs.unwrap_or_else(|| DEFAULT_DOCS.into());
    let versions = crate::version_dirs(&root);
    if versions.is_empty() {
        return Err(format!("{} holds no api/ or resources/ folder, nor version folders that do", root.display()));
    }
    let mut all = Vec::new();
    let mut summaries = Vec::new();
    for dir in &versions {
        let crate::Resolved { docs, api, diagnostics: diags } = crate::resolve_docs(dir).map_err(|e| e.to_string())?;
        summaries.push(crate::summary::Summary::of(&docs, &api, &diags));
        if !args.summary_only {
            match args.format {
                Format::Human => print_diagnostics(&diags, dir, None),
                Format::Json => all.extend(diags.iter().map(|d| (docs.version.clone(), d.clone()))),
            }
        }
    }
    match args.format {
        Format::Json => {
            let diagnostics: Vec<serde_json::Value> = all
                .iter()
                .map(|(version, d)| {
                    let mut v = serde_json::to_value(d).unwrap_or_default();
                    v["version"] = serde_json::Value::String(version.clone());
                    v
                })
                .collect();
            let json = serde_json::json!({ "summaries": summaries, "diagnostics": diagnostics });
            println!("{}", serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?);
        }
        Format::Human => {
            for s in &summaries {
                println!("{s}");
            }
        }
    }
    let errors = summaries.iter().map(|s| s.errors).sum::<usize>();
    Ok(if errors > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn bench(args: BenchArgs) -> Result<ExitCode, String> {
    let corpus = args
        .corpus
        .or_else(|| std::env::var_os("DOCGEN_CORPUS").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("../shared/graph-docs"));
    let options = crate::bench::BenchOptions { corpus, runs: args.runs };
    if let Some(only) = args.only {
        use crate::bench::Only;
        let only = match only {
            OnlyStage::A => Only::A,
            OnlyStage::Read => Only::Read,
            OnlyStage::B => Only::B,
            OnlyStage::C => Only::C,
        };
        for (i, (wall, cpu)) in crate::bench::run_only(&options, only)?.iter().enumerate() {
            println!("{only:?} run {}: {:.3} s wall, {:.2} s CPU", i + 1, wall.as_secs_f64(), cpu.as_secs_f64());
        }
        return Ok(ExitCode::SUCCESS);
    }
    let report = crate::bench::run(&options)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report.to_json()).map_err(|e| e.to_string())?);
    } else {
        println!("{report}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Print diagnostics with the offending source line, rustc style.
fn print_diagnostics(diagnostics: &[Diagnostic], docs: &Path, baseline: Option<&Baseline>) {
    let mut sources: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut out = std::io::stdout().lock();
    for d in diagnostics {
        let lines = sources
            .entry(&d.file)
            .or_insert_with(|| std::fs::read_to_string(docs.join(&*d.file)).map(|t| t.lines().map(str::to_string).collect()).unwrap_or_default());
        let accepted = baseline.is_some_and(|b| b.accepts(d));
        let severity = match (d.severity, accepted) {
            (Severity::Error, true) => "error (accepted in baseline)".to_string(),
            (s, _) => s.to_string(),
        };
        let _ = writeln!(out, "{severity}[{}]: {}", d.rule, d.message);
        let _ = writeln!(out, "  --> {}:{}:{}", docs.join(&*d.file).display(), d.line, d.column);
        if let Some(text) = lines.get(d.line as usize - 1) {
            let number = d.line.to_string();
            let pad = " ".repeat(number.len());
            let shown: String = text.chars().take(160).collect();
            let _ = writeln!(out, "{pad} |\n{number} | {shown}\n{pad} |");
        }
    }
}

//! `docgen bench`: a rerunnable, single-process benchmark of the pipeline over a corpus root
//! (a folder of version folders such as `v1.0/` and `beta/`, or one version folder).
//!
//! Stages, each the median of N runs after one warm-up, over pages pre-loaded into memory
//! (all cores, through rayon). The stages take turns: each of the N rounds runs (a), (b) and
//! (c) once, then (a′), (b′) and (c′) once, and every ratio is the median of the rounds' own
//! ratios. On a shared machine the neighbours' load drifts over seconds; a stage timed
//! minutes after (a) measured the drift as much as the code, and paired ratios cancel it.
//!
//! * **(a)** pulldown-cmark alone, `Parser::new_ext(text, Options::ENABLE_TABLES)` iterated to
//!   the end on every page: the floor any markdown reader pays.
//! * **(b)** read → IR: [`read_page`] on every page, then [`build_api`] per version.
//!   The pages stay alive beside the IR, as [`resolve_docs`] keeps them; no stage times the
//!   freeing of its output.
//! * **(c)** read → IR → formatted Rust: (b), then [`generate_crate`] per version, with the
//!   read, IR and codegen parts timed separately. (Codegen builds and formats each item on
//!   its own, in parallel, so prettyplease's share is a profiler's question: `--only c`.)
//! * **(a′), (b′), (c′)**: the same stages from the files: each run first lists the version
//!   folders and reads every page from disk (page cache warm), as a whole `docgen` run does.
//!   Issue 4 states its floor this way ("about 0.3 s for the whole process"); the targets
//!   are reported against both (a) and (a′).
//!
//! Every row has wall time and CPU time (all threads, from `/proc/self/task/*/schedstat`):
//! on a shared machine wall time also measures the neighbours, and the ratio of wall times
//! depends on how many cores were free (pulldown-cmark and reading scale with cores; the IR
//! and codegen run one thread per version). It also reports a cold run (listing and reading
//! the files, then (c) once, before any warm-up; the OS page cache is left as found) and the
//! peak resident set (`VmHWM`).
//!
//! [`read_page`]: crate::reader::page::read_page
//! [`build_api`]: crate::ir::build_api
//! [`resolve_docs`]: crate::resolve_docs
//! [`generate_crate`]: crate::codegen::generate_crate

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;
use serde_json::json;

use crate::codegen::{self, CrateOptions, Files};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{self, Api};
use crate::reader::page::{read_page, Page};

/// Targets the numbers are reported against (issues 3 and 4).
const TARGET_B_RATIO: f64 = 2.0;
const TARGET_C_RATIO: f64 = 7.0;
const TARGET_PEAK_BYTES: u64 = 2 << 30;
/// progenitor's generation cost per operation, in milliseconds (issue 4's comparison).
const PROGENITOR_MS_PER_OP: f64 = 0.57;

/// What to measure.
#[derive(Clone, Debug)]
pub struct BenchOptions {
    /// Corpus root (version folders) or one version folder.
    pub corpus: PathBuf,
    /// Timed runs per stage (after one warm-up); at least 1.
    pub runs: usize,
}

/// One version's pages, loaded: (relative path, text after lossy UTF-8 decoding).
struct Version {
    name: String,
    pages: Vec<(String, String)>,
}

/// Timings of one stage over the runs.
#[derive(Clone, Debug, Default)]
struct Samples(Vec<Duration>);

impl Samples {
    fn push(&mut self, d: Duration) {
        self.0.push(d);
    }
    fn median(&self) -> Duration {
        let mut v = self.0.clone();
        v.sort();
        middle(&v, |x, y| (x + y) / 2).unwrap_or_default()
    }
    fn min(&self) -> Duration {
        self.0.iter().copied().min().unwrap_or_default()
    }
    fn max(&self) -> Duration {
        self.0.iter().copied().max().unwrap_or_default()
    }
    /// The median over the rounds of this stage's time divided by `base`'s in the same round.
    fn ratio_to(&self, base: &Samples) -> f64 {
        let mut ratios: Vec<f64> = self.0.iter().zip(&base.0).map(|(x, b)| secs(*x) / secs(*b).max(1e-9)).collect();
        ratios.sort_by(f64::total_cmp);
        middle(&ratios, |x, y| (x + y) / 2.0).unwrap_or(f64::NAN)
    }
}

/// The median of sorted values: the middle one, or the mean of the middle two.
fn middle<T: Copy>(sorted: &[T], mean: impl Fn(T, T) -> T) -> Option<T> {
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[n / 2]),
        n => Some(mean(sorted[n / 2 - 1], sorted[n / 2])),
    }
}

/// One row of the table: wall and CPU time of each run.
#[derive(Clone, Debug, Default)]
struct Row {
    wall: Samples,
    cpu: Samples,
}

impl Row {
    fn push(&mut self, wall: Duration, cpu: Duration) {
        self.wall.push(wall);
        self.cpu.push(cpu);
    }
}

/// Everything `docgen bench` measured.
pub struct Report {
    corpus: PathBuf,
    runs: usize,
    threads: usize,
    versions: Vec<(String, usize)>,
    bytes: usize,
    operations: usize,
    types: usize,
    diagnostics: usize,
    io: Duration,
    cold_c: Duration,
    a: Row,
    b: Row,
    c: Row,
    c_read: Row,
    c_ir: Row,
    c_codegen: Row,
    /// The same stages from the files: each run lists and reads the pages from disk (page
    /// cache warm) before the stage, as a whole `docgen` process does. The issue's own
    /// floor ("about 0.3 s for the whole process") is measured this way.
    a_files: Row,
    b_files: Row,
    c_files: Row,
    /// Peak RSS (VmHWM) after each stage's runs, when the kernel lets the peak be reset
    /// between stages; otherwise the process peak so far.
    peak_a: Option<u64>,
    peak_b: Option<u64>,
    peak_c: Option<u64>,
    peak_resettable: bool,
    /// Peak of the cold run: loading the pages, then (c) once, from process start.
    peak_cold: Option<u64>,
}

/// Time `f` (wall, process CPU).
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration, Duration) {
    let (t, cpu) = (Instant::now(), cpu_time());
    let out = f();
    (out, t.elapsed(), cpu_time().saturating_sub(cpu))
}

/// Run the benchmark. Errors are I/O problems with the corpus.
pub fn run(options: &BenchOptions) -> Result<Report, String> {
    let runs = options.runs.max(1);
    let dirs = crate::version_dirs(&options.corpus);
    if dirs.is_empty() {
        return Err(format!("{} holds no api/ or resources/ folder, nor version folders that do", options.corpus.display()));
    }

    // Cold: list and read the files, then (c) once. Nothing has run before in this process.
    let t = Instant::now();
    let versions = load_all(&dirs)?;
    let io = t.elapsed();
    let t = Instant::now();
    let (cold_out, _) = stage_c(&versions);
    let cold_c = t.elapsed();
    let peak_cold = peak_rss();
    let operations = cold_out.iter().map(|(api, ..)| api.operations.len()).sum();
    let types = cold_out.iter().map(|(api, ..)| api.types.len()).sum();
    let diagnostics = cold_out.iter().map(|(_, d, ..)| d.len()).sum();
    drop(cold_out);

    // Warm-up, one run of each stage.
    black_box(stage_a(&versions));
    drop(black_box(stage_b(&versions)));
    drop(black_box(stage_c(&versions)));

    // The stages take turns, round by round, so that each round's ratios compare runs made
    // under the same load. Peaks are the highest over the rounds, VmHWM reset before each run.
    let peak_resettable = reset_peak();
    let (mut a, mut b) = (Row::default(), Row::default());
    let (mut c, mut c_read, mut c_ir, mut c_codegen) = (Row::default(), Row::default(), Row::default(), Row::default());
    let (mut peak_a, mut peak_b, mut peak_c) = (None, None, None);
    for _ in 0..runs {
        reset_peak();
        let (events, wall, cpu) = timed(|| stage_a(&versions));
        black_box(events);
        a.push(wall, cpu);
        peak_a = peak_a.max(peak_rss());

        reset_peak();
        let (out, wall, cpu) = timed(|| stage_b(&versions));
        b.push(wall, cpu);
        peak_b = peak_b.max(peak_rss());
        drop(black_box(out)); // freeing is not part of the stage

        reset_peak();
        let ((out, parts), wall, cpu) = timed(|| stage_c(&versions));
        c.push(wall, cpu);
        c_read.push(parts.read.0, parts.read.1);
        c_ir.push(parts.ir.0, parts.ir.1);
        c_codegen.push(parts.codegen.0, parts.codegen.1);
        peak_c = peak_c.max(peak_rss());
        drop(black_box(out));
    }

    // From the files: the same three stages, each run starting from the folder listing.
    let (mut a_files, mut b_files, mut c_files) = (Row::default(), Row::default(), Row::default());
    for _ in 0..runs {
        let (out, wall, cpu) = timed(|| load_all(&dirs).map(|v| stage_a(&v)));
        black_box(out?);
        a_files.push(wall, cpu);
        let (out, wall, cpu) = timed(|| load_all(&dirs).map(|v| stage_b(&v)));
        drop(black_box(out?));
        b_files.push(wall, cpu);
        let (out, wall, cpu) = timed(|| load_all(&dirs).map(|v| stage_c(&v).0));
        drop(black_box(out?));
        c_files.push(wall, cpu);
    }
    reset_peak();

    Ok(Report {
        corpus: options.corpus.clone(),
        runs,
        threads: rayon::current_num_threads(),
        versions: versions.iter().map(|v| (v.name.clone(), v.pages.len())).collect(),
        bytes: versions.iter().flat_map(|v| &v.pages).map(|(_, t)| t.len()).sum(),
        operations,
        types,
        diagnostics,
        io,
        cold_c,
        a,
        b,
        c,
        c_read,
        c_ir,
        c_codegen,
        a_files,
        b_files,
        c_files,
        peak_a,
        peak_b,
        peak_c,
        peak_resettable,
        peak_cold,
    })
}

/// A single stage, for profilers: `a` (pulldown-cmark), `read` (read_page only), `b` or `c`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Only {
    /// pulldown-cmark alone.
    A,
    /// `read_page` on every page, no IR.
    Read,
    /// read → IR.
    B,
    /// read → IR → formatted Rust.
    C,
}

/// Load the corpus, then run one stage `runs` times (no warm-up, no other stage) and return
/// each run's wall time: a quiet loop to attach a profiler to.
pub fn run_only(options: &BenchOptions, only: Only) -> Result<Vec<(Duration, Duration)>, String> {
    let versions = crate::version_dirs(&options.corpus).iter().map(|d| load(d)).collect::<Result<Vec<_>, _>>()?;
    if versions.is_empty() {
        return Err(format!("{} holds no version folders", options.corpus.display()));
    }
    let mut times = Vec::new();
    for _ in 0..options.runs.max(1) {
        // Freeing the stage's output is not timed, as in `run`.
        let (wall, cpu) = match only {
            Only::A => {
                let (out, wall, cpu) = timed(|| stage_a(&versions));
                black_box(out);
                (wall, cpu)
            }
            Only::Read => {
                let (out, wall, cpu) = timed(|| read_all(&versions));
                drop(black_box(out));
                (wall, cpu)
            }
            Only::B => {
                let (out, wall, cpu) = timed(|| stage_b(&versions));
                drop(black_box(out));
                (wall, cpu)
            }
            Only::C => {
                let (out, wall, cpu) = timed(|| stage_c(&versions));
                drop(black_box(out));
                (wall, cpu)
            }
        };
        times.push((wall, cpu));
    }
    Ok(times)
}

fn load_all(dirs: &[PathBuf]) -> Result<Vec<Version>, String> {
    dirs.iter().map(|d| load(d)).collect()
}

fn load(dir: &Path) -> Result<Version, String> {
    let files = crate::list_pages(dir).map_err(|e| e.to_string())?;
    let pages = files
        .into_par_iter()
        .map(|rel| {
            let bytes = std::fs::read(dir.join(&rel)).map_err(|e| format!("cannot read {}: {e}", dir.join(&rel).display()))?;
            let text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            Ok((rel, text))
        })
        .collect::<Result<Vec<_>, String>>()?;
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "docs".into());
    Ok(Version { name, pages })
}

/// (a): pulldown-cmark over every page; returns the event count so nothing is optimized away.
fn stage_a(versions: &[Version]) -> usize {
    versions
        .iter()
        .flat_map(|v| &v.pages)
        .collect::<Vec<_>>()
        .par_iter()
        .map(|(_, text)| Parser::new_ext(text, Options::ENABLE_TABLES).count())
        .sum()
}

/// Read every page of each version (in parallel), as `read_docs` does after loading.
fn read_all(versions: &[Version]) -> Vec<(Vec<Page>, Vec<Diagnostic>)> {
    versions
        .iter()
        .map(|v| {
            let results: Vec<(Page, Vec<Diagnostic>)> = v
                .pages
                .par_iter()
                .map(|(rel, text)| {
                    let mut diags = Diagnostics::for_file(rel.as_str());
                    let page = read_page(rel, text, &mut diags);
                    (page, diags.into_vec())
                })
                .collect();
            let mut pages = Vec::with_capacity(results.len());
            let mut diagnostics = Vec::new();
            for (page, diags) in results {
                pages.push(page);
                diagnostics.extend(diags);
            }
            (pages, diagnostics)
        })
        .collect()
}

/// One version after (b): its IR, diagnostics and pages.
type Resolved = (Api, Vec<Diagnostic>, Vec<Page>);
/// One version after (c): its IR, diagnostics, generated files and pages.
type Generated = (Api, Vec<Diagnostic>, Files, Vec<Page>);

/// Resolve each version (versions in parallel). The pages are returned with the IR, not
/// freed: `resolve_docs` keeps them beside the IR too, so freeing them is not part of (b).
fn build_all(versions: &[Version], read: Vec<(Vec<Page>, Vec<Diagnostic>)>) -> Vec<Resolved> {
    versions
        .par_iter()
        .zip(read.into_par_iter())
        .map(|(v, (pages, mut diagnostics))| {
            let (api, more) = ir::build_api(&ir::BuildInput { version: &v.name, pages: &pages });
            diagnostics.extend(more);
            (api, diagnostics, pages)
        })
        .collect()
}

/// (b): read → IR.
fn stage_b(versions: &[Version]) -> Vec<Resolved> {
    build_all(versions, read_all(versions))
}

/// (wall, CPU) of each part of (c).
struct Parts {
    read: (Duration, Duration),
    ir: (Duration, Duration),
    codegen: (Duration, Duration),
}

/// (c): read → IR → formatted Rust, with the parts timed.
fn stage_c(versions: &[Version]) -> (Vec<Generated>, Parts) {
    let (read, read_wall, read_cpu) = timed(|| read_all(versions));
    let (apis, ir_wall, ir_cpu) = timed(|| build_all(versions, read));
    let (out, codegen_wall, codegen_cpu) = timed(|| {
        apis.into_par_iter()
            .map(|(api, diags, pages)| {
                let options = CrateOptions { crate_name: "graph-bindings".into(), source_label: api.version.clone(), standalone: true };
                let files = codegen::generate_crate(&api, &options);
                (api, diags, files, pages)
            })
            .collect()
    });
    (out, Parts { read: (read_wall, read_cpu), ir: (ir_wall, ir_cpu), codegen: (codegen_wall, codegen_cpu) })
}

/// CPU time (on-CPU time of every thread) of this process so far: the sum of the first
/// field of `/proc/self/task/*/schedstat` (nanoseconds). Falls back to `/proc/self/stat`
/// (10 ms ticks); zero where neither exists.
fn cpu_time() -> Duration {
    let from_tasks = std::fs::read_dir("/proc/self/task").ok().map(|tasks| {
        tasks
            .flatten()
            .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
            .filter_map(|s| s.split_whitespace().next().and_then(|ns| ns.parse::<u64>().ok()))
            .sum::<u64>()
    });
    if let Some(ns) = from_tasks.filter(|ns| *ns > 0) {
        return Duration::from_nanos(ns);
    }
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return Duration::ZERO };
    // Fields after the `(comm)`: state is field 3, utime 14 and stime 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let ticks: u64 = rest.split_whitespace().skip(11).take(2).filter_map(|f| f.parse::<u64>().ok()).sum();
    Duration::from_millis(ticks * 10)
}

/// Reset the peak-RSS watermark (Linux `clear_refs` value 5). False when not possible.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// `VmHWM` from `/proc/self/status`, in bytes.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.trim_start_matches("VmHWM:").trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kib * 1024)
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn fmt_time(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.3} s")
    } else if s >= 1e-3 {
        format!("{:.1} ms", s * 1e3)
    } else {
        format!("{:.1} µs", s * 1e6)
    }
}

fn fmt_bytes(b: Option<u64>) -> String {
    match b {
        Some(b) => format!("{:.0} MiB", b as f64 / (1u64 << 20) as f64),
        None => "n/a".into(),
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "MET"
    } else {
        "MISSED"
    }
}

impl Report {
    fn pages(&self) -> usize {
        self.versions.iter().map(|(_, n)| n).sum()
    }

    fn peak(&self) -> Option<u64> {
        self.peak_cold.max(self.peak_c)
    }

    /// The report as JSON (seconds, bytes).
    pub fn to_json(&self) -> serde_json::Value {
        let samples = |s: &Samples| s.0.iter().map(|d| secs(*d)).collect::<Vec<_>>();
        // Ratios are medians of the rounds' own ratios, to (a) or, from the files, to (a′).
        let row_to = |r: &Row, base: &Row| {
            json!({
                "wall_median_s": secs(r.wall.median()),
                "wall_min_s": secs(r.wall.min()),
                "wall_max_s": secs(r.wall.max()),
                "wall_ratio_to_a": r.wall.ratio_to(&base.wall),
                "cpu_median_s": secs(r.cpu.median()),
                "cpu_ratio_to_a": r.cpu.ratio_to(&base.cpu),
                "per_page_us": secs(r.wall.median()) * 1e6 / self.pages() as f64,
                "per_operation_ms": secs(r.wall.median()) * 1e3 / self.operations.max(1) as f64,
                "wall_samples_s": samples(&r.wall),
                "cpu_samples_s": samples(&r.cpu),
            })
        };
        let row = |r: &Row| row_to(r, &self.a);
        let row_files = |r: &Row| row_to(r, &self.a_files);
        let ratio_b = self.b.wall.ratio_to(&self.a.wall);
        let ratio_c = self.c.wall.ratio_to(&self.a.wall);
        json!({
            "corpus": self.corpus.display().to_string(),
            "runs": self.runs,
            "threads": self.threads,
            "versions": self.versions.iter().map(|(v, n)| json!({"version": v, "pages": n})).collect::<Vec<_>>(),
            "pages": self.pages(),
            "bytes": self.bytes,
            "operations": self.operations,
            "types": self.types,
            "diagnostics": self.diagnostics,
            "cold": { "io_s": secs(self.io), "c_s": secs(self.cold_c), "total_s": secs(self.io + self.cold_c) },
            "a_pulldown_cmark": row(&self.a),
            "b_read_ir": row(&self.b),
            "c_read_ir_rust": row(&self.c),
            "c_parts": {
                "read": row(&self.c_read),
                "ir": row(&self.c_ir),
                "codegen": row(&self.c_codegen),
            },
            "from_files": {
                "a_pulldown_cmark": row_files(&self.a_files),
                "b_read_ir": row_files(&self.b_files),
                "c_read_ir_rust": row_files(&self.c_files),
                "b_ratio": self.b_files.wall.ratio_to(&self.a_files.wall),
                "c_ratio": self.c_files.wall.ratio_to(&self.a_files.wall),
            },
            "peak_rss_bytes": {
                "a": self.peak_a, "b": self.peak_b, "c": self.peak_c,
                "per_stage": self.peak_resettable, "cold_load_and_c": self.peak_cold,
            },
            "targets": {
                "b_ratio": ratio_b, "b_cpu_ratio": self.b.cpu.ratio_to(&self.a.cpu),
                "b_ratio_target": TARGET_B_RATIO, "b_met": ratio_b <= TARGET_B_RATIO,
                "c_ratio": ratio_c, "c_cpu_ratio": self.c.cpu.ratio_to(&self.a.cpu),
                "c_ratio_target": TARGET_C_RATIO, "c_met": ratio_c <= TARGET_C_RATIO,
                "c_peak_target_bytes": TARGET_PEAK_BYTES,
                "c_peak_met": self.peak().is_some_and(|p| p < TARGET_PEAK_BYTES),
                "c_ms_per_operation": secs(self.c.wall.median()) * 1e3 / self.operations.max(1) as f64,
                "progenitor_ms_per_operation": PROGENITOR_MS_PER_OP,
            },
        })
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pages = self.pages() as u32;
        let ops = self.operations.max(1) as u32;
        let versions: Vec<String> = self.versions.iter().map(|(v, n)| format!("{v}: {n}")).collect();
        writeln!(f, "docgen bench {}", self.corpus.display())?;
        writeln!(
            f,
            "  {} pages ({}), {:.1} MiB; {} operations, {} types, {} diagnostics",
            pages,
            versions.join(", "),
            self.bytes as f64 / (1u64 << 20) as f64,
            self.operations,
            self.types,
            self.diagnostics
        )?;
        writeln!(f, "  median of {} runs after 1 warm-up; {} rayon threads; pages pre-loaded in memory", self.runs, self.threads)?;
        writeln!(f, "  the stages take turns, round by round; each ratio is the median of the rounds' own ratios")?;
        writeln!(f)?;
        writeln!(
            f,
            "{:<32} {:>9} {:>9} {:>9} {:>6} {:>9} {:>6} {:>9} {:>9} {:>8}",
            "stage", "wall", "min", "max", "×(a)", "CPU", "×(a)", "per page", "per op", "peak RSS"
        )?;
        // Ratios are to (a), or to (a′) for the rows measured from the files.
        let row = |f: &mut std::fmt::Formatter<'_>, name: &str, r: &Row, peak: Option<u64>| {
            let base = if name.contains('′') { &self.a_files } else { &self.a };
            let wall = r.wall.median();
            writeln!(
                f,
                "{:<32} {:>9} {:>9} {:>9} {:>6.2} {:>9} {:>6.2} {:>9} {:>9} {:>8}",
                name,
                fmt_time(wall),
                fmt_time(r.wall.min()),
                fmt_time(r.wall.max()),
                r.wall.ratio_to(&base.wall),
                fmt_time(r.cpu.median()),
                r.cpu.ratio_to(&base.cpu),
                fmt_time(wall / pages.max(1)),
                fmt_time(wall / ops),
                peak.map_or(String::new(), |p| fmt_bytes(Some(p)))
            )
        };
        row(f, "(a) pulldown-cmark only", &self.a, self.peak_a)?;
        row(f, "(b) read → IR", &self.b, self.peak_b)?;
        row(f, "(c) read → IR → formatted Rust", &self.c, self.peak_c)?;
        row(f, "  (c) read pages", &self.c_read, None)?;
        row(f, "  (c) build IR", &self.c_ir, None)?;
        row(f, "  (c) codegen", &self.c_codegen, None)?;
        writeln!(f, "from the files (each run lists and reads every page from disk first, page cache warm):")?;
        row(f, "(a′) files → pulldown-cmark", &self.a_files, None)?;
        row(f, "(b′) files → read → IR", &self.b_files, None)?;
        row(f, "(c′) files → … → formatted Rust", &self.c_files, None)?;
        writeln!(f)?;
        writeln!(
            f,
            "cold (first run, page cache as found): read files {} + (c) {} = {}",
            fmt_time(self.io),
            fmt_time(self.cold_c),
            fmt_time(self.io + self.cold_c)
        )?;
        let peak_note = if self.peak_resettable {
            "VmHWM reset before each run, highest over the rounds; it includes heap kept from earlier runs"
        } else {
            "VmHWM could not be reset: process peak so far"
        };
        writeln!(f, "peak RSS per stage: {peak_note}; all include the {:.0} MiB of pre-loaded pages", self.bytes as f64 / (1u64 << 20) as f64)?;
        writeln!(
            f,
            "peak RSS of the cold run (process start → files loaded → (c) once): {}",
            fmt_bytes(self.peak_cold)
        )?;
        writeln!(f, "CPU = on-CPU time of all threads; wall ratios depend on free cores")?;
        writeln!(f)?;
        let (rb, rc) = (self.b.wall.ratio_to(&self.a.wall), self.c.wall.ratio_to(&self.a.wall));
        let (cb, cc) = (self.b.cpu.ratio_to(&self.a.cpu), self.c.cpu.ratio_to(&self.a.cpu));
        let per_op = secs(self.c.wall.median()) * 1e3 / ops as f64;
        writeln!(f, "targets (wall; CPU in brackets):")?;
        writeln!(f, "  issue 3: (b) ≤ {TARGET_B_RATIO}× (a)      {rb:.2}× [{cb:.2}×]  {}", verdict(rb <= TARGET_B_RATIO))?;
        writeln!(f, "  issue 4: (c) ≤ {TARGET_C_RATIO}× (a)      {rc:.2}× [{cc:.2}×]  {}", verdict(rc <= TARGET_C_RATIO))?;
        let (rbf, rcf) = (self.b_files.wall.ratio_to(&self.a_files.wall), self.c_files.wall.ratio_to(&self.a_files.wall));
        let (cbf, ccf) = (self.b_files.cpu.ratio_to(&self.a_files.cpu), self.c_files.cpu.ratio_to(&self.a_files.cpu));
        writeln!(f, "  issue 3: (b′) ≤ {TARGET_B_RATIO}× (a′)    {rbf:.2}× [{cbf:.2}×]  {}  (from the files)", verdict(rbf <= TARGET_B_RATIO))?;
        writeln!(
            f,
            "  issue 4: (c′) ≤ {TARGET_C_RATIO}× (a′)    {rcf:.2}× [{ccf:.2}×]  {}  (from the files: the issue's whole-process floor)",
            verdict(rcf <= TARGET_C_RATIO)
        )?;
        writeln!(f, "  issue 4: (c) peak < 2 GiB     {}  {}", fmt_bytes(self.peak()), verdict(self.peak().is_some_and(|p| p < TARGET_PEAK_BYTES)))?;
        write!(f, "  issue 4: (c) per operation    {per_op:.3} ms wall (progenitor: {PROGENITOR_MS_PER_OP} ms)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples(ms: &[u64]) -> Samples {
        Samples(ms.iter().map(|&m| Duration::from_millis(m)).collect())
    }

    #[test]
    fn ratios_pair_each_round_with_its_own_base_run() {
        // Per round: 2.5, 2 and 3; the median of those, not the ratio of the medians (2).
        let a = samples(&[100, 300, 400]);
        let b = samples(&[250, 600, 1200]);
        assert!((b.ratio_to(&a) - 2.5).abs() < 1e-9, "{}", b.ratio_to(&a));
        // A round where the host slowed both stages alike does not move the ratio.
        let a = samples(&[100, 100, 300]);
        let b = samples(&[300, 300, 900]);
        assert!((b.ratio_to(&a) - 3.0).abs() < 1e-9);
    }

    #[test]
    fn an_even_number_of_rounds_takes_the_middle_pair() {
        let a = samples(&[100, 100, 100, 100]);
        let b = samples(&[200, 300, 400, 500]);
        assert!((b.ratio_to(&a) - 3.5).abs() < 1e-9);
    }
}

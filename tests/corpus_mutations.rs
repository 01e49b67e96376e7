//! No panic, no hang: damaged copies of real corpus pages go through `read_page` and
//! `build_api`.
//!
//! A deterministic sample (every 20th page of each version, plus the ten "pages a parser
//! must survive" of corpus-guide §11) is mutated in memory — truncations (one of them in the
//! middle of a UTF-8 sequence, then lossy-decoded), deleted lines, byte flips, doubled fence
//! lines, removed closing fences and `-->`, duplicated annotation comments, bytes
//! overwritten with markup characters, spaces turned into NBSP and other odd whitespace —
//! and every mutant is read under `catch_unwind`, so the report names each page and
//! mutation that panicked. Each version's mutants of one kind are then resolved together by `build_api`.
//!
//! Hangs: a watchdog ends the process, naming the page, if one page runs for more than
//! `HANG_LIMIT`; after the run, any page slower than `PAGE_LIMIT` (about 100× the typical
//! debug-build time) fails the test. This is an upper bound that catches runaway loops and
//! quadratic blow-ups, not a speed test. Nothing from the corpus is copied into the repo.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use docgen::diagnostics::Diagnostics;
use docgen::ir::{build_api, BuildInput};
use docgen::reader::page::{read_page, Page};

/// A page slower than this fails the test (typical debug time is a few milliseconds).
const PAGE_LIMIT: Duration = Duration::from_secs(2);
/// A page still running after this is a hang: the watchdog ends the test process.
const HANG_LIMIT: Duration = Duration::from_secs(30);
/// Every N-th page of each version (sorted by path) is sampled.
const STRIDE: usize = 20;

/// corpus-guide §11: pages a parser must survive.
const MUST_SURVIVE: &[&str] = &[
    "beta/api/accesspackage-post-incompatiblegroup.md",
    "beta/api/unifiedrolemanagementpolicyrule-update.md",
    "beta/api/event-delta.md",
    "beta/resources/message.md",
    "v1.0/api/workforceintegration-post.md",
    "beta/api/intune-partnerintegration-vulnerablemanageddevice-update.md",
    "v1.0/resources/driveitem.md",
    "beta/api/driveitem-createuploadsession.md",
    "beta/resources/securescorecontrolstateupdate.md",
    "beta/resources/synchronization-configure-with-directory-extension-attributes.md",
];

/// xorshift64*: tiny, deterministic, good enough to pick offsets.
struct Rng(u64);

impl Rng {
    fn for_page(path: &str, mutation: usize) -> Self {
        // FNV-1a of the path, mixed with the mutation index; never zero.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in path.bytes() {
            h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
        Rng((h ^ (mutation as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform-ish in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> Option<T> {
        (!items.is_empty()).then(|| items[self.below(items.len())])
    }
}

/// Byte ranges of the lines of `bytes` (each including its `\n`).
fn lines(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < bytes.len() {
        out.push((start, bytes.len()));
    }
    out
}

fn line_text(bytes: &[u8], (s, e): (usize, usize)) -> &[u8] {
    let l = &bytes[s..e];
    l.strip_suffix(b"\n").unwrap_or(l)
}

fn trim_ascii(l: &[u8]) -> &[u8] {
    l.trim_ascii()
}

fn is_fence_line(l: &[u8]) -> bool {
    trim_ascii(l).starts_with(b"```")
}

fn is_bare_fence(l: &[u8]) -> bool {
    let t = trim_ascii(l);
    t.len() >= 3 && t.iter().all(|b| *b == b'`')
}

fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    hay.windows(needle.len()).enumerate().filter(|(_, w)| *w == needle).map(|(i, _)| i).collect()
}

fn splice(bytes: &[u8], at: usize, remove: usize, insert: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + insert.len());
    out.extend_from_slice(&bytes[..at]);
    out.extend_from_slice(insert);
    out.extend_from_slice(&bytes[at + remove..]);
    out
}

/// The mutations: name and a function from page bytes to a mutant (None: does not apply).
type Mutation = (&'static str, fn(&[u8], &mut Rng) -> Option<Vec<u8>>);

const MUTATIONS: &[Mutation] = &[
    ("original", |b, _| Some(b.to_vec())),
    ("truncate-early", |b, r| Some(b[..r.below(b.len() / 10 + 1)].to_vec())),
    ("truncate-middle", |b, r| Some(b[..r.below(b.len() + 1)].to_vec())),
    ("truncate-late", |b, r| Some(b[..b.len() - r.below(b.len() / 10 + 1)].to_vec())),
    ("truncate-mid-utf8", |b, r| {
        // Cut after the lead byte of a multi-byte character; on an ASCII-only page, cut
        // anywhere and end with the first two bytes of a three-byte character.
        let leads: Vec<usize> = b.iter().enumerate().filter(|(_, x)| **x >= 0xC0).map(|(i, _)| i).collect();
        Some(match r.pick(&leads) {
            Some(i) => b[..i + 1].to_vec(),
            None => [&b[..r.below(b.len() + 1)], &[0xE2u8, 0x80][..]].concat(),
        })
    }),
    ("delete-line", |b, r| {
        let ls = lines(b);
        let (s, e) = r.pick(&ls)?;
        Some(splice(b, s, e - s, b""))
    }),
    ("delete-5-lines", |b, r| {
        let ls = lines(b);
        let first = r.below(ls.len().max(1));
        let (s, _) = *ls.get(first)?;
        let (_, e) = ls[(first + 4).min(ls.len() - 1)];
        Some(splice(b, s, e - s, b""))
    }),
    ("flip-bytes", |b, r| {
        let mut out = b.to_vec();
        if out.is_empty() {
            return None;
        }
        for _ in 0..8 {
            let i = r.below(out.len());
            out[i] ^= (r.below(255) + 1) as u8;
        }
        Some(out)
    }),
    ("flip-to-markup", |b, r| {
        // Overwrite random bytes with characters the grammars split on.
        const MARKUP: &[u8] = b"[]()|`<>-{}\"*:,/\n\\#!";
        let mut out = b.to_vec();
        if out.is_empty() {
            return None;
        }
        for _ in 0..16 {
            let i = r.below(out.len());
            out[i] = MARKUP[r.below(MARKUP.len())];
        }
        Some(out)
    }),
    ("spaces-to-unicode", |b, r| {
        // Some spaces become the wide or odd whitespace the corpus has (NBSP, U+202F,
        // U+200B, TAB): byte offsets and char boundaries stop lining up.
        const SPACES: &[&[u8]] = &["\u{a0}".as_bytes(), "\u{202f}".as_bytes(), "\u{200b}".as_bytes(), b"\t"];
        let mut out = Vec::with_capacity(b.len() + b.len() / 8);
        for &byte in b {
            if byte == b' ' && r.below(4) == 0 {
                out.extend_from_slice(SPACES[r.below(SPACES.len())]);
            } else {
                out.push(byte);
            }
        }
        (out.len() != b.len()).then_some(out)
    }),
    ("double-fence", |b, r| {
        let fences: Vec<(usize, usize)> = lines(b).into_iter().filter(|l| is_fence_line(line_text(b, *l))).collect();
        let (s, e) = r.pick(&fences)?;
        let line = &b[s..e];
        let copy = if line.ends_with(b"\n") { line.to_vec() } else { [line, b"\n"].concat() };
        Some(splice(b, s, 0, &copy))
    }),
    ("drop-closing-fence", |b, r| {
        let closers: Vec<(usize, usize)> = lines(b).into_iter().filter(|l| is_bare_fence(line_text(b, *l))).collect();
        let (s, e) = r.pick(&closers)?;
        Some(splice(b, s, e - s, b""))
    }),
    ("drop-all-closing-fences", |b, _| {
        let ls = lines(b);
        let kept: Vec<u8> = ls.iter().filter(|l| !is_bare_fence(line_text(b, **l))).flat_map(|&(s, e)| b[s..e].to_vec()).collect();
        (kept.len() != b.len()).then_some(kept)
    }),
    ("drop-comment-close", |b, r| {
        let at = r.pick(&find_all(b, b"-->"))?;
        Some(splice(b, at, 3, b""))
    }),
    ("duplicate-annotation", |b, r| {
        // A `<!-- ... -->` block holding `{`, copied right after itself.
        let opens: Vec<usize> = find_all(b, b"<!--")
            .into_iter()
            .filter(|&i| {
                let rest = &b[i..];
                let close = find_all(&rest[..rest.len().min(4000)], b"-->").first().copied();
                close.is_some_and(|c| rest[..c].contains(&b'{'))
            })
            .collect();
        let open = r.pick(&opens)?;
        let close = open + find_all(&b[open..], b"-->")[0] + 3;
        let copy = [b"\n", &b[open..close], b"\n"].concat();
        Some(splice(b, close, 0, &copy))
    }),
    ("open-comment-at-line", |b, r| {
        let ls = lines(b);
        let (s, _) = r.pick(&ls)?;
        Some(splice(b, s, 0, b"<!-- {\n"))
    }),
    ("drop-front-matter-close", |b, _| {
        let ls = lines(b);
        let close = ls.iter().skip(1).find(|l| trim_ascii(line_text(b, **l)) == b"---")?;
        Some(splice(b, close.0, close.1 - close.0, b""))
    }),
];

struct Mutant {
    version: String,
    /// Path inside the version folder (`api/x.md`), as `read_page` sees it.
    file: String,
    mutation: usize,
    text: String,
}

fn sample(corpus: &Path) -> Vec<(String, String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut chosen = std::collections::BTreeSet::new();
    for version in ["v1.0", "beta"] {
        let dir = corpus.join(version);
        if !dir.is_dir() {
            continue;
        }
        let files = docgen::list_pages(&dir).expect("version folder readable");
        for (i, file) in files.iter().enumerate() {
            if i % STRIDE == 0 || MUST_SURVIVE.contains(&format!("{version}/{file}").as_str()) {
                chosen.insert(format!("{version}/{file}"));
                let bytes = std::fs::read(dir.join(file)).expect("page readable");
                out.push((version.to_string(), file.clone(), bytes));
            }
        }
    }
    for must in MUST_SURVIVE {
        assert!(chosen.contains(*must), "corpus-guide §11 page {must} is missing from the corpus");
    }
    out
}

#[test]
fn mutated_corpus_pages_never_panic_or_hang() {
    let Some(corpus) = docgen_tests::corpus_dir("corpus_mutations") else { return };
    let started = Instant::now();
    let pages = sample(&corpus);

    let mut mutants = Vec::new();
    for (version, file, bytes) in &pages {
        for (m, (_, mutate)) in MUTATIONS.iter().enumerate() {
            let mut rng = Rng::for_page(&format!("{version}/{file}"), m);
            if let Some(bytes) = mutate(bytes, &mut rng) {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                mutants.push(Mutant { version: version.clone(), file: file.clone(), mutation: m, text });
            }
        }
    }

    // Read every mutant on all cores; a watchdog names any page that runs away.
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).min(8);
    let next = AtomicUsize::new(0);
    let running: Vec<Mutex<Option<(usize, Instant)>>> = (0..workers).map(|_| Mutex::new(None)).collect();
    let done = std::sync::atomic::AtomicBool::new(false);
    let describe = |i: usize| {
        let m = &mutants[i];
        format!("{}/{} [{}]", m.version, m.file, MUTATIONS[m.mutation].0)
    };
    type Outcome = (usize, Result<Page, String>, Duration);
    let mut outcomes: Vec<Outcome> = std::thread::scope(|scope| {
        scope.spawn(|| {
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(100));
                for slot in &running {
                    if let Some((i, since)) = *slot.lock().unwrap() {
                        if since.elapsed() > HANG_LIMIT {
                            // Keep the mutant (outside the repo) so the hang can be replayed.
                            let dump = std::env::temp_dir().join("corpus_mutations-hang.md");
                            let _ = std::fs::write(&dump, &mutants[i].text);
                            eprintln!("HANG: {} has run for more than {HANG_LIMIT:?}; mutant written to {}", describe(i), dump.display());
                            std::process::exit(101);
                        }
                    }
                }
            }
        });
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let (next, running, mutants) = (&next, &running, &mutants);
                scope.spawn(move || {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(m) = mutants.get(i) else { break };
                        let t = Instant::now();
                        *running[w].lock().unwrap() = Some((i, t));
                        let result = catch_unwind(AssertUnwindSafe(|| {
                            let mut diags = Diagnostics::for_file(m.file.as_str());
                            read_page(&m.file, &m.text, &mut diags)
                        }));
                        let elapsed = t.elapsed();
                        *running[w].lock().unwrap() = None;
                        out.push((i, result.map_err(panic_message), elapsed));
                    }
                    out
                })
            })
            .collect();
        let all = handles.into_iter().flat_map(|h| h.join().expect("worker threads catch panics")).collect();
        done.store(true, Ordering::Relaxed);
        all
    });
    outcomes.sort_by_key(|(i, _, _)| *i);
    let read_time = started.elapsed();

    let mut failures: Vec<String> = Vec::new();
    for (i, result, elapsed) in &outcomes {
        if let Err(message) = result {
            failures.push(format!("read_page panicked on {}: {message}", describe(*i)));
        }
        if *elapsed > PAGE_LIMIT {
            failures.push(format!("read_page took {elapsed:?} (> {PAGE_LIMIT:?}) on {}", describe(*i)));
        }
    }

    // Resolve each version's mutants of one kind together.
    let mut groups: std::collections::BTreeMap<(&str, usize), Vec<Page>> = Default::default();
    for (i, result, _) in outcomes.iter_mut() {
        if let Ok(page) = std::mem::replace(result, Err(String::new())) {
            groups.entry((mutants[*i].version.as_str(), mutants[*i].mutation)).or_default().push(page);
        }
    }
    for ((version, m), pages) in &groups {
        let t = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| build_api(&BuildInput { version, pages })));
        let elapsed = t.elapsed();
        match result {
            Err(p) => failures.push(format!("build_api panicked on {version} [{}]: {}", MUTATIONS[*m].0, panic_message(p))),
            Ok(_) if elapsed > PAGE_LIMIT * 5 => {
                failures.push(format!("build_api took {elapsed:?} on {version} [{}] ({} pages)", MUTATIONS[*m].0, pages.len()))
            }
            Ok(_) => {}
        }
    }

    let slowest = outcomes.iter().max_by_key(|(_, _, d)| *d).map(|(i, _, d)| format!("{} in {d:?}", describe(*i)));
    let mut times: Vec<Duration> = outcomes.iter().map(|(_, _, d)| *d).collect();
    times.sort();
    println!(
        "corpus_mutations: {} pages × {} mutations = {} mutants read in {:.1?} (median {:?} per page, slowest {}), {} build_api runs, {:.1?} in all",
        pages.len(),
        MUTATIONS.len(),
        mutants.len(),
        read_time,
        times.get(times.len() / 2).copied().unwrap_or_default(),
        slowest.unwrap_or_default(),
        groups.len(),
        started.elapsed()
    );
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "non-string panic payload".into())
}

#[test]
fn mutations_are_deterministic_and_apply() {
    let page = b"---\ntitle: t\n---\n# T \xE2\x80\x94 x\n\n<!-- { \"blockType\": \"request\" } -->\n```http\nGET /me\n```\n";
    for (m, (name, mutate)) in MUTATIONS.iter().enumerate() {
        let a = mutate(page, &mut Rng::for_page("p.md", m));
        let b = mutate(page, &mut Rng::for_page("p.md", m));
        assert_eq!(a, b, "{name} is deterministic");
        assert!(a.is_some(), "{name} applies to a page with a fence and an annotation");
    }
    let cut = MUTATIONS.iter().find(|(n, _)| *n == "truncate-mid-utf8").unwrap().1(page, &mut Rng(7)).unwrap();
    assert!(std::str::from_utf8(&cut).is_err(), "cut inside the em dash");
}

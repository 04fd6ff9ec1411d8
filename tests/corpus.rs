//! Round trip of libvirt's own test documents.
//!
//! Reads every `*.xml` in `LIBVIRT_CORPUS_DIR` (default `../shared/corpus/libvirt-11.3`)
//! and, beside that folder, `<folder>.schema.tsv` (`FILE<TAB>valid|invalid`). Every
//! schema-valid document must parse, write, and compare equal to its input as libvirt
//! reads XML (see `common::differences`). Schema-invalid documents must not panic.
//!
//! Run with `cargo test --test corpus -- --nocapture` to see the counts. Set
//! `CORPUS_FAILURES=FILE` to write every failure (with all its differences) to FILE.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use common::RoundTripFailure;
use libvirt_domain::Domain;

/// Detailed failure lines printed; the rest are only counted.
const MAX_DETAIL_LINES: usize = 50;

#[test]
fn corpus_round_trips_losslessly() {
    let dir = common::data_dir("LIBVIRT_CORPUS_DIR", "../shared/corpus/libvirt-11.3");
    if !dir.is_dir() {
        common::skip_absent(&dir);
        return;
    }
    let files = common::xml_files(&dir).expect("read the corpus folder");
    assert!(
        !files.is_empty() || !common::corpus_required(),
        "{} holds no *.xml file",
        dir.display()
    );
    let validity = read_schema_tsv(&dir);

    let mut report = Report::default();
    quietly(|| {
        for path in &files {
            let name = file_name(path);
            let text = match std::fs::read_to_string(path) {
                Ok(text) => text,
                Err(e) => {
                    report.fail(&name, Outcome::Io(e.to_string()));
                    continue;
                }
            };
            let valid = match validity.get(&name) {
                Some(valid) => *valid,
                // libvirt's own rule, for files the list does not name.
                None => !name.ends_with("-invalid.xml"),
            };
            report.files += 1;
            if !valid {
                if let Err(message) = catch(|| Domain::from_xml(&text).map(drop)) {
                    report.fail(&name, Outcome::Panic(message));
                }
                continue;
            }
            report.valid += 1;
            match catch(|| common::round_trip(&text)) {
                Ok(Ok(_)) => report.lossless += 1,
                Ok(Err(failure)) => report.fail(&name, Outcome::RoundTrip(failure)),
                Err(message) => report.fail(&name, Outcome::Panic(message)),
            }
            if let Ok(Ok(_)) = catch(|| Domain::from_xml_strict(&text)) {
                report.strict += 1;
            }
        }
    });

    println!("{}", report.summary());
    if let Some(out) = std::env::var_os("CORPUS_FAILURES") {
        std::fs::write(&out, report.full_listing()).expect("write CORPUS_FAILURES");
        println!("all failures written to {}", PathBuf::from(out).display());
    }
    assert!(report.failures.is_empty(), "{}", report.details());
}

/// `<folder>.schema.tsv` beside the corpus folder, as file name → schema-valid.
fn read_schema_tsv(dir: &Path) -> HashMap<String, bool> {
    let mut tsv = dir.as_os_str().to_owned();
    tsv.push(".schema.tsv");
    let tsv = PathBuf::from(tsv);
    let text = match std::fs::read_to_string(&tsv) {
        Ok(text) => text,
        Err(e) => {
            assert!(
                !common::corpus_required(),
                "{}: {e} (REQUIRE_CORPUS=1 demands it)",
                tsv.display()
            );
            println!(
                "note: {}: {e}; treating every file not named *-invalid.xml as valid",
                tsv.display()
            );
            return HashMap::new();
        }
    };
    let mut validity = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (file, verdict) = line.split_once('\t').unwrap_or_else(|| {
            panic!(
                "{}:{}: expected FILE<TAB>valid|invalid",
                tsv.display(),
                n + 1
            )
        });
        let valid = match verdict.trim() {
            "valid" => true,
            "invalid" => false,
            other => panic!("{}:{}: unknown verdict {other:?}", tsv.display(), n + 1),
        };
        validity.insert(file.to_owned(), valid);
    }
    validity
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// What went wrong with one file.
enum Outcome {
    Io(String),
    Panic(String),
    RoundTrip(RoundTripFailure),
}

impl Outcome {
    fn kind(&self) -> &'static str {
        match self {
            Outcome::Io(_) => "read error",
            Outcome::Panic(_) => "panic",
            Outcome::RoundTrip(f) => f.kind(),
        }
    }

    fn describe(&self) -> String {
        match self {
            Outcome::Io(e) => format!("read error: {e}"),
            Outcome::Panic(m) => format!("panic: {m}"),
            Outcome::RoundTrip(f) => f.to_string(),
        }
    }

    /// The individual problems: each difference of a mismatch, else the one message.
    fn findings(&self) -> Vec<&str> {
        match self {
            Outcome::Io(m)
            | Outcome::Panic(m)
            | Outcome::RoundTrip(RoundTripFailure::Parse(m) | RoundTripFailure::Write(m)) => {
                vec![m]
            }
            Outcome::RoundTrip(RoundTripFailure::Mismatch(diffs)) => {
                diffs.iter().map(String::as_str).collect()
            }
        }
    }
}

#[derive(Default)]
struct Report {
    files: usize,
    valid: usize,
    lossless: usize,
    strict: usize,
    failures: Vec<(String, Outcome)>,
}

impl Report {
    fn fail(&mut self, file: &str, outcome: Outcome) {
        self.failures.push((file.to_owned(), outcome));
    }

    fn count(&self, kind: &str) -> usize {
        self.failures
            .iter()
            .filter(|(_, o)| o.kind() == kind)
            .count()
    }

    fn summary(&self) -> String {
        let mut s = format!(
            "corpus: {} files, {} schema-valid, {} lossless, {} parsed strictly, {} parse errors",
            self.files,
            self.valid,
            self.lossless,
            self.strict,
            self.count("parse error"),
        );
        for kind in ["write error", "mismatch", "panic", "read error"] {
            let n = self.count(kind);
            if n > 0 {
                let plural = match (n, kind) {
                    (1, _) => kind.to_owned(),
                    (_, "mismatch") => "mismatches".to_owned(),
                    _ => format!("{kind}s"),
                };
                let _ = write!(s, ", {n} {plural}");
            }
        }
        s
    }

    /// The most common problems with an example file each, then the first failures
    /// in detail; about [`MAX_DETAIL_LINES`] lines in all.
    fn details(&self) -> String {
        let mut s = format!("{}\n", self.summary());
        let problems = self.common_problems();
        let shown = problems.len().min(MAX_DETAIL_LINES / 2);
        let _ = writeln!(
            s,
            "most common problems ({} kinds; files affected, example):",
            problems.len()
        );
        for (problem, (n, example)) in &problems[..shown] {
            let _ = writeln!(s, "{n:>6}  {problem}  [{example}]");
        }
        let detail = MAX_DETAIL_LINES - shown;
        let _ = writeln!(s, "failing files:");
        for (file, outcome) in self.failures.iter().take(detail) {
            let _ = writeln!(s, "  {file}: {}", outcome.describe());
        }
        if self.failures.len() > detail {
            let _ = writeln!(
                s,
                "  … and {} more (CORPUS_FAILURES=FILE writes every failure to FILE)",
                self.failures.len() - detail
            );
        }
        s
    }

    /// Every failure with every difference, for `CORPUS_FAILURES`.
    fn full_listing(&self) -> String {
        let mut s = format!("{}\n", self.summary());
        for (file, outcome) in &self.failures {
            for finding in outcome.findings() {
                let _ = writeln!(s, "{file}: {}: {finding}", outcome.kind());
            }
        }
        s
    }

    /// Findings with positions, indices and quoted values removed, counted by the
    /// number of files they occur in (with the first such file), most frequent first.
    fn common_problems(&self) -> Vec<(String, (usize, String))> {
        let mut counts: BTreeMap<String, (usize, String)> = BTreeMap::new();
        for (file, outcome) in &self.failures {
            let mut seen: Vec<String> = outcome
                .findings()
                .iter()
                .map(|f| format!("{}: {}", outcome.kind(), generalise(f)))
                .collect();
            seen.sort();
            seen.dedup();
            for problem in seen {
                let entry = counts.entry(problem).or_insert((0, file.clone()));
                entry.0 += 1;
            }
        }
        let mut problems: Vec<_> = counts.into_iter().collect();
        problems.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(&b.0)));
        problems
    }
}

/// `line 4, column 11: /domain/devices/disk[2]/@cache: "a" became "b"` →
/// `/domain/devices/disk/@cache: "…" became "…"`.
fn generalise(finding: &str) -> String {
    let mut rest = finding;
    if let Some((head, tail)) = rest.split_once(": ") {
        if head.starts_with("line ") && head.contains(", column ") {
            rest = tail;
        }
    }
    let mut general = String::with_capacity(rest.len());
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '[' if chars.peek().is_some_and(char::is_ascii_digit) => {
                while chars.next().is_some_and(|c| c != ']') {}
            }
            '"' => {
                // Keep whether a value was empty or whitespace: those are categories.
                let mut quoted = String::new();
                let mut escaped = false;
                for c in chars.by_ref() {
                    match c {
                        '\\' if !escaped => escaped = true,
                        '"' if !escaped => break,
                        _ if escaped => {
                            escaped = false;
                            quoted.push(if matches!(c, 'n' | 't' | 'r') { ' ' } else { c });
                        }
                        _ => quoted.push(c),
                    }
                }
                if chars.peek() == Some(&'…') {
                    chars.next();
                }
                general.push_str(match quoted.as_str() {
                    "" => "\"\"",
                    q if q.trim().is_empty() => "\"<whitespace>\"",
                    _ => "\"…\"",
                });
            }
            _ => general.push(c),
        }
    }
    general
}

/// Runs `f`, turning a panic into its message.
fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "non-string panic payload".to_owned())
    })
}

/// Runs `f` with the default panic message silenced: panics are collected and reported
/// per file instead of flooding the output. (This binary has one test, so the hook does
/// not hide another test's panic.)
fn quietly<T>(f: impl FnOnce() -> T) -> T {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let result = f();
    panic::set_hook(previous);
    result
}

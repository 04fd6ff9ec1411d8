//! Does the since table predict what older libvirt releases accept?
//!
//! For every schema-valid document of the corpus (`LIBVIRT_CORPUS_DIR`, default
//! `../shared/corpus/libvirt-11.3`, with `<folder>.schema.tsv` beside it), this
//! compares "`Domain::min_libvirt_version()` ≤ X" with "libvirt X's schema accepts
//! the document" (`xmllint --relaxng ../shared/reference/libvirt-X/schemas/domain.rng`,
//! many files per call) for X = 9.0 and 7.0. It prints both agreements, the harmful
//! rate (predicted to work on a release whose schema refuses the document) and every
//! disagreement with the requirements behind the prediction, and asserts at least
//! [`MIN_AGREEMENT`] agreement and less than [`MAX_HARMFUL`] harmful mistakes.
//!
//! Without the corpus, the old schemas or xmllint the test says so and passes, unless
//! `REQUIRE_CORPUS=1` (as in CI).

mod common;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use libvirt_domain::{Domain, LibvirtVersion};

/// The share of documents whose prediction must agree with the schema's verdict.
const MIN_AGREEMENT: f64 = 0.97;
/// The share of documents that may be predicted to work where the schema refuses them.
const MAX_HARMFUL: f64 = 0.01;
/// Files per xmllint call.
const CHUNK: usize = 400;
/// Disagreements printed per release; the rest are counted.
const SHOWN: usize = 60;

fn valid_files(dir: &Path) -> Vec<PathBuf> {
    let mut tsv = dir.as_os_str().to_owned();
    tsv.push(".schema.tsv");
    let text = std::fs::read_to_string(PathBuf::from(&tsv))
        .unwrap_or_else(|e| panic!("{}: {e}", PathBuf::from(&tsv).display()));
    let mut files: Vec<PathBuf> = text
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .filter(|(_, verdict)| verdict.trim() == "valid")
        .map(|(file, _)| dir.join(file))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// The files the schema `rng` accepts, by one xmllint call per [`CHUNK`] files.
fn accepted_by(rng: &Path, files: &[PathBuf]) -> HashSet<PathBuf> {
    let mut accepted = HashSet::new();
    for chunk in files.chunks(CHUNK) {
        let output = Command::new("xmllint")
            .arg("--noout")
            .arg("--relaxng")
            .arg(rng)
            .args(chunk)
            .output()
            .expect("run xmllint");
        let stderr = String::from_utf8_lossy(&output.stderr);
        for line in stderr.lines() {
            if let Some(file) = line.strip_suffix(" validates") {
                accepted.insert(PathBuf::from(file));
            }
        }
    }
    accepted
}

fn have_xmllint() -> bool {
    Command::new("xmllint").arg("--version").output().is_ok()
}

#[test]
fn predicted_minimum_agrees_with_old_schemas() {
    let dir = common::data_dir("LIBVIRT_CORPUS_DIR", "../shared/corpus/libvirt-11.3");
    let reference = common::data_dir("LIBVIRT_REFERENCE_DIR", "../shared/reference");
    let targets = [
        (
            LibvirtVersion::V9_0,
            reference.join("libvirt-9.0/schemas/domain.rng"),
        ),
        (
            LibvirtVersion::V7_0,
            reference.join("libvirt-7.0/schemas/domain.rng"),
        ),
    ];
    if !dir.is_dir() || targets.iter().any(|(_, rng)| !rng.is_file()) {
        common::skip_absent(&dir);
        return;
    }
    if !have_xmllint() {
        assert!(
            !common::corpus_required(),
            "xmllint is missing and REQUIRE_CORPUS=1"
        );
        println!("skipped: xmllint is missing");
        return;
    }
    let files = valid_files(&dir);
    assert!(
        !files.is_empty(),
        "no schema-valid file in {}",
        dir.display()
    );
    let mut predicted: HashMap<&PathBuf, (LibvirtVersion, Domain)> = HashMap::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read a corpus file");
        let domain = Domain::from_xml(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        predicted.insert(file, (domain.min_libvirt_version(), domain));
    }
    let mut failures = Vec::new();
    for (target, rng) in &targets {
        let accepted = accepted_by(rng, &files);
        let (mut agree, mut harmful, mut lesser) = (0usize, Vec::new(), Vec::new());
        for file in &files {
            let (min, _) = &predicted[file];
            let works = *min <= *target;
            let schema = accepted.contains(file);
            match (works, schema) {
                (true, true) | (false, false) => agree += 1,
                (true, false) => harmful.push(file),
                (false, true) => lesser.push(file),
            }
        }
        let n = files.len() as f64;
        let agreement = agree as f64 / n;
        let harmful_rate = harmful.len() as f64 / n;
        println!(
            "libvirt {target}: {agree}/{} agree ({:.2}%); schema accepts {}; \
             harmful (predicted to work, schema refuses) {} ({:.2}%); \
             predicted too new {}",
            files.len(),
            agreement * 100.0,
            accepted.len(),
            harmful.len(),
            harmful_rate * 100.0,
            lesser.len()
        );
        for file in harmful.iter().take(SHOWN) {
            println!(
                "  harmful {target}: {} predicted {}",
                name(file),
                predicted[file].0
            );
        }
        for file in lesser.iter().take(SHOWN) {
            let (min, domain) = &predicted[file];
            let newest: Vec<String> = domain
                .requirements()
                .into_iter()
                .filter(|r| r.version > *target)
                .map(|r| r.to_string())
                .collect();
            println!(
                "  too new {target}: {} predicted {min}: {}",
                name(file),
                newest.join("; ")
            );
        }
        let hidden = (harmful.len() + lesser.len()).saturating_sub(2 * SHOWN);
        if hidden > 0 {
            println!("  … and {hidden} more disagreements");
        }
        if agreement < MIN_AGREEMENT {
            failures.push(format!(
                "libvirt {target}: agreement {:.2}% < {:.0}%",
                agreement * 100.0,
                MIN_AGREEMENT * 100.0
            ));
        }
        if harmful_rate >= MAX_HARMFUL {
            failures.push(format!(
                "libvirt {target}: harmful {:.2}% ≥ {:.0}%",
                harmful_rate * 100.0,
                MAX_HARMFUL * 100.0
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn name(file: &Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

//! Round trip of libvirt's `<domainCapabilities>` and `<capabilities>` test documents.
//!
//! Reads every `*.xml` in `domcaps/` and `caps/` of `LIBVIRT_OTHER_CORPUS_DIR` (default:
//! `LIBVIRT_CORPUS_DIR` with `-other` appended, i.e. `../shared/corpus/libvirt-11.3-other`).
//! Every document must parse, write back equivalent (as the domain corpus test compares,
//! see `common::differences`), and parse strictly (nothing unmodelled).

mod common;

use std::path::PathBuf;

use libvirt_domain::{Capabilities, DomainCapabilities};

/// The folder holding `domcaps/` and `caps/`.
fn other_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("LIBVIRT_OTHER_CORPUS_DIR") {
        return common::data_dir("LIBVIRT_OTHER_CORPUS_DIR", &dir.to_string_lossy());
    }
    let corpus = common::data_dir("LIBVIRT_CORPUS_DIR", "../shared/corpus/libvirt-11.3");
    let mut other = corpus.into_os_string();
    other.push("-other");
    PathBuf::from(other)
}

/// Parses, writes and compares every document of `sub`, returning the failures and
/// the number of documents read.
fn check_folder(
    sub: &str,
    round_trip: impl Fn(&str) -> Result<String, String>,
    strict: impl Fn(&str) -> Result<(), String>,
) -> Option<(usize, Vec<String>)> {
    let dir = other_dir().join(sub);
    if !dir.is_dir() {
        common::skip_absent(&dir);
        return None;
    }
    let files = common::xml_files(&dir).expect("read the folder");
    assert!(!files.is_empty(), "{} holds no *.xml file", dir.display());
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).expect("read a document");
        match round_trip(&text) {
            Ok(output) => {
                for diff in common::differences(&text, &output) {
                    failures.push(format!("{name}: {diff}"));
                }
            }
            Err(e) => failures.push(format!("{name}: {e}")),
        }
        if let Err(e) = strict(&text) {
            failures.push(format!("{name}: strict: {e}"));
        }
    }
    println!(
        "{sub}: {} documents, {} lossless and strict",
        files.len(),
        files.len() - failures.len().min(files.len())
    );
    Some((files.len(), failures))
}

#[test]
fn domain_capabilities_corpus_is_lossless_and_strict() {
    let Some((count, failures)) = check_folder(
        "domcaps",
        |text| {
            let caps = DomainCapabilities::from_xml(text).map_err(|e| e.to_string())?;
            caps.to_xml().map_err(|e| e.to_string())
        },
        |text| {
            DomainCapabilities::from_xml_strict(text)
                .map(drop)
                .map_err(|e| e.to_string())
        },
    ) else {
        return;
    };
    assert!(count > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn capabilities_corpus_is_lossless_and_strict() {
    let Some((count, failures)) = check_folder(
        "caps",
        |text| {
            let caps = Capabilities::from_xml(text).map_err(|e| e.to_string())?;
            caps.to_xml().map_err(|e| e.to_string())
        },
        |text| {
            Capabilities::from_xml_strict(text)
                .map(drop)
                .map_err(|e| e.to_string())
        },
    ) else {
        return;
    };
    assert!(count > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

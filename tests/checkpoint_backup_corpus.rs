//! Round trip of libvirt's `<domaincheckpoint>` and `<domainbackup>` test documents.
//!
//! Reads every `*.xml` in `checkpoint/` and `backup/` of `LIBVIRT_OTHER_CORPUS_DIR`
//! (default: `LIBVIRT_CORPUS_DIR` with `-other` appended, i.e.
//! `../shared/corpus/libvirt-11.3-other`). Every document must parse, write back
//! equivalent (as the domain corpus test compares, see `common::differences`), write
//! the same text again when read back (emitting is idempotent), and parse strictly
//! (nothing unmodelled).

mod common;

use std::path::PathBuf;

use libvirt_domain::{DomainBackup, DomainCheckpoint};

/// The folder holding `checkpoint/` and `backup/`.
fn other_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("LIBVIRT_OTHER_CORPUS_DIR") {
        return common::data_dir("LIBVIRT_OTHER_CORPUS_DIR", &dir.to_string_lossy());
    }
    let corpus = common::data_dir("LIBVIRT_CORPUS_DIR", "../shared/corpus/libvirt-11.3");
    let mut other = corpus.into_os_string();
    other.push("-other");
    PathBuf::from(other)
}

/// How one kind of document is read and written.
struct Kind {
    round_trip: fn(&str) -> Result<(String, String), String>,
    strict: fn(&str) -> Result<(), String>,
}

/// Parses, writes and compares every document of `sub`, returning the number of
/// documents read and the failures; `None` when the folder is absent (allowed unless
/// `REQUIRE_CORPUS=1`).
fn check_folder(sub: &str, kind: Kind) -> Option<(usize, Vec<String>)> {
    let dir = other_dir().join(sub);
    if !dir.is_dir() {
        common::skip_absent(&dir);
        return None;
    }
    let files = common::xml_files(&dir).expect("read the folder");
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).expect("read a document");
        match (kind.round_trip)(&text) {
            Ok((output, again)) => {
                for diff in common::differences(&text, &output) {
                    failures.push(format!("{name}: {diff}"));
                }
                if again != output {
                    failures.push(format!("{name}: writing what was read changes the text"));
                }
            }
            Err(e) => failures.push(format!("{name}: {e}")),
        }
        if let Err(e) = (kind.strict)(&text) {
            failures.push(format!("{name}: strict: {e}"));
        }
    }
    println!(
        "{sub}: {} documents, {} failures",
        files.len(),
        failures.len()
    );
    Some((files.len(), failures))
}

fn assert_folder(sub: &str, kind: Kind) {
    let Some((count, failures)) = check_folder(sub, kind) else {
        return;
    };
    assert!(count > 0, "{sub} holds no *.xml file");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn checkpoint_corpus_is_lossless_and_strict() {
    assert_folder(
        "checkpoint",
        Kind {
            round_trip: |text| {
                let value = DomainCheckpoint::from_xml(text).map_err(|e| e.to_string())?;
                let output = value.to_xml().map_err(|e| e.to_string())?;
                let again = DomainCheckpoint::from_xml(&output)
                    .and_then(|v| v.to_xml())
                    .map_err(|e| format!("written XML: {e}"))?;
                Ok((output, again))
            },
            strict: |text| {
                DomainCheckpoint::from_xml_strict(text)
                    .map(drop)
                    .map_err(|e| e.to_string())
            },
        },
    );
}

#[test]
fn backup_corpus_is_lossless_and_strict() {
    assert_folder(
        "backup",
        Kind {
            round_trip: |text| {
                let value = DomainBackup::from_xml(text).map_err(|e| e.to_string())?;
                let output = value.to_xml().map_err(|e| e.to_string())?;
                let again = DomainBackup::from_xml(&output)
                    .and_then(|v| v.to_xml())
                    .map_err(|e| format!("written XML: {e}"))?;
                Ok((output, again))
            },
            strict: |text| {
                DomainBackup::from_xml_strict(text)
                    .map(drop)
                    .map_err(|e| e.to_string())
            },
        },
    );
}

/// libvirt's rule for its test documents: exactly the `*-invalid.xml` ones break its
/// schema or parser. `validate()` must accept the others' inputs and refuse those.
#[test]
fn validate_agrees_with_libvirt_on_the_corpus_inputs() {
    let dir = other_dir();
    let mut failures = Vec::new();
    for sub in ["checkpoint", "backup"] {
        let folder = dir.join(sub);
        if !folder.is_dir() {
            common::skip_absent(&folder);
            continue;
        }
        for path in common::xml_files(&folder).expect("read the folder") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).expect("read a document");
            let result = if sub == "checkpoint" {
                DomainCheckpoint::from_xml(&text).and_then(|c| c.validate())
            } else {
                DomainBackup::from_xml(&text).and_then(|b| b.validate())
            };
            let invalid = name.ends_with("-invalid.xml");
            match (result, invalid) {
                (Ok(()), true) => failures.push(format!("{name}: accepted")),
                (Err(e), false) => failures.push(format!("{name}: refused: {e}")),
                _ => {}
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

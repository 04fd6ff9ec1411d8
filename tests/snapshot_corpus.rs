//! Round trip of libvirt's `<domainsnapshot>` test documents.
//!
//! Reads every `*.xml` in `snapshot/` of `LIBVIRT_OTHER_CORPUS_DIR` (default:
//! `LIBVIRT_CORPUS_DIR` with `-other` appended, i.e. `../shared/corpus/libvirt-11.3-other`).
//! Every document must parse, write back equivalent (as the domain corpus test compares,
//! see `common::differences`), parse strictly (nothing unmodelled), and write the same
//! text again when what it wrote is read back.

mod common;

use std::path::PathBuf;

use libvirt_domain::DomainSnapshot;

/// The folder holding `snapshot/`.
fn other_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("LIBVIRT_OTHER_CORPUS_DIR") {
        return common::data_dir("LIBVIRT_OTHER_CORPUS_DIR", &dir.to_string_lossy());
    }
    let corpus = common::data_dir("LIBVIRT_CORPUS_DIR", "../shared/corpus/libvirt-11.3");
    let mut other = corpus.into_os_string();
    other.push("-other");
    PathBuf::from(other)
}

/// Every difference between `text` and what the model writes from it.
fn check(text: &str) -> Vec<String> {
    let snapshot = match DomainSnapshot::from_xml(text) {
        Ok(snapshot) => snapshot,
        Err(e) => return vec![e.to_string()],
    };
    let output = match snapshot.to_xml() {
        Ok(output) => output,
        Err(e) => return vec![format!("to_xml: {e}")],
    };
    let mut failures = common::differences(text, &output);
    if let Err(e) = DomainSnapshot::from_xml_strict(text) {
        failures.push(format!("strict: {e}"));
    }
    match DomainSnapshot::from_xml(&output).map(|again| again.to_xml()) {
        Ok(Ok(again)) if again == output => {}
        Ok(Ok(_)) => failures.push("writing what was written changes it".into()),
        Ok(Err(e)) | Err(e) => failures.push(format!("written XML: {e}")),
    }
    failures
}

#[test]
fn snapshot_corpus_is_lossless_and_strict() {
    let dir = other_dir().join("snapshot");
    if !dir.is_dir() {
        common::skip_absent(&dir);
        return;
    }
    let files = common::xml_files(&dir).expect("read the folder");
    assert!(!files.is_empty(), "{} holds no *.xml file", dir.display());
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).expect("read a document");
        failures.extend(check(&text).into_iter().map(|f| format!("{name}: {f}")));
    }
    println!(
        "snapshot: {} documents, {} failures",
        files.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

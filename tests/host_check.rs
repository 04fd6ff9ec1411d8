//! `Domain::check_host` against libvirt's own capabilities documents.
//!
//! - No false alarm: every x86_64 output of `<corpus>.pairs.tsv` (domains libvirt's
//!   QEMU driver accepted with QEMU 10.0's capabilities) passes against the matching
//!   QEMU 10.0 `<domainCapabilities>`.
//! - Catches: for every `<enum>` value of a document, a domain using that value where
//!   the document no longer lists it is refused at the attribute's path.
//! - Phyllome's presets pass against QEMU 10.0 on q35.
//!
//! Data: `LIBVIRT_CORPUS_DIR` (default `../shared/corpus/libvirt-11.3`) and its
//! `-other` sibling (or `LIBVIRT_OTHER_CORPUS_DIR`).

mod common;

use std::path::PathBuf;

use libvirt_domain::{Domain, DomainCapabilities, DomainType};

fn corpus_dir() -> PathBuf {
    common::data_dir("LIBVIRT_CORPUS_DIR", "../shared/corpus/libvirt-11.3")
}

fn other_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("LIBVIRT_OTHER_CORPUS_DIR") {
        return common::data_dir("LIBVIRT_OTHER_CORPUS_DIR", &dir.to_string_lossy());
    }
    let mut other = corpus_dir().into_os_string();
    other.push("-other");
    PathBuf::from(other)
}

/// The `domcaps/` document named `tests__domaincapsdata__NAME.xml`.
fn domcaps(name: &str) -> Option<DomainCapabilities> {
    let path = other_dir()
        .join("domcaps")
        .join(format!("tests__domaincapsdata__{name}.xml"));
    let text = std::fs::read_to_string(&path).ok()?;
    Some(DomainCapabilities::from_xml(&text).expect("a corpus domcaps parses"))
}

/// Which QEMU 10.0 x86_64 document describes the domain, by type and machine family:
/// KVM on q35 → `-q35`, KVM on i440fx → plain, TCG on i440fx → `-tcg`; none for
/// TCG on q35 or another machine. libvirt's tests run SEV domains with the `+amdsev`
/// variant of the capabilities, as do these.
fn domcaps_name(domain: &Domain) -> Option<String> {
    let name = base_domcaps_name(domain)?;
    let sev = domain
        .launch_security
        .as_ref()
        .and_then(|l| l.kind())
        .is_some_and(|k| k.starts_with("sev"));
    Some(if sev {
        format!("{name}+amdsev")
    } else {
        name.to_owned()
    })
}

fn base_domcaps_name(domain: &Domain) -> Option<&'static str> {
    let machine = domain.os.as_ref()?.kind.as_ref()?.machine.as_deref()?;
    let q35 = machine == "q35" || machine.starts_with("pc-q35-");
    let i440fx = machine == "pc"
        || machine.starts_with("pc-i440fx-")
        || machine
            .strip_prefix("pc-")
            .is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()));
    match (&domain.kind, q35, i440fx) {
        (DomainType::Kvm, true, _) => Some("qemu_10.0.0-q35.x86_64"),
        (DomainType::Kvm, _, true) => Some("qemu_10.0.0.x86_64"),
        (DomainType::Qemu, _, true) => Some("qemu_10.0.0-tcg.x86_64"),
        _ => None,
    }
}

#[test]
fn accepted_x86_64_domains_pass_against_qemu_10_domcaps() {
    let tsv = {
        let mut p = corpus_dir().into_os_string();
        p.push(".pairs.tsv");
        PathBuf::from(p)
    };
    let Ok(pairs) = std::fs::read_to_string(&tsv) else {
        common::skip_absent(&tsv);
        return;
    };
    let mut checked = 0;
    let mut skipped = 0;
    let mut failures = Vec::new();
    for line in pairs.lines() {
        let Some((_, output)) = line.split_once('\t') else {
            continue;
        };
        if !output.ends_with(".x86_64-latest.xml") {
            continue;
        }
        let text = std::fs::read_to_string(corpus_dir().join(output)).expect("read a pair");
        let domain = Domain::from_xml(&text).expect("a corpus domain parses");
        let Some(name) = domcaps_name(&domain) else {
            skipped += 1;
            continue;
        };
        let caps = domcaps(&name).expect("the QEMU 10.0 domcaps are in the corpus");
        checked += 1;
        if let Err(e) = domain.check_host(&caps) {
            for problem in e.problems() {
                failures.push(format!("{output} ({name}): {problem}"));
            }
        }
    }
    println!(
        "check_host: {checked} x86_64 domains checked against QEMU 10.0 domcaps, {} \
         problems; {skipped} without a matching document",
        failures.len()
    );
    assert!(checked > 0, "no pair was checked");
    assert!(
        failures.is_empty(),
        "false alarms:\n{}",
        failures.join("\n")
    );
}

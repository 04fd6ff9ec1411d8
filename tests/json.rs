//! Plain JSON (`json` feature): every schema-valid corpus document survives
//! `from_json(to_json(d)) == d`, and the JSON has plain keys, no `null`s and no empty
//! `extra`.
//!
//! Uses the corpus of `tests/corpus.rs` (`LIBVIRT_CORPUS_DIR`, `REQUIRE_CORPUS`): the
//! documents `<folder>.schema.tsv` lists as `valid`.
#![cfg(feature = "json")]

mod common;
mod strategies;

use std::path::Path;

use libvirt_domain::devices::{Device, DeviceXml, Disk};
use libvirt_domain::json::Value;
use libvirt_domain::{Domain, Error};
use proptest::prelude::*;

/// Every way the JSON could fall short of "plain", with its JSON Pointer.
fn plainness_problems(value: &Value, path: &str, out: &mut Vec<String>) {
    match value {
        Value::Null => out.push(format!("{path}: null")),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                plainness_problems(item, &format!("{path}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let here = format!("{path}/{key}");
                if key.starts_with('$') || key.starts_with('@') || key.starts_with('^') {
                    out.push(format!("{here}: not a plain key"));
                }
                if key == "extra" && item.as_object().is_some_and(|m| m.is_empty()) {
                    out.push(format!("{here}: empty extra"));
                }
                plainness_problems(item, &here, out);
            }
        }
        _ => {}
    }
}

/// The JSON round trip of one domain: an error message, or nothing.
fn json_round_trip(domain: &Domain) -> Result<(), String> {
    let text = domain.to_json().map_err(|e| format!("to_json: {e}"))?;
    let value: Value = serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))?;
    let mut problems = Vec::new();
    plainness_problems(&value, "", &mut problems);
    if !problems.is_empty() {
        return Err(format!("not plain: {}", problems.join("; ")));
    }
    let back = Domain::from_json(&text).map_err(|e| format!("from_json: {e}\n{text}"))?;
    if &back != domain {
        return Err(format!("from_json(to_json(d)) != d\n{text}"));
    }
    let again = back.to_json().map_err(|e| format!("second to_json: {e}"))?;
    if again != text {
        return Err("writing is not stable".to_owned());
    }
    Ok(())
}

/// File name → schema-valid, from `<folder>.schema.tsv`; `None` when it is absent.
fn schema_verdicts(dir: &Path) -> Option<std::collections::HashMap<String, bool>> {
    let mut tsv = dir.as_os_str().to_owned();
    tsv.push(".schema.tsv");
    let text = std::fs::read_to_string(&tsv).ok()?;
    Some(
        text.lines()
            .filter_map(|line| line.split_once('\t'))
            .map(|(file, verdict)| (file.to_owned(), verdict.trim() == "valid"))
            .collect(),
    )
}

#[test]
fn corpus_round_trips_through_json() {
    let dir = common::data_dir("LIBVIRT_CORPUS_DIR", "../shared/corpus/libvirt-11.3");
    if !dir.is_dir() {
        common::skip_absent(&dir);
        return;
    }
    let verdicts = schema_verdicts(&dir);
    assert!(
        verdicts.is_some() || !common::corpus_required(),
        "{}.schema.tsv is absent and REQUIRE_CORPUS=1 demands it",
        dir.display()
    );
    let files = common::xml_files(&dir).expect("read the corpus folder");
    let (mut tried, mut failures) = (0, Vec::new());
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let valid = match &verdicts {
            Some(v) => v.get(&name).copied().unwrap_or(false),
            None => !name.ends_with("-invalid.xml"),
        };
        if !valid {
            continue;
        }
        let text = std::fs::read_to_string(path).expect("read a corpus file");
        let domain = match Domain::from_xml(&text) {
            Ok(domain) => domain,
            // tests/corpus.rs reports documents that do not parse.
            Err(_) => continue,
        };
        tried += 1;
        if let Err(message) = json_round_trip(&domain) {
            failures.push(format!("{name}: {message}"));
        }
    }
    println!(
        "json: {tried} schema-valid documents, {} failed",
        failures.len()
    );
    assert!(
        tried > 0 || !common::corpus_required(),
        "no schema-valid document"
    );
    let shown: Vec<&str> = failures
        .iter()
        .take(5)
        .map(|f| &f[..f.len().min(3000)])
        .collect();
    assert!(failures.is_empty(), "{}", shown.join("\n\n"));
}

/// A disk fragment with an unknown attribute and an unknown child element.
const DISK: &str = "<disk type='block' device='disk' x-future='1'>
  <driver name='qemu' type='raw'/>
  <source dev='/dev/sdb'/>
  <target dev='vdb' bus='virtio'/>
  <x-unknown a='b'>text</x-unknown>
</disk>";

#[test]
fn a_device_fragment_round_trips_with_its_unknown_content() {
    let disk = Disk::from_xml(DISK).unwrap();
    let text = disk.to_json().unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["type"], "block");
    assert_eq!(value["source"]["block"]["dev"], "/dev/sdb");
    assert_eq!(value["target"]["bus"], "virtio");
    assert_eq!(value["extra"]["attributes"][0]["name"], "x-future");
    assert_eq!(value["extra"]["children"][0]["name"], "x-unknown");
    assert_eq!(value["extra"]["children"][0]["children"][0], "text");
    let back = Disk::from_json(&text).unwrap();
    assert_eq!(back, disk);
    assert_eq!(back.to_xml().unwrap(), disk.to_xml().unwrap());

    let device = Device::from(disk);
    let text = device.to_json().unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["disk"]["target"]["dev"], "vdb");
    assert_eq!(Device::from_json(&text).unwrap(), device);
}

#[test]
fn an_unknown_device_comes_back_as_the_same_raw_element() {
    let xml = "<domain type='kvm'><name>a</name><devices>\
        <x-gadget xmlns:g='urn:g' g:k='v'><g:part/></x-gadget></devices></domain>";
    let domain = Domain::from_xml(xml).unwrap();
    let text = domain.to_json().unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    let raw = &value["devices"][0]["raw"];
    assert_eq!(raw["name"], "x-gadget");
    assert_eq!(raw["attributes"][0]["namespace"], "urn:g");
    assert_eq!(raw["children"][0]["prefix"], "g");
    assert_eq!(Domain::from_json(&text).unwrap(), domain);
}

#[test]
fn an_attribute_keeps_its_name_and_a_same_named_child_takes_a_suffix() {
    let xml = "<controller type='pci' index='1' model='pcie-root-port'>\
        <model name='pcie-root-port'/></controller>";
    let controller = libvirt_domain::devices::Controller::from_xml(xml).unwrap();
    let value: Value = serde_json::from_str(&controller.to_json().unwrap()).unwrap();
    assert_eq!(value["model"], "pcie-root-port");
    assert_eq!(value["model_element"]["name"], "pcie-root-port");
}

#[test]
fn bad_json_is_an_error_with_a_place() {
    let err = Domain::from_json("{\"name\": \"a\",\n \"memory\": }").unwrap_err();
    assert!(matches!(err, Error::Json { .. }), "{err:?}");
    assert_eq!(err.position().map(|p| p.line), Some(2), "{err}");

    let err = Domain::from_json(r#"{"name": "a", "memory": {"value": "lots"}}"#).unwrap_err();
    assert!(err.to_string().contains("/memory/value"), "{err}");

    let err = Domain::from_json(r#"{"name": "a", "@type": "kvm"}"#).unwrap_err();
    assert!(err.to_string().contains("/@type: unknown key"), "{err}");

    let err = Domain::from_json(r#"{"devices": [{"disk": {"target": {"dev": 3}}}]}"#).unwrap_err();
    assert!(
        err.to_string().contains("/devices/0/disk/target/dev"),
        "{err}"
    );
}

/// Cases per property: `PROPTEST_CASES` when set, else 128.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(128)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        max_shrink_iters: 4096,
        ..ProptestConfig::default()
    })]

    /// Any domain the generators build, with any `char` in its strings (JSON carries
    /// every one): plain JSON that reads back unchanged.
    #[test]
    fn domain_round_trips_through_json(
        domain in strategies::with_forbidden_chars(strategies::domain)
    ) {
        json_round_trip(&domain).map_err(TestCaseError::fail)?;
    }

    /// Any device, as `Device::to_json` writes it.
    #[test]
    fn device_round_trips_through_json(device in strategies::devices::device()) {
        let text = device
            .to_json()
            .map_err(|e| TestCaseError::fail(format!("to_json: {e}")))?;
        let back = Device::from_json(&text)
            .map_err(|e| TestCaseError::fail(format!("from_json: {e}\n{text}")))?;
        prop_assert_eq!(back, device, "JSON:\n{}", text);
    }
}

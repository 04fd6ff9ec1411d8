//! The invariants every input must keep, whatever it holds: the mutation test
//! (`tests/mutation.rs`) and the cargo-fuzz targets (`fuzz/fuzz_targets/`, which
//! include this file by path) check the same ones.
//!
//! For any text: reading it (lenient or strict), validating and listing what is
//! unmodelled never panic; strict reading accepts only what lenient reading accepts,
//! with the same value. When `from_xml(text)` is `Ok(value)`: `value.to_xml()` is
//! `Ok(written)`, `from_xml(&written)` is `Ok(again)` with `again == value`, and
//! `again.to_xml()` is exactly `written`. Each device of a domain, written alone,
//! reads back equal to the device inside the domain and writes identically again.

// The fuzz targets use one checker each.
#![allow(dead_code)]

use libvirt_domain::devices::Device;
use libvirt_domain::Domain;

/// What a checked input came to, for the caller's counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The reader refused the input (an error, as it should for bad XML).
    Refused,
    /// The input parsed and kept every invariant; `devices` were checked alone.
    Parsed {
        /// How many devices were written alone and read back.
        devices: usize,
    },
}

/// Checks a whole document; `Err` says which invariant broke.
pub fn check_document(text: &str) -> Result<Outcome, String> {
    let strict = Domain::from_xml_strict(text);
    let domain = match Domain::from_xml(text) {
        Ok(domain) => domain,
        Err(_) if strict.is_ok() => {
            return Err("from_xml_strict accepted a document from_xml refuses".into())
        }
        Err(_) => return Ok(Outcome::Refused),
    };
    if let Ok(strict) = &strict {
        if *strict != domain {
            return Err(format!(
                "from_xml_strict and from_xml read different values\n{}",
                first_difference(&format!("{strict:#?}"), &format!("{domain:#?}"))
            ));
        }
    }
    // Neither may panic; their answers are the validation tests' business.
    let _ = domain.validate();
    let _ = domain.unmodelled();

    let written = domain
        .to_xml()
        .map_err(|e| format!("to_xml refused a parsed domain: {e}"))?;
    let again = Domain::from_xml(&written).map_err(|e| {
        format!(
            "the written domain does not read back: {e}\n{}",
            shown(&written)
        )
    })?;
    if again != domain {
        return Err(format!(
            "the written domain reads back different\n{}\n{}",
            shown(&written),
            first_difference(&format!("{domain:#?}"), &format!("{again:#?}"))
        ));
    }
    let rewritten = again
        .to_xml()
        .map_err(|e| format!("to_xml refused a re-read domain: {e}"))?;
    if rewritten != written {
        return Err(format!(
            "writing is not idempotent\n{}",
            first_difference(&written, &rewritten)
        ));
    }

    let devices = domain.devices.as_ref().map_or(&[][..], |d| &d.devices[..]);
    for (i, device) in devices.iter().enumerate() {
        check_device_alone(device)
            .map_err(|e| format!("/domain/devices/*[{}] written alone: {e}", i + 1))?;
    }
    Ok(Outcome::Parsed {
        devices: devices.len(),
    })
}

/// Checks a device fragment (`<disk>…</disk>`, or any element); `Err` says which
/// invariant broke.
pub fn check_fragment(text: &str) -> Result<Outcome, String> {
    let strict = Device::from_xml_strict(text);
    let device = match Device::from_xml(text) {
        Ok(device) => device,
        Err(_) if strict.is_ok() => {
            return Err("Device::from_xml_strict accepted a fragment from_xml refuses".into())
        }
        Err(_) => return Ok(Outcome::Refused),
    };
    if let Ok(strict) = &strict {
        if *strict != device {
            return Err(format!(
                "Device::from_xml_strict and from_xml read different values\n{}",
                first_difference(&format!("{strict:#?}"), &format!("{device:#?}"))
            ));
        }
    }
    let _ = device.unmodelled();
    let _ = device.element_name();
    check_device_alone(&device)?;
    Ok(Outcome::Parsed { devices: 1 })
}

/// A device written alone reads back equal and writes identically again.
pub fn check_device_alone(device: &Device) -> Result<(), String> {
    let written = device
        .to_xml()
        .map_err(|e| format!("Device::to_xml refused a parsed device: {e}"))?;
    let again = Device::from_xml(&written).map_err(|e| {
        format!(
            "the written device does not read back: {e}\n{}",
            shown(&written)
        )
    })?;
    if again != *device {
        return Err(format!(
            "the written device reads back different\n{}\n{}",
            shown(&written),
            first_difference(&format!("{device:#?}"), &format!("{again:#?}"))
        ));
    }
    let rewritten = again
        .to_xml()
        .map_err(|e| format!("Device::to_xml refused a re-read device: {e}"))?;
    if rewritten != written {
        return Err(format!(
            "writing a device is not idempotent\n{}",
            first_difference(&written, &rewritten)
        ));
    }
    Ok(())
}

/// Longest text quoted whole in a message; longer texts are cut.
const SHOWN_CHARS: usize = 2_000;

/// `text` for a message, cut to [`SHOWN_CHARS`].
fn shown(text: &str) -> String {
    let mut cut: String = text.chars().take(SHOWN_CHARS).collect();
    if cut.len() < text.len() {
        cut.push_str("\n[… cut]");
    }
    format!("--- written:\n{cut}\n---")
}

/// The first line where `a` and `b` differ, with two lines of context before it.
fn first_difference(a: &str, b: &str) -> String {
    let a_lines: Vec<&str> = a.lines().collect();
    let b_lines: Vec<&str> = b.lines().collect();
    let at = a_lines
        .iter()
        .zip(&b_lines)
        .position(|(x, y)| x != y)
        .unwrap_or(a_lines.len().min(b_lines.len()));
    let from = at.saturating_sub(2);
    let mut out = format!("first difference at line {}:\n", at + 1);
    for line in &a_lines[from..at] {
        out.push_str(&format!("    {line}\n"));
    }
    out.push_str(&format!("  - {}\n", a_lines.get(at).unwrap_or(&"(end)")));
    out.push_str(&format!("  + {}", b_lines.get(at).unwrap_or(&"(end)")));
    out
}

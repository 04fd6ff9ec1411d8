//! The document's identity: domain type, architecture, machine type and emulator,
//! and the vCPU and IOThread limits.
//!
//! libvirt's QEMU driver refuses a domain whose emulator does not support its virt
//! type ("Emulator '…' does not support virt type 'hvf'") or architecture, whose
//! machine type the emulator does not offer, and more vCPUs than the machine type
//! allows ("Maximum CPUs greater than specified machine type limit"). A
//! `<domainCapabilities>` describes one emulator, type, architecture and machine; a
//! domain with a different one is reported so that it is checked against the right
//! document. The document names one versioned machine (`pc-q35-10.0`); the emulator
//! also runs the older versions of that family (`pc-q35-4.0`) and its alias (`q35`),
//! about which the document says nothing, so any machine of the same family passes.
//! Likewise an `i686` guest runs on the `x86_64` emulator (and `armv7l` on
//! `aarch64`), so the `x86_64` document is taken to describe it.

use super::HostCheck;
use crate::devices::Device;
use crate::domain::Domain;

pub(super) fn check(check: &mut HostCheck<'_>, domain: &Domain) {
    let caps = check.caps;
    if let Some(kind) = &caps.domain {
        if *kind != domain.kind {
            check.push(
                "/domain/@type",
                format!(
                    "the host capabilities describe type '{kind}' domains, not '{}'",
                    domain.kind
                ),
            );
        }
    }
    let os_type = domain.os.as_ref().and_then(|os| os.kind.as_ref());
    if let (Some(arch), Some(host)) = (os_type.and_then(|t| t.arch.as_ref()), &caps.arch) {
        if arch != host && !runs_on(arch.as_str(), host.as_str()) {
            check.push(
                "/domain/os/type/@arch",
                format!("the host capabilities describe architecture '{host}', not '{arch}'"),
            );
        }
    }
    if let (Some(machine), Some(host)) = (os_type.and_then(|t| t.machine.as_ref()), &caps.machine) {
        if machine_family(machine) != machine_family(host) {
            check.push(
                "/domain/os/type/@machine",
                format!(
                    "the host capabilities describe machine '{host}' (family '{}'), not \
                     '{machine}' (family '{}'); check against that machine's capabilities",
                    machine_family(host),
                    machine_family(machine)
                ),
            );
        }
    }
    if let (Some(path), Some(devices)) = (&caps.path, &domain.devices) {
        for device in &devices.devices {
            if let Device::Emulator(emulator) = device {
                if emulator != path {
                    check.push(
                        "/domain/devices/emulator",
                        format!(
                            "the host capabilities describe emulator '{path}', not '{emulator}'"
                        ),
                    );
                }
            }
        }
    }
    if let (Some(vcpu), Some(max)) = (&domain.vcpu, caps.vcpu.as_ref().and_then(|v| v.max)) {
        if vcpu.count > max {
            check.push(
                "/domain/vcpu",
                format!(
                    "{} vCPUs is more than the machine type allows on this host ({max})",
                    vcpu.count
                ),
            );
        }
    }
    let iothreads = domain.iothreads.is_some_and(|n| n > 0) || domain.iothreadids.is_some();
    if iothreads && caps.iothreads.as_ref().and_then(|s| s.is_supported()) == Some(false) {
        let path = if domain.iothreads.is_some() {
            "/domain/iothreads"
        } else {
            "/domain/iothreadids"
        };
        check.push(path, "the host does not support IOThreads");
    }
}

/// Guest architectures libvirt runs with another architecture's emulator when their
/// own is missing (`virQEMUCapsFindBinaryForArch`): 32-bit x86 and Arm guests.
const EMULATOR_FALLBACKS: &[(&str, &str)] = &[("i686", "x86_64"), ("armv7l", "aarch64")];

/// Whether a `guest` architecture domain runs on the emulator of `host` architecture.
pub(super) fn runs_on(guest: &str, host: &str) -> bool {
    EMULATOR_FALLBACKS.contains(&(guest, host))
}

/// A machine type's family: the name without its version (`pc-q35-10.0` → `q35`,
/// `pc-i440fx-9.2` and `pc-1.2` → `pc`, `virt-8.2` → `virt`), QEMU's own naming of
/// versioned machines and their aliases.
pub(crate) fn machine_family(name: &str) -> &str {
    let mut base = name;
    while let Some((head, tail)) = base.rsplit_once('-') {
        let version = !tail.is_empty()
            && tail
                .split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if !version {
            break;
        }
        base = head;
    }
    match base {
        "pc-q35" => "q35",
        "pc-i440fx" => "pc",
        other => other,
    }
}

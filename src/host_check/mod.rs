//! [`Domain::check_host`]: whether a domain fits what a host's
//! `<domainCapabilities>` says, before `virsh define` or `virsh start` on that host.
//!
//! One check family per file, each saying which libvirt behaviour it reproduces:
//! `general.rs` (domain type, architecture, machine, emulator, vCPUs, IOThreads),
//! `os.rs` (firmware, loader, Secure Boot), `cpu.rs` (CPU mode and model),
//! `memory.rs` (memory backing), `devices.rs` (every device kind the document
//! enumerates) and `features.rs` (features and launch security); `host_caps.rs` holds
//! [`Domain::check_host_caps`], against the host's `<capabilities>`.
//!
//! The rule throughout: where the capabilities document says nothing (an element or
//! an `<enum>` is absent), nothing is reported.

mod cpu;
mod devices;
mod features;
mod general;
mod host_caps;
mod memory;
mod os;

use crate::caps::{CapsEnum, DomainCapabilities, EnumCaps};
use crate::domain::Domain;
use crate::error::{Error, Problem};

impl Domain {
    /// Check the domain against a host's `<domainCapabilities>` (from `virsh
    /// domcapabilities` for the domain's emulator, architecture, machine and type) and
    /// return every problem found, each with its path, as [`Error::Validation`].
    ///
    /// What is checked, and against which part of the document:
    ///
    /// | domain | capabilities |
    /// | --- | --- |
    /// | `type`, `<os><type arch machine>`, `<emulator>` | `<domain>`, `<arch>`, `<machine>` (same machine family: `q35` and `pc-q35-9.2` fit `pc-q35-10.0`), `<path>` |
    /// | `<vcpu>`, `<iothreads>` | `<vcpu max>`, `<iothreads supported>` |
    /// | `<os firmware>`, `<loader type readonly secure>`, Secure Boot firmware feature | `<os>` enum `firmware`, `<loader>` enums `type`, `readonly`, `secure` |
    /// | `<cpu mode>`, `migratable`, `<model>` | `<cpu><mode supported>`, `*Migratable` enums, `custom` models (known; usable when `check='full'`) |
    /// | `<memoryBacking><source type>` | `<memoryBacking>` enum `sourceType` |
    /// | disk, graphics, video, hostdev, rng, filesystem, TPM, redirdev, channel, crypto, interface backend, panic | `<devices>`: `supported` and each enum |
    /// | gic, vmcoreinfo, genid, `<backingStore>`, async-teardown, ps2, Hyper-V, `<launchSecurity>`, SGX EPC memory | `<features>` |
    ///
    /// Where the document is silent (no element, no `<enum>`), nothing is reported.
    ///
    /// ```
    /// use libvirt_domain::{Domain, DomainCapabilities};
    /// let caps = DomainCapabilities::from_xml(
    ///     "<domainCapabilities><domain>kvm</domain><arch>x86_64</arch>\
    ///      <devices><tpm supported='yes'><enum name='model'><value>tpm-crb</value></enum>\
    ///      </tpm></devices></domainCapabilities>",
    /// )?;
    /// let domain = Domain::from_xml(
    ///     "<domain type='kvm'><name>g</name><devices><tpm model='tpm-tis'/></devices></domain>",
    /// )?;
    /// let err = domain.check_host(&caps).unwrap_err();
    /// assert_eq!(err.problems()[0].path, "/domain/devices/tpm/@model");
    /// # Ok::<(), libvirt_domain::Error>(())
    /// ```
    pub fn check_host(&self, caps: &DomainCapabilities) -> Result<(), Error> {
        let mut check = HostCheck {
            caps,
            problems: Vec::new(),
        };
        general::check(&mut check, self);
        os::check(&mut check, self);
        cpu::check(&mut check, self);
        memory::check(&mut check, self);
        devices::check(&mut check, self);
        features::check(&mut check, self);
        if check.problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(check.problems))
        }
    }
}

/// The document being checked against and the problems found so far.
pub(crate) struct HostCheck<'a> {
    caps: &'a DomainCapabilities,
    problems: Vec<Problem>,
}

impl HostCheck<'_> {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem::new(path, message));
    }

    /// Reports `value` (at `path`) when `list` is given and does not hold it. `what`
    /// names the setting in the message.
    fn listed(&mut self, list: Option<&CapsEnum>, value: Option<&str>, path: String, what: &str) {
        let (Some(list), Some(value)) = (list, value) else {
            return;
        };
        if list.contains(value) {
            return;
        }
        let offered = if list.values.is_empty() {
            "none".to_owned()
        } else {
            list.values.join(", ")
        };
        self.push(
            path,
            format!("{what} '{value}' is not supported by this host (it offers: {offered})"),
        );
    }

    /// [`HostCheck::listed`] for the enum `name` of `caps`.
    fn enum_value(
        &mut self,
        caps: Option<&EnumCaps>,
        name: &str,
        value: Option<&str>,
        path: String,
        what: &str,
    ) {
        self.listed(caps.and_then(|c| c.get(name)), value, path, what);
    }
}

/// `name`, with a 1-based `[index]` when `count` is above one (the crate's path form).
fn indexed(name: &str, index: usize, count: usize) -> String {
    crate::xml::step(name, index, count)
}

#[cfg(test)]
mod tests;

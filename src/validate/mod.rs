//! [`Domain::validate`] and [`Domain::lint`]: the rules libvirt (its generic domain
//! validation and its QEMU driver) applies when a domain is defined, as far as they do
//! not depend on the host.
//!
//! Each rule is a small named function in the file of its family; each doc comment
//! says which libvirt behaviour it reproduces. A rule reports every problem it finds,
//! with the path libvirt complains about and what to change. Errors are what libvirt
//! refuses; warnings are legal but almost certainly mistakes.
//!
//! Rules that need the host (its CPU, NUMA nodes, firmware files, hugepages, what its
//! QEMU binary supports) belong to a capabilities check, not here.

mod addresses;
mod chardevs;
mod controllers;
mod cpu;
mod disks;
mod general;
mod graphics;
mod hostdevs;
mod interfaces;
mod memory;
mod misc;
mod os;
#[cfg(test)]
mod tests;
mod util;

use crate::devices::Device;
use crate::domain::{Domain, DomainType};
use crate::error::{Error, Problem};
use crate::os::Arch;

pub(crate) use util::device_path;

/// A rule: looks at the domain and reports what it finds.
type Rule = fn(&mut Checker<'_>);

/// Every family's rules, in the order their problems are listed.
const FAMILIES: &[&[Rule]] = &[
    general::RULES,
    memory::RULES,
    cpu::RULES,
    os::RULES,
    controllers::RULES,
    addresses::RULES,
    disks::RULES,
    interfaces::RULES,
    chardevs::RULES,
    graphics::RULES,
    hostdevs::RULES,
    misc::RULES,
];

impl Domain {
    /// Check what libvirt checks when it defines the domain, and return every error
    /// found, each with its path, as [`Error::Validation`]; warnings (see
    /// [`Domain::lint`]) do not fail it.
    ///
    /// Parsing never validates (people inspect broken XML too);
    /// [`DomainBuilder::build`](crate::builder::DomainBuilder::build) always does. The
    /// rules are libvirt's own (its generic domain validation, and the QEMU driver's
    /// for `type='kvm'` and `type='qemu'` domains), one named function per rule in
    /// `src/validate/`, grouped by family: general, memory, CPU and NUMA, OS and
    /// firmware, controllers, addresses, disks, interfaces, character devices,
    /// graphics and video, host devices, and the other devices. Rules that depend on
    /// the host (its CPU, NUMA nodes, firmware files, hugepages, what its QEMU binary
    /// supports) are not checked here.
    ///
    /// ```
    /// use libvirt_domain::Domain;
    /// let mut domain = Domain::builder("guest").vcpus(2).build()?;
    /// domain.name = Some("a/b".into());
    /// domain.vcpu.as_mut().unwrap().count = 0;
    /// let err = domain.validate().unwrap_err();
    /// assert_eq!(err.problems().len(), 2);
    /// assert_eq!(err.problems()[0].path, "/domain/name");
    /// # Ok::<(), libvirt_domain::Error>(())
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        crate::error::errors_only(self.check())
    }

    /// What libvirt accepts but is almost certainly a mistake (two interfaces with one
    /// MAC address, a disk whose target bus libvirt will have to guess), each a
    /// [`Problem`] with [`Severity::Warning`](crate::Severity::Warning).
    ///
    /// ```
    /// use libvirt_domain::Domain;
    /// let domain = Domain::from_xml(
    ///     "<domain type='kvm'><name>g</name><memory>1048576</memory><devices>\
    ///      <interface type='user'><mac address='52:54:00:00:00:01'/></interface>\
    ///      <interface type='user'><mac address='52:54:00:00:00:01'/></interface>\
    ///      </devices></domain>",
    /// )?;
    /// assert!(domain.validate().is_ok());
    /// let warnings = domain.lint();
    /// assert_eq!(warnings[0].path, "/domain/devices/interface[2]/mac/@address");
    /// # Ok::<(), libvirt_domain::Error>(())
    /// ```
    pub fn lint(&self) -> Vec<Problem> {
        self.check().into_iter().filter(|p| !p.is_error()).collect()
    }

    /// Every problem, errors and warnings, in rule order.
    fn check(&self) -> Vec<Problem> {
        let mut checker = Checker::new(self);
        for family in FAMILIES {
            for rule in *family {
                rule(&mut checker);
            }
        }
        checker.problems
    }
}

/// What the rules look at, and where they put what they find.
pub(crate) struct Checker<'a> {
    /// The domain being checked.
    pub domain: &'a Domain,
    /// Its devices (empty without `<devices>`).
    pub devices: &'a [Device],
    /// The path of each device, as [`device_path`] gives it.
    paths: Vec<String>,
    /// What the rules found.
    pub problems: Vec<Problem>,
}

impl<'a> Checker<'a> {
    fn new(domain: &'a Domain) -> Self {
        let devices = domain
            .devices
            .as_ref()
            .map(|d| d.devices.as_slice())
            .unwrap_or_default();
        let paths = (0..devices.len())
            .map(|i| device_path(devices, i))
            .collect();
        Checker {
            domain,
            devices,
            paths,
            problems: Vec::new(),
        }
    }

    /// Report something libvirt refuses.
    pub fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem::new(path, message));
    }

    /// Report something libvirt accepts but that is almost certainly a mistake.
    pub fn warning(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem::warning(path, message));
    }

    /// The path of device `index`.
    pub fn path(&self, index: usize) -> String {
        self.paths[index].clone()
    }

    /// The devices with their index.
    pub fn each(&self) -> impl Iterator<Item = (usize, &'a Device)> + 'a {
        self.devices.iter().enumerate()
    }

    /// Whether libvirt's QEMU driver defines this domain (`type='kvm'` or `'qemu'`).
    pub fn qemu(&self) -> bool {
        matches!(self.domain.kind, DomainType::Kvm | DomainType::Qemu)
    }

    /// The guest architecture, when given.
    pub fn arch(&self) -> Option<&'a Arch> {
        self.domain
            .os
            .as_ref()
            .and_then(|os| os.kind.as_ref())
            .and_then(|t| t.arch.as_ref())
    }

    /// The machine type, when given.
    pub fn machine(&self) -> Option<&'a str> {
        self.domain
            .os
            .as_ref()
            .and_then(|os| os.kind.as_ref())
            .and_then(|t| t.machine.as_deref())
    }

    /// x86 guests (`i686`, `x86_64`).
    pub fn is_x86(&self) -> bool {
        matches!(self.arch(), Some(Arch::X86_64 | Arch::I686))
    }

    /// Arm guests (`aarch64`, `armv7l`, `armv6l`).
    pub fn is_arm(&self) -> bool {
        matches!(
            self.arch(),
            Some(Arch::Aarch64 | Arch::Armv7l | Arch::Armv6l)
        )
    }

    /// s390 guests.
    pub fn is_s390(&self) -> bool {
        matches!(self.arch(), Some(Arch::S390 | Arch::S390x))
    }

    /// Q35 machines (`q35`, `pc-q35-*`) on x86.
    pub fn is_q35(&self) -> bool {
        self.is_x86()
            && self
                .machine()
                .is_some_and(|m| m == "q35" || m.starts_with("pc-q35"))
    }

    /// i440FX machines (`pc`, `pc-i440fx-*`, the old `pc-0.x`/`pc-1.x`) on x86.
    pub fn is_i440fx(&self) -> bool {
        self.is_x86()
            && self.machine().is_some_and(|m| {
                m == "pc"
                    || m.starts_with("pc-i440fx")
                    || m.starts_with("pc-0.")
                    || m.starts_with("pc-1.")
            })
    }

    /// pSeries machines: `ppc64`/`ppc64le` with `pseries*` or no machine (the default).
    pub fn is_pseries(&self) -> bool {
        matches!(self.arch(), Some(Arch::Ppc64 | Arch::Ppc64le))
            && self.machine().map_or(true, |m| m.starts_with("pseries"))
    }

    /// Arm `virt` machines.
    pub fn is_arm_virt(&self) -> bool {
        self.is_arm()
            && self
                .machine()
                .is_some_and(|m| m == "virt" || m.starts_with("virt-"))
    }
}

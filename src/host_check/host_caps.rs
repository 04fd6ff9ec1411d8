//! [`Domain::check_host_caps`]: what only the host's `<capabilities>` knows — the
//! guest kinds, architectures, domain types and machine types it runs, its NUMA
//! nodes and its security drivers.
//!
//! libvirt refuses a domain whose OS type and architecture no `<guest>` offers ("no
//! guest options available for arch 'x'"), whose virt type the architecture does not
//! list ("invalid domain type 'x'"), a machine type the emulator does not offer, more
//! vCPUs than the machine's `maxCpus`, a `<numatune>` nodeset naming a NUMA node the
//! host lacks ("NUMA node N is unavailable"), and a `<seclabel model>` no security
//! driver provides ("Unable to find security driver for model x"). As in
//! [`Domain::check_host`], an `i686` guest may run on the `x86_64` emulator. Where the
//! document lists nothing (no machines, no cells, no secmodels), nothing is judged.

use super::general::runs_on;
use super::indexed;
use crate::caps::{Capabilities, GuestArch, GuestMachine};
use crate::domain::Domain;
use crate::error::{Error, Problem};

impl Domain {
    /// Check the domain against the host's `<capabilities>` (from `virsh
    /// capabilities`) and return every problem found, each with its path, as
    /// [`Error::Validation`]: the `<guest>` for its OS type and architecture, its
    /// domain type and machine type (by name or alias) and the machine's `maxCpus`,
    /// `<numatune>` nodes against the host's NUMA cells, and `<seclabel model>`
    /// against the host's security drivers. See [`Domain::check_host`] for the
    /// per-emulator `<domainCapabilities>`.
    pub fn check_host_caps(&self, caps: &Capabilities) -> Result<(), Error> {
        let mut problems = Vec::new();
        guest(self, caps, &mut problems);
        numa(self, caps, &mut problems);
        secmodels(self, caps, &mut problems);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(problems))
        }
    }
}

fn guest(domain: &Domain, caps: &Capabilities, problems: &mut Vec<Problem>) {
    let Some(os_type) = domain.os.as_ref().and_then(|os| os.kind.as_ref()) else {
        return;
    };
    if caps.guests.is_empty() {
        return;
    }
    let kind = os_type.kind.as_str();
    let arch = os_type
        .arch
        .clone()
        .or_else(|| caps.host.as_ref()?.cpu.as_ref()?.arch.clone());
    let Some(arch) = arch else {
        return;
    };
    // A guest of the domain's own architecture, else one whose emulator runs it
    // (an `x86_64` emulator runs `i686` guests).
    let find = |fits: &dyn Fn(&str) -> bool| {
        caps.guests.iter().find_map(|g| {
            let same_kind = g.os_type.as_ref().map(|k| k.as_str()) == Some(kind);
            let guest_arch = g.arch.as_ref()?;
            let name = guest_arch.name.as_ref()?.as_str();
            (same_kind && fits(name)).then_some(guest_arch)
        })
    };
    let found =
        find(&|name| name == arch.as_str()).or_else(|| find(&|name| runs_on(arch.as_str(), name)));
    let Some(guest_arch) = found else {
        problems.push(Problem::new(
            "/domain/os/type",
            format!("the host runs no '{kind}' guests of architecture '{arch}'"),
        ));
        return;
    };
    let domain_caps = guest_arch
        .domains
        .iter()
        .find(|d| d.kind.as_ref() == Some(&domain.kind));
    let Some(domain_caps) = domain_caps else {
        problems.push(Problem::new(
            "/domain/@type",
            format!(
                "the host cannot run '{}' domains of architecture '{arch}'",
                domain.kind
            ),
        ));
        return;
    };
    let machines: &[GuestMachine] = if domain_caps.machines.is_empty() {
        &guest_arch.machines
    } else {
        &domain_caps.machines
    };
    machine(domain, guest_arch, machines, problems);
}

fn machine(
    domain: &Domain,
    arch: &GuestArch,
    machines: &[GuestMachine],
    problems: &mut Vec<Problem>,
) {
    let Some(name) = domain
        .os
        .as_ref()
        .and_then(|os| os.kind.as_ref())
        .and_then(|t| t.machine.as_deref())
    else {
        return;
    };
    if machines.is_empty() {
        return;
    }
    let Some(machine) = machines.iter().find(|m| m.name == name) else {
        let arch = arch.name.as_ref().map_or("", |a| a.as_str());
        problems.push(Problem::new(
            "/domain/os/type/@machine",
            format!("the host's emulator for '{arch}' has no machine type '{name}'"),
        ));
        return;
    };
    let max = machine.max_cpus.or_else(|| {
        let canonical = machine.canonical.as_deref()?;
        machines.iter().find(|m| m.name == canonical)?.max_cpus
    });
    if let (Some(max), Some(vcpu)) = (max, &domain.vcpu) {
        if vcpu.count > max {
            problems.push(Problem::new(
                "/domain/vcpu",
                format!(
                    "{} vCPUs is more than machine type '{name}' allows ({max})",
                    vcpu.count
                ),
            ));
        }
    }
}

fn numa(domain: &Domain, caps: &Capabilities, problems: &mut Vec<Problem>) {
    let cells = caps
        .host
        .as_ref()
        .and_then(|h| h.topology.as_ref())
        .and_then(|t| t.cells.as_ref());
    let Some(cells) = cells else {
        return;
    };
    let ids: Vec<u32> = cells.cells.iter().filter_map(|c| c.id).collect();
    if ids.is_empty() {
        return;
    }
    let Some(numatune) = &domain.numatune else {
        return;
    };
    let mut sets = Vec::new();
    if let Some(nodeset) = numatune.memory.as_ref().and_then(|m| m.nodeset.as_deref()) {
        sets.push(("/domain/numatune/memory/@nodeset".to_owned(), nodeset));
    }
    let count = numatune.memnodes.len();
    for (i, memnode) in numatune.memnodes.iter().enumerate() {
        if let Some(nodeset) = memnode.nodeset.as_deref() {
            let path = format!("/domain/numatune/{}/@nodeset", indexed("memnode", i, count));
            sets.push((path, nodeset));
        }
    }
    for (path, nodeset) in sets {
        let Some(nodes) = parse_nodeset(nodeset) else {
            continue;
        };
        let missing: Vec<String> = nodes
            .iter()
            .filter(|n| !ids.contains(n))
            .map(u32::to_string)
            .collect();
        if !missing.is_empty() {
            problems.push(Problem::new(
                path,
                format!("the host has no NUMA node {}", missing.join(", ")),
            ));
        }
    }
}

/// The nodes of a libvirt nodeset (`0-3,^2,5`); `None` when it does not parse (the
/// domain's own validation reports that).
fn parse_nodeset(text: &str) -> Option<Vec<u32>> {
    let mut nodes = Vec::new();
    let mut excluded = Vec::new();
    for part in text.split(',').map(str::trim) {
        if let Some(n) = part.strip_prefix('^') {
            excluded.push(n.parse().ok()?);
        } else if let Some((a, b)) = part.split_once('-') {
            let (a, b): (u32, u32) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
            if b < a || b - a > 65_536 {
                return None;
            }
            nodes.extend(a..=b);
        } else {
            nodes.push(part.parse().ok()?);
        }
    }
    nodes.retain(|n| !excluded.contains(n));
    nodes.dedup();
    Some(nodes)
}

fn secmodels(domain: &Domain, caps: &Capabilities, problems: &mut Vec<Problem>) {
    let Some(host) = &caps.host else {
        return;
    };
    if host.secmodel.is_empty() {
        return;
    }
    let count = domain.seclabel.len();
    for (i, label) in domain.seclabel.iter().enumerate() {
        let Some(model) = label.model.as_deref() else {
            continue;
        };
        // `none` asks for no confinement, which needs no driver.
        if model == "none" {
            continue;
        }
        if !host
            .secmodel
            .iter()
            .any(|s| s.model.as_deref() == Some(model))
        {
            let known: Vec<&str> = host
                .secmodel
                .iter()
                .filter_map(|s| s.model.as_deref())
                .collect();
            problems.push(Problem::new(
                format!("/domain/{}/@model", indexed("seclabel", i, count)),
                format!(
                    "the host has no '{model}' security driver (it has: {})",
                    known.join(", ")
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_nodeset;
    use crate::caps::Capabilities;
    use crate::domain::Domain;

    const CAPS: &str = "<capabilities><host><cpu><arch>x86_64</arch></cpu>\
        <topology><cells num='2'><cell id='0'/><cell id='1'/></cells></topology>\
        <secmodel><model>selinux</model><doi>0</doi></secmodel></host>\
        <guest><os_type>hvm</os_type><arch name='x86_64'><wordsize>64</wordsize>\
        <machine maxCpus='288'>pc-q35-10.0</machine>\
        <machine canonical='pc-q35-10.0' maxCpus='288'>q35</machine>\
        <domain type='qemu'/><domain type='kvm'/></arch></guest></capabilities>";

    fn paths(body: &str, kind: &str) -> Vec<String> {
        let caps = Capabilities::from_xml(CAPS).unwrap();
        let domain = Domain::from_xml(&format!(
            "<domain type='{kind}'><name>g</name>{body}</domain>"
        ))
        .unwrap();
        match domain.check_host_caps(&caps) {
            Ok(()) => Vec::new(),
            Err(e) => e.problems().iter().map(|p| p.path.clone()).collect(),
        }
    }

    #[test]
    fn guests_machines_numa_and_secmodels() {
        let fits = "<vcpu>4</vcpu><os><type arch='i686' machine='q35'>hvm</type></os>\
            <numatune><memory nodeset='0-1'/></numatune><seclabel type='dynamic' model='selinux'/>";
        assert_eq!(paths(fits, "kvm"), Vec::<String>::new());
        assert_eq!(
            paths("<os><type arch='aarch64'>hvm</type></os>", "kvm"),
            ["/domain/os/type"]
        );
        assert_eq!(paths("<os><type>hvm</type></os>", "xen"), ["/domain/@type"]);
        let wrong = "<vcpu>300</vcpu><os><type machine='pc-q35-10.0'>hvm</type></os>\
            <numatune><memory nodeset='1-2'/><memnode cellid='0' nodeset='7'/></numatune>\
            <seclabel model='apparmor'/>";
        assert_eq!(
            paths(wrong, "kvm"),
            [
                "/domain/vcpu",
                "/domain/numatune/memory/@nodeset",
                "/domain/numatune/memnode/@nodeset",
                "/domain/seclabel/@model"
            ]
        );
        assert_eq!(
            paths("<os><type machine='pc-i440fx-10.0'>hvm</type></os>", "kvm"),
            ["/domain/os/type/@machine"]
        );
    }

    #[test]
    fn nodesets() {
        assert_eq!(parse_nodeset("0-3,^2,5"), Some(vec![0, 1, 3, 5]));
        assert_eq!(parse_nodeset("1"), Some(vec![1]));
        assert_eq!(parse_nodeset("x"), None);
        assert_eq!(parse_nodeset("3-1"), None);
    }
}

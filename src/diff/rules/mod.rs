//! The normalisations libvirt performs when it reads a definition and writes it back,
//! one named rule each. [`Domain::applied_in`](crate::Domain::applied_in) accepts a
//! difference between the definition and the live XML only when one of these rules
//! explains it; anything the definition leaves out may be added by libvirt (addresses,
//! aliases, controllers, default devices, `<clock>` and `<on_*>` defaults, …), which
//! needs no rule.
//!
//! Families: [`status`] (values libvirt keeps only while a domain runs), [`defaults`]
//! (values libvirt does not write because they are its default), [`values`] (values
//! libvirt rewrites: machine aliases, sets of CPUs, case), [`memory`] (sizes libvirt
//! aligns or recomputes), [`devices`] (devices libvirt completes or corrects).

mod defaults;
mod devices;
mod memory;
mod status;
mod values;

use crate::diff::values::attribute;
use crate::xml::{Element, Name};

/// Where a rule is asked: the element of the definition, its live partner, and the
/// elements above both.
pub(crate) struct Site<'a, 'e> {
    /// The definition's elements from the root down to this one.
    pub desired: &'a [&'e Element],
    /// The live elements from the root down to this element's partner.
    pub live: &'a [&'e Element],
}

impl<'e> Site<'_, 'e> {
    /// The element of the definition.
    pub fn d(&self) -> &'e Element {
        self.desired[self.desired.len() - 1]
    }

    /// The live element `up` levels above this one (`1` is the parent).
    pub fn live_up(&self, up: usize) -> Option<&'e Element> {
        self.live.len().checked_sub(up + 1).map(|i| self.live[i])
    }

    /// The definition's element `up` levels above this one (`1` is the parent).
    pub fn desired_up(&self, up: usize) -> Option<&'e Element> {
        self.desired
            .len()
            .checked_sub(up + 1)
            .map(|i| self.desired[i])
    }

    /// Whether the element's path ends with these local names (outermost first).
    pub fn at(&self, tail: &[&str]) -> bool {
        tail.len() <= self.desired.len()
            && self.desired[self.desired.len() - tail.len()..]
                .iter()
                .zip(tail)
                .all(|(e, n)| e.name.namespace.is_none() && e.name.local == *n)
    }

    /// The live root (`<domain>`).
    pub fn live_root(&self) -> &'e Element {
        self.live[0]
    }

    /// The definition's root (`<domain>`).
    pub fn desired_root(&self) -> &'e Element {
        self.desired[0]
    }
}

/// The first child element named `name` (no namespace).
pub(crate) fn child<'e>(element: &'e Element, name: &str) -> Option<&'e Element> {
    element
        .elements()
        .find(|e| e.name.namespace.is_none() && e.name.local == name)
}

/// The element at `path` (local names) below `element`, first of each name.
pub(crate) fn descend<'e>(element: &'e Element, path: &[&str]) -> Option<&'e Element> {
    path.iter().try_fold(element, |e, name| child(e, name))
}

/// The guest architecture (`<os><type arch>`).
pub(crate) fn arch(root: &Element) -> Option<&str> {
    descend(root, &["os", "type"]).and_then(|t| attribute(t, "arch"))
}

/// A rule that explains an attribute's value changing (or disappearing: `live` is `None`).
pub(crate) type AttributeRule = fn(&Site, &str, &str, Option<&str>) -> bool;
/// A rule that explains a child element of the definition missing from the live XML
/// (the site is the parent).
pub(crate) type ElementRule = fn(&Site, &Name, &Element) -> bool;
/// A rule that explains a size changing (bytes in the definition, bytes live).
pub(crate) type SizeRule = fn(&Site, u128, u128) -> bool;

const ATTRIBUTE_RULES: &[(&str, AttributeRule)] = &[
    ("status_only_attribute", status::status_only_attribute),
    ("default_keyword", defaults::default_keyword),
    ("unwritten_default", defaults::unwritten_default),
    ("boot_menu_timeout", defaults::boot_menu_timeout),
    ("machine_alias", values::machine_alias),
    ("cpu_set", values::cpu_set),
    ("scheduler_split", values::scheduler_split),
    ("case_folded", values::case_folded),
    ("usb_version", values::usb_version),
    ("iscsi_lun", values::iscsi_lun),
    ("numad_vcpu_placement", values::numad_vcpu_placement),
    ("numa_cell_cpus", values::numa_cell_cpus),
    ("serial_target_type", devices::serial_target_type),
    ("console_port", devices::console_port),
    ("sourceless_disk_type", devices::sourceless_disk_type),
    ("nvram_format", devices::nvram_format),
    ("unsupported_vhost", devices::unsupported_vhost),
    ("removable_usb_only", devices::removable_usb_only),
    ("host_model_expanded", devices::host_model_expanded),
    ("automatic_port", devices::automatic_port),
];
const ELEMENT_RULES: &[(&str, ElementRule)] = &[
    ("status_only_element", status::status_only_element),
    ("default_element", defaults::default_element),
    ("host_cpu_model", devices::host_cpu_model),
    ("channel_socket_path", devices::channel_socket_path),
    ("metadata_namespace", devices::metadata_namespace),
    (
        "unsupported_vhost_driver",
        devices::unsupported_vhost_driver,
    ),
    ("vhostuser_filterref", devices::vhostuser_filterref),
    ("s390_acpi", devices::s390_acpi),
];
const SIZE_RULES: &[(&str, SizeRule)] = &[
    ("total_memory", memory::total_memory),
    ("memory_device_alignment", memory::memory_device_alignment),
    ("balloon_current_memory", memory::balloon_current_memory),
];

/// The rule that explains the attribute `name` going from `desired` to `live`.
pub(crate) fn attribute_kept(
    site: &Site,
    name: &str,
    desired: &str,
    live: Option<&str>,
) -> Option<&'static str> {
    ATTRIBUTE_RULES
        .iter()
        .find(|(_, rule)| rule(site, name, desired, live))
        .map(|(n, _)| *n)
}

/// The rule that explains the child `child` (named `name`) of the site's element
/// having no partner in the live XML.
pub(crate) fn element_kept(site: &Site, name: &Name, child: &Element) -> Option<&'static str> {
    ELEMENT_RULES
        .iter()
        .find(|(_, rule)| rule(site, name, child))
        .map(|(n, _)| *n)
}

/// The rule that explains a size going from `desired` to `live` bytes.
pub(crate) fn size_kept(site: &Site, desired: u128, live: u128) -> Option<&'static str> {
    SIZE_RULES
        .iter()
        .find(|(_, rule)| rule(site, desired, live))
        .map(|(n, _)| *n)
}

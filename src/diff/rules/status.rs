//! Values libvirt writes only in the status XML of a running domain: a definition
//! may carry them (a saved live XML, a migration), but the inactive XML libvirt gives
//! back does not, so their absence is not drift. A different value still is.

use crate::diff::rules::Site;
use crate::diff::values::attribute;
use crate::xml::{Element, Name};

/// `(element, attribute)` pairs that describe a running domain, not its definition:
/// `<domain id>` (the running domain's number), `<source index>` and
/// `<backingStore index>` (block-layer node numbers), a channel's
/// `<target state>` (whether the guest agent is connected), a removable disk's
/// `<target tray>` (open or closed), and `<source portid>` (the network port a
/// running interface was given).
const STATUS_ATTRIBUTES: &[(&str, &str)] = &[
    ("domain", "id"),
    ("source", "index"),
    ("backingStore", "index"),
    ("target", "state"),
    ("target", "tray"),
    ("source", "portid"),
];

/// **Status-only attribute**: libvirt writes the attributes of `STATUS_ATTRIBUTES`
/// only while the domain runs, so an inactive live XML without them kept the
/// definition.
pub(crate) fn status_only_attribute(
    site: &Site,
    name: &str,
    _desired: &str,
    live: Option<&str>,
) -> bool {
    let element = site.d().name.local.as_str();
    live.is_none()
        && STATUS_ATTRIBUTES
            .iter()
            .any(|(e, a)| *e == element && *a == name)
}

/// **Status-only element**: a disk's `<mirror>` (a block job in progress), the
/// `<imagelabel>` of a security label (the label libvirt gave the images when it
/// started the domain), and a disk source's `<seclabel labelskip='yes'>` (a mark
/// libvirt sets while running) exist only while the domain runs.
pub(crate) fn status_only_element(site: &Site, name: &Name, child: &Element) -> bool {
    if name.namespace.is_some() {
        return false;
    }
    match name.local.as_str() {
        "mirror" => site.at(&["disk"]),
        "imagelabel" => site.at(&["seclabel"]),
        "seclabel" => {
            site.at(&["disk", "source"])
                && attribute(child, "labelskip") == Some("yes")
                && !child.has_elements()
        }
        _ => false,
    }
}

//! Values libvirt does not write because they are its default: the inactive XML
//! leaves them out, which keeps what the definition meant.

use crate::diff::rules::Site;
use crate::diff::values::attribute;
use crate::xml::{Element, Name};

/// **Default keyword**: an enumerated attribute set to `default` means "not set" to
/// libvirt (its enums start with a `default` value that is never written), so
/// `<driver cache='default'>` reads back without `cache`.
pub(crate) fn default_keyword(_: &Site, _: &str, desired: &str, live: Option<&str>) -> bool {
    live.is_none() && desired == "default"
}

/// `(element, attribute, value)` triples libvirt stores as "unset" and so never
/// writes: a video model's `primary='no'` (only the primary is marked), a graphics
/// device's `autoport='no'` (libvirt writes `autoport` only as `yes`), a network
/// driver's `queues='1'` (one queue is what no `queues` gives), and coalescing's
/// `<frames max='0'>` (zero means no coalescing).
const UNWRITTEN: &[(&str, &str, &str)] = &[
    ("model", "primary", "no"),
    ("graphics", "autoport", "no"),
    ("driver", "queues", "1"),
    ("frames", "max", "0"),
];

/// **Unwritten default**: see `UNWRITTEN`.
pub(crate) fn unwritten_default(
    site: &Site,
    name: &str,
    desired: &str,
    live: Option<&str>,
) -> bool {
    let element = site.d().name.local.as_str();
    live.is_none()
        && UNWRITTEN
            .iter()
            .any(|(e, a, v)| *e == element && *a == name && *v == desired)
}

/// **Boot menu timeout**: libvirt drops `<bootmenu timeout>` when the menu is
/// disabled (`enable='no'`): the timeout has no meaning then.
pub(crate) fn boot_menu_timeout(site: &Site, name: &str, _: &str, live: Option<&str>) -> bool {
    live.is_none()
        && name == "timeout"
        && site.at(&["os", "bootmenu"])
        && attribute(site.d(), "enable") == Some("no")
}

/// **Default element**: an element holding only libvirt's defaults is not written:
/// `<protocol type='raw'/>` of a character device (raw is the default protocol), and
/// an element whose every attribute and child libvirt leaves out as a default
/// (`<coalesce><rx><frames max='0'/></rx></coalesce>`, `<coalesce><rx/></coalesce>`).
pub(crate) fn default_element(site: &Site, name: &Name, element: &Element) -> bool {
    if name.namespace.is_some() {
        return false;
    }
    match name.local.as_str() {
        "protocol" => {
            element.attributes.len() == 1
                && attribute(element, "type") == Some("raw")
                && !element.has_elements()
        }
        "coalesce" => site.at(&["interface"]) && only_defaults(element),
        _ => false,
    }
}

/// Whether `element` holds nothing but defaults libvirt does not write.
fn only_defaults(element: &Element) -> bool {
    let name = element.name.local.as_str();
    element.attributes.iter().all(|a| {
        UNWRITTEN
            .iter()
            .any(|(e, n, v)| *e == name && *n == a.name.local && *v == a.value)
    }) && element.text().trim().is_empty()
        && element.elements().all(only_defaults)
}

//! Devices libvirt completes or corrects.

use crate::diff::rules::{arch, child, Site};
use crate::diff::values::attribute;
use crate::xml::{Element, Name};

/// Serial target types libvirt picks for machines without an ISA bus.
const NON_ISA_SERIAL_TYPES: &[&str] = &["system-serial", "spapr-vio-serial", "sclp-serial"];

/// **Serial target type**: a machine without an ISA bus (ARM `virt`, pSeries, s390)
/// cannot have an `isa-serial`; libvirt replaces it with the machine's own serial
/// type.
pub(crate) fn serial_target_type(
    site: &Site,
    name: &str,
    desired: &str,
    live: Option<&str>,
) -> bool {
    name == "type"
        && site.at(&["serial", "target"])
        && desired == "isa-serial"
        && live.is_some_and(|l| NON_ISA_SERIAL_TYPES.contains(&l))
        && !arch(site.desired_root()).is_some_and(|a| matches!(a, "i686" | "x86_64"))
}

/// **Console port**: libvirt numbers consoles' `<target port>` by their order among
/// the consoles (the first console is the serial port it mirrors).
pub(crate) fn console_port(site: &Site, name: &str, _: &str, live: Option<&str>) -> bool {
    if name != "port" || !site.at(&["devices", "console", "target"]) {
        return false;
    }
    let (Some(console), Some(devices)) = (site.live_up(1), site.live_up(2)) else {
        return false;
    };
    let index = devices
        .elements()
        .filter(|e| e.name.local == "console")
        .position(|e| std::ptr::eq(e, console));
    index.is_some_and(|i| live == Some(i.to_string().as_str()))
}

/// **Sourceless disk type**: a disk without `<source>` (an empty CD-ROM drive) is
/// written as `type='file'` whatever type it was given.
pub(crate) fn sourceless_disk_type(site: &Site, name: &str, _: &str, live: Option<&str>) -> bool {
    name == "type"
        && site.at(&["devices", "disk"])
        && live == Some("file")
        && child(site.d(), "source").is_none()
}

/// **NVRAM format**: with firmware auto-selection (`<os firmware='efi'>`) the NVRAM
/// takes the format of the firmware libvirt selected (its `<loader format>`).
pub(crate) fn nvram_format(site: &Site, name: &str, _: &str, live: Option<&str>) -> bool {
    name == "format"
        && site.at(&["os", "nvram"])
        && site
            .desired_up(1)
            .is_some_and(|os| attribute(os, "firmware").is_some())
        && site
            .live_up(1)
            .and_then(|os| child(os, "loader"))
            .and_then(|l| attribute(l, "format"))
            .is_some_and(|f| live == Some(f))
}

/// Whether an interface's model is one of the virtio models (vhost needs virtio).
fn virtio_interface(interface: &Element) -> bool {
    child(interface, "model")
        .and_then(|m| attribute(m, "type"))
        .is_some_and(|t| t.starts_with("virtio"))
}

/// **Unsupported vhost** (attribute): vhost-net serves virtio NICs only; libvirt drops
/// `<backend vhost>` of an interface with another model.
pub(crate) fn unsupported_vhost(site: &Site, name: &str, _: &str, live: Option<&str>) -> bool {
    live.is_none()
        && name == "vhost"
        && site.at(&["interface", "backend"])
        && site.desired_up(1).is_some_and(|i| !virtio_interface(i))
}

/// **Unsupported vhost** (element): libvirt drops `<driver name='vhost'>` of an
/// interface whose model is not virtio, since only virtio uses it.
pub(crate) fn unsupported_vhost_driver(site: &Site, name: &Name, element: &Element) -> bool {
    name.namespace.is_none()
        && name.local == "driver"
        && site.at(&["devices", "interface"])
        && !virtio_interface(site.d())
        && attribute(element, "name") == Some("vhost")
}

/// **vhost-user filterref**: vhost-user interfaces cannot be filtered (the traffic
/// does not cross the host's network stack), so libvirt drops their `<filterref>`.
pub(crate) fn vhostuser_filterref(site: &Site, name: &Name, _: &Element) -> bool {
    name.namespace.is_none()
        && name.local == "filterref"
        && site.at(&["devices", "interface"])
        && attribute(site.d(), "type") == Some("vhostuser")
}

/// **Host CPU model**: in `host-model`, `host-passthrough` and `maximum` mode the CPU
/// model comes from the host; a `<model>` without a name (only `fallback`) says
/// nothing libvirt keeps, so it is not written back.
pub(crate) fn host_cpu_model(site: &Site, name: &Name, model: &Element) -> bool {
    name.namespace.is_none()
        && name.local == "model"
        && site.at(&["domain", "cpu"])
        && matches!(
            attribute(site.d(), "mode"),
            Some("host-model" | "host-passthrough" | "maximum")
        )
        && model.text().trim().is_empty()
}

/// The folders where libvirt creates channel sockets it names itself.
const CHANNEL_SOCKET_DIRS: &[&str] = &[
    "/var/lib/libvirt/qemu/channel/",
    "/var/run/libvirt/qemu/channel/",
    "/run/libvirt/qemu/channel/",
];

/// **Channel socket path**: a `unix` channel in `bind` mode without a path gets one
/// that libvirt generates when the domain starts, under its own channel folder; an
/// inactive XML leaves such a source out.
pub(crate) fn channel_socket_path(site: &Site, name: &Name, source: &Element) -> bool {
    name.namespace.is_none()
        && name.local == "source"
        && site.at(&["devices", "channel"])
        && attribute(site.d(), "type") == Some("unix")
        && attribute(source, "mode").map_or(true, |m| m == "bind")
        && attribute(source, "path").map_or(true, |p| {
            CHANNEL_SOCKET_DIRS.iter().any(|d| p.starts_with(d))
        })
}

/// **Metadata namespace**: `<metadata>` holds one element per namespace; libvirt keeps
/// the first element of each namespace and drops elements in no namespace.
pub(crate) fn metadata_namespace(site: &Site, name: &Name, element: &Element) -> bool {
    if !site.at(&["domain", "metadata"]) {
        return false;
    }
    match &name.namespace {
        None => true,
        Some(ns) => site
            .d()
            .elements()
            .take_while(|e| !std::ptr::eq(*e, element))
            .any(|e| e.name.namespace.as_deref() == Some(ns.as_str())),
    }
}

/// **USB-only removable**: libvirt reads a disk's `<target removable>` for USB disks
/// only; on another bus it is dropped.
pub(crate) fn removable_usb_only(site: &Site, name: &str, _: &str, live: Option<&str>) -> bool {
    live.is_none()
        && name == "removable"
        && site.at(&["disk", "target"])
        && attribute(site.d(), "bus") != Some("usb")
}

/// **No ACPI on s390**: s390 machines have no ACPI; libvirt drops `<features><acpi/>`
/// of an s390 guest (older definitions carried it).
pub(crate) fn s390_acpi(site: &Site, name: &Name, _: &Element) -> bool {
    name.namespace.is_none()
        && name.local == "acpi"
        && site.at(&["domain", "features"])
        && arch(site.desired_root()).is_some_and(|a| a.starts_with("s390"))
}

/// **Host model expanded**: while a `host-model` domain runs, libvirt shows the CPU
/// it resolved: `mode='custom'` with the host's model (and `fallback='forbid'`), so
/// the live XML names the CPU the guest really got.
pub(crate) fn host_model_expanded(
    site: &Site,
    name: &str,
    desired: &str,
    live: Option<&str>,
) -> bool {
    match name {
        "mode" if site.at(&["domain", "cpu"]) => {
            desired == "host-model"
                && live == Some("custom")
                && site
                    .live_up(0)
                    .and_then(|cpu| child(cpu, "model"))
                    .is_some_and(|m| !m.text().trim().is_empty())
        }
        "fallback" if site.at(&["domain", "cpu", "model"]) => {
            live.is_some()
                && site.desired_up(1).and_then(|c| attribute(c, "mode")) == Some("host-model")
                && site.live_up(1).and_then(|c| attribute(c, "mode")) == Some("custom")
        }
        _ => false,
    }
}

/// **Automatic port**: a graphics `port`, `tlsPort` or `websocket` of `-1` (or any
/// port with `autoport='yes'`) asks libvirt to pick one when the domain starts; the
/// live XML shows the port it picked.
pub(crate) fn automatic_port(site: &Site, name: &str, desired: &str, live: Option<&str>) -> bool {
    matches!(name, "port" | "tlsPort" | "websocket")
        && site.at(&["devices", "graphics"])
        && (desired == "-1" || attribute(site.d(), "autoport") == Some("yes"))
        && live.is_some_and(|l| l.parse::<u16>().is_ok())
}

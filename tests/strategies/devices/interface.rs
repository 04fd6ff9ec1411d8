//! `<interface>` (src/devices/interface.rs).

use libvirt_domain::devices::{
    Interface, InterfaceBackend, InterfaceDriver, InterfaceDriverGuest, InterfaceDriverHost,
    InterfaceGuest, InterfaceIp, InterfaceLink, InterfaceMac, InterfaceModel, InterfaceMtu,
    InterfaceScript, InterfaceSource, InterfaceSourceLocal, InterfaceTarget, InterfaceType,
    LinkState, MacType, NetBackendType, NetModel,
};
use proptest::prelude::*;

use super::address::address;
use super::common::{acpi, alias, backend_domain, boot, reconnect, rom};
use crate::strategies::values::{on_off, text, yes_no};
use crate::strategies::xml::extra;
use crate::strategies::{list, opt};

fn source() -> BoxedStrategy<InterfaceSource> {
    structure!(InterfaceSource {
        network: opt(text()),
        portgroup: opt(text()),
        portid: opt(text()),
        bridge: opt(text()),
        mac_table_manager: opt(text()),
        kind: opt(text()),
        path: opt(text()),
        dev: opt(text()),
        mode: opt(text()),
        address: opt(text()),
        port: opt(any::<u32>()),
        name: opt(text()),
        missing: opt(yes_no()),
        switchid: opt(text()),
        portgroupid: opt(text()),
        connectionid: opt(any::<i64>()),
        hostdev_address: opt(address()),
        local: opt(structure!(InterfaceSourceLocal {
            address: opt(text()),
            port: opt(any::<u32>()),
            extra: extra(),
        })),
        reconnect: opt(reconnect()),
        extra: extra(),
    })
}

fn script() -> BoxedStrategy<InterfaceScript> {
    structure!(InterfaceScript {
        path: opt(text()),
        extra: extra(),
    })
}

fn driver() -> BoxedStrategy<InterfaceDriver> {
    structure!(InterfaceDriver {
        name: opt(text()),
        txmode: opt(text()),
        ioeventfd: opt(on_off()),
        event_idx: opt(on_off()),
        queues: opt(any::<u32>()),
        rx_queue_size: opt(any::<u32>()),
        tx_queue_size: opt(any::<u32>()),
        iommu: opt(on_off()),
        ats: opt(on_off()),
        packed: opt(on_off()),
        page_per_vq: opt(on_off()),
        rss: opt(on_off()),
        rss_hash_report: opt(on_off()),
        host: opt(structure!(InterfaceDriverHost {
            csum: opt(on_off()),
            gso: opt(on_off()),
            tso4: opt(on_off()),
            tso6: opt(on_off()),
            ecn: opt(on_off()),
            ufo: opt(on_off()),
            mrg_rxbuf: opt(on_off()),
            extra: extra(),
        })),
        guest: opt(structure!(InterfaceDriverGuest {
            csum: opt(on_off()),
            tso4: opt(on_off()),
            tso6: opt(on_off()),
            ecn: opt(on_off()),
            ufo: opt(on_off()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

/// `<interface>`.
pub fn interface() -> BoxedStrategy<Interface> {
    structure!(Interface {
        kind: opt(value_enum!(InterfaceType)),
        managed: opt(yes_no()),
        trust_guest_rx_filters: opt(yes_no()),
        mac: opt(structure!(InterfaceMac {
            address: opt(text()),
            kind: opt(value_enum!(MacType)),
            check: opt(yes_no()),
            current_address: opt(text()),
            extra: extra(),
        })),
        source: opt(source()),
        ips: list(structure!(InterfaceIp {
            address: opt(text()),
            family: opt(text()),
            prefix: opt(any::<u32>()),
            peer: opt(text()),
            extra: extra(),
        })),
        script: opt(script()),
        downscript: opt(script()),
        backenddomain: opt(backend_domain()),
        target: opt(structure!(InterfaceTarget {
            dev: opt(text()),
            managed: opt(yes_no()),
            extra: extra(),
        })),
        guest: opt(structure!(InterfaceGuest {
            dev: opt(text()),
            actual: opt(text()),
            extra: extra(),
        })),
        model: opt(structure!(InterfaceModel {
            kind: opt(value_enum!(NetModel)),
            extra: extra(),
        })),
        driver: opt(driver()),
        backend: opt(structure!(InterfaceBackend {
            kind: opt(value_enum!(NetBackendType)),
            tap: opt(text()),
            vhost: opt(text()),
            log_file: opt(text()),
            extra: extra(),
        })),
        link: opt(structure!(InterfaceLink {
            state: opt(value_enum!(LinkState)),
            extra: extra(),
        })),
        mtu: opt(structure!(InterfaceMtu {
            size: opt(any::<u32>()),
            extra: extra(),
        })),
        boot: opt(boot()),
        alias: opt(alias()),
        rom: opt(rom()),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}

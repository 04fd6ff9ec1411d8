//! `<interface>` (src/devices/interface.rs).

use libvirt_domain::devices::{
    Bandwidth, BandwidthLimits, Coalesce, CoalesceFrames, CoalesceRx, FilterParameter, FilterRef,
    InterfacePort, InterfaceTune, PortForward, PortForwardProto, PortForwardRange, Route, Teaming,
    TeamingType, VirtualPort, VirtualPortParameters, VirtualPortType, Vlan, VlanNativeMode,
    VlanTag,
};
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

fn route() -> BoxedStrategy<Route> {
    structure!(Route {
        family: opt(text()),
        address: opt(text()),
        netmask: opt(text()),
        prefix: opt(any::<u32>()),
        gateway: opt(text()),
        metric: opt(any::<u32>()),
        extra: extra(),
    })
}

fn ip() -> BoxedStrategy<InterfaceIp> {
    structure!(InterfaceIp {
        address: opt(text()),
        family: opt(text()),
        prefix: opt(any::<u32>()),
        peer: opt(text()),
        extra: extra(),
    })
}

fn virtualport() -> BoxedStrategy<VirtualPort> {
    structure!(VirtualPort {
        kind: opt(value_enum!(VirtualPortType)),
        parameters: opt(structure!(VirtualPortParameters {
            managerid: opt(any::<u8>()),
            typeid: opt(any::<u32>()),
            typeidversion: opt(any::<u8>()),
            instanceid: opt(text()),
            profileid: opt(text()),
            interfaceid: opt(text()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

fn bandwidth() -> BoxedStrategy<Bandwidth> {
    let limits = || {
        structure!(BandwidthLimits {
            average: opt(any::<u64>()),
            peak: opt(any::<u64>()),
            floor: opt(any::<u64>()),
            burst: opt(any::<u32>()),
            extra: extra(),
        })
    };
    structure!(Bandwidth {
        class_id: opt(any::<u32>()),
        inbound: opt(limits()),
        outbound: opt(limits()),
        extra: extra(),
    })
}

fn vlan() -> BoxedStrategy<Vlan> {
    structure!(Vlan {
        trunk: opt(yes_no()),
        tags: list(structure!(VlanTag {
            id: opt(any::<u32>()),
            native_mode: opt(value_enum!(VlanNativeMode)),
            extra: extra(),
        })),
        extra: extra(),
    })
}

fn filterref() -> BoxedStrategy<FilterRef> {
    structure!(FilterRef {
        filter: opt(text()),
        parameters: list(structure!(FilterParameter {
            name: opt(text()),
            value: opt(text()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

fn coalesce() -> BoxedStrategy<Coalesce> {
    structure!(Coalesce {
        rx: opt(structure!(CoalesceRx {
            frames: opt(structure!(CoalesceFrames {
                max: opt(any::<u32>()),
                extra: extra(),
            })),
            extra: extra(),
        })),
        extra: extra(),
    })
}

fn port_forward() -> BoxedStrategy<PortForward> {
    structure!(PortForward {
        proto: opt(value_enum!(PortForwardProto)),
        address: opt(text()),
        dev: opt(text()),
        ranges: list(structure!(PortForwardRange {
            start: opt(any::<u16>()),
            end: opt(any::<u16>()),
            to: opt(any::<u16>()),
            exclude: opt(yes_no()),
            extra: extra(),
        })),
        extra: extra(),
    })
}

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
        ips: list(ip()),
        routes: list(route()),
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
        virtualport: opt(virtualport()),
        ips: list(ip()),
        routes: list(route()),
        port_forwards: list(port_forward()),
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
        filterref: opt(filterref()),
        tune: opt(structure!(InterfaceTune {
            sndbuf: opt(any::<u32>()),
            extra: extra(),
        })),
        teaming: opt(structure!(Teaming {
            kind: opt(value_enum!(TeamingType)),
            persistent: opt(text()),
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
        coalesce: opt(coalesce()),
        boot: opt(boot()),
        alias: opt(alias()),
        rom: opt(rom()),
        bandwidth: opt(bandwidth()),
        vlan: opt(vlan()),
        port: opt(structure!(InterfacePort {
            isolated: opt(yes_no()),
            extra: extra(),
        })),
        acpi: opt(acpi()),
        address: opt(address()),
        extra: extra(),
    })
}

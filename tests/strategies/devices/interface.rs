//! `<interface>` (src/devices/interface.rs).

use libvirt_domain::devices::{
    Bandwidth, BandwidthLimits, Coalesce, CoalesceFrames, CoalesceRx, FilterParameter, FilterRef,
    InterfacePort, InterfaceTune, PortForward, PortForwardProto, PortForwardRange, Route, Teaming,
    TeamingType, Vlan, VlanNativeMode, VlanTag,
};
use libvirt_domain::devices::{
    Interface, InterfaceBackend, InterfaceDriver, InterfaceDriverGuest, InterfaceDriverHost,
    InterfaceDriverName, InterfaceGuest, InterfaceIp, InterfaceLink, InterfaceMac, InterfaceModel,
    InterfaceMtu, InterfaceScript, InterfaceTarget, InterfaceType, LinkState, MacType,
    NetBackendType, NetModel, TxMode,
};
use libvirt_domain::devices::{
    InterfaceHostdevAddress, InterfaceHostdevOtherAddress, InterfaceSource, InterfaceSourceBridge,
    InterfaceSourceDirect, InterfaceSourceEthernet, InterfaceSourceHostdev,
    InterfaceSourceInternal, InterfaceSourceLocal, InterfaceSourceNetwork, InterfaceSourceTunnel,
    InterfaceSourceUdp, InterfaceSourceUser, InterfaceSourceVdpa, InterfaceSourceVds,
    InterfaceSourceVhostuser, MacTableManager, MacvtapMode, OtherSource, SocketMode, SocketType,
};
use libvirt_domain::devices::{
    MidonetParameters, OpenvswitchParameters, QbgParameters, QbhParameters, VirtualPort,
    VirtualPortMidonet, VirtualPortOpenvswitch, VirtualPortParameters, VirtualPortQbg,
    VirtualPortQbh, VirtualPortType, VirtualPortUntyped,
};
use proptest::prelude::*;

use super::address::{address, pci_address};
use super::common::{acpi, alias, backend_domain, boot, reconnect, rom};
use super::hostdev::{usb_host_address, usb_id};
use crate::strategies::values::{on_off, text, uint, yes_no};
use crate::strategies::xml::extra;
use crate::strategies::{list, opt, opt_box};

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
    // Without `type`, or with one no variant claims (a known one reads back as its
    // own variant).
    let untyped_kind = opt(text().prop_filter("a type with a variant of its own", |t| {
        matches!(VirtualPortType::from(t.as_str()), VirtualPortType::Other(_))
    }));
    prop_oneof![
        structure!(VirtualPortQbg {
            parameters: opt(structure!(QbgParameters {
                managerid: opt(any::<u8>()),
                typeid: opt(any::<u32>()),
                typeidversion: opt(any::<u8>()),
                instanceid: opt(text()),
                extra: extra(),
            })),
            extra: extra(),
        })
        .prop_map(VirtualPort::Qbg),
        structure!(VirtualPortQbh {
            parameters: opt(structure!(QbhParameters {
                profileid: opt(text()),
                extra: extra(),
            })),
            extra: extra(),
        })
        .prop_map(VirtualPort::Qbh),
        structure!(VirtualPortOpenvswitch {
            parameters: opt(structure!(OpenvswitchParameters {
                profileid: opt(text()),
                interfaceid: opt(text()),
                extra: extra(),
            })),
            extra: extra(),
        })
        .prop_map(VirtualPort::Openvswitch),
        structure!(VirtualPortMidonet {
            parameters: opt(structure!(MidonetParameters {
                interfaceid: opt(text()),
                extra: extra(),
            })),
            extra: extra(),
        })
        .prop_map(VirtualPort::Midonet),
        structure!(VirtualPortUntyped {
            kind: untyped_kind,
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
        .prop_map(VirtualPort::Untyped),
    ]
    .boxed()
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

fn network_source() -> BoxedStrategy<InterfaceSourceNetwork> {
    structure!(InterfaceSourceNetwork {
        network: opt(text()),
        portgroup: opt(text()),
        portid: opt(text()),
        bridge: opt(text()),
        mac_table_manager: opt(value_enum!(MacTableManager)),
        extra: extra(),
    })
}

fn bridge_source() -> BoxedStrategy<InterfaceSourceBridge> {
    structure!(InterfaceSourceBridge {
        bridge: opt(text()),
        mac_table_manager: opt(value_enum!(MacTableManager)),
        network: opt(text()),
        portgroup: opt(text()),
        portid: opt(text()),
        extra: extra(),
    })
}

fn direct_source() -> BoxedStrategy<InterfaceSourceDirect> {
    structure!(InterfaceSourceDirect {
        dev: opt(text()),
        mode: opt(value_enum!(MacvtapMode)),
        network: opt(text()),
        portgroup: opt(text()),
        portid: opt(text()),
        extra: extra(),
    })
}

fn hostdev_address() -> BoxedStrategy<InterfaceHostdevAddress> {
    prop_oneof![
        pci_address().prop_map(InterfaceHostdevAddress::Pci),
        usb_host_address().prop_map(InterfaceHostdevAddress::Usb),
        structure!(InterfaceHostdevOtherAddress {
            // A known type reads back as its own variant.
            kind: opt(text().prop_filter("a type with a variant of its own", |t| {
                t != "pci" && t != "usb"
            })),
            bus: opt(uint()),
            device: opt(uint()),
            extra: extra(),
        })
        .prop_map(InterfaceHostdevAddress::Other),
    ]
    .boxed()
}

fn tunnel_source() -> BoxedStrategy<InterfaceSourceTunnel> {
    structure!(InterfaceSourceTunnel {
        address: opt(text()),
        port: opt(any::<i32>()),
        extra: extra(),
    })
}

/// One strategy per `<source>` variant, each with the interface `type` it belongs
/// to; the fallback goes with a type that has no variant (unknown, `null`, none).
fn typed_source() -> BoxedStrategy<(Option<InterfaceType>, InterfaceSource)> {
    let typed = |kind: InterfaceType| move |source| (Some(kind.clone()), source);
    // Types whose <source> has no variant of its own: none, `null`, or unknown.
    let unknown =
        text().prop_filter_map("a known type", |t| match InterfaceType::from(t.as_str()) {
            InterfaceType::Other(t) => Some(InterfaceType::Other(t)),
            _ => None,
        });
    let untyped_kind = opt(prop_oneof![Just(InterfaceType::Null), unknown]);
    prop_oneof![
        network_source()
            .prop_map(InterfaceSource::Network)
            .prop_map(typed(InterfaceType::Network)),
        bridge_source()
            .prop_map(InterfaceSource::Bridge)
            .prop_map(typed(InterfaceType::Bridge)),
        direct_source()
            .prop_map(InterfaceSource::Direct)
            .prop_map(typed(InterfaceType::Direct)),
        structure!(InterfaceSourceUser {
            dev: opt(text()),
            extra: extra(),
        })
        .prop_map(InterfaceSource::User)
        .prop_map(typed(InterfaceType::User)),
        structure!(InterfaceSourceEthernet {
            ips: list(ip()),
            routes: list(route()),
            extra: extra(),
        })
        .prop_map(InterfaceSource::Ethernet)
        .prop_map(typed(InterfaceType::Ethernet)),
        structure!(InterfaceSourceHostdev {
            missing: opt(yes_no()),
            vendor: opt(usb_id()),
            product: opt(usb_id()),
            address: opt(hostdev_address()),
            extra: extra(),
        })
        .prop_map(|s| InterfaceSource::Hostdev(Box::new(s)))
        .prop_map(typed(InterfaceType::Hostdev)),
        structure!(InterfaceSourceVhostuser {
            kind: opt(value_enum!(SocketType)),
            path: opt(text()),
            mode: opt(value_enum!(SocketMode)),
            dev: opt(text()),
            reconnect: opt(reconnect()),
            extra: extra(),
        })
        .prop_map(|s| InterfaceSource::Vhostuser(Box::new(s)))
        .prop_map(typed(InterfaceType::Vhostuser)),
        structure!(InterfaceSourceVdpa {
            dev: opt(text()),
            extra: extra(),
        })
        .prop_map(InterfaceSource::Vdpa)
        .prop_map(typed(InterfaceType::Vdpa)),
        tunnel_source()
            .prop_map(InterfaceSource::Server)
            .prop_map(typed(InterfaceType::Server)),
        tunnel_source()
            .prop_map(InterfaceSource::Client)
            .prop_map(typed(InterfaceType::Client)),
        tunnel_source()
            .prop_map(InterfaceSource::Mcast)
            .prop_map(typed(InterfaceType::Mcast)),
        structure!(InterfaceSourceUdp {
            address: opt(text()),
            port: opt(any::<i32>()),
            local: opt(structure!(InterfaceSourceLocal {
                address: opt(text()),
                port: opt(any::<i32>()),
                extra: extra(),
            })),
            extra: extra(),
        })
        .prop_map(InterfaceSource::Udp)
        .prop_map(typed(InterfaceType::Udp)),
        structure!(InterfaceSourceVds {
            switchid: opt(text()),
            portid: opt(any::<i64>()),
            portgroupid: opt(text()),
            connectionid: opt(any::<i64>()),
            extra: extra(),
        })
        .prop_map(InterfaceSource::Vds)
        .prop_map(typed(InterfaceType::Vds)),
        structure!(InterfaceSourceInternal {
            name: opt(text()),
            extra: extra(),
        })
        .prop_map(InterfaceSource::Internal)
        .prop_map(typed(InterfaceType::Internal)),
        (
            untyped_kind,
            structure!(OtherSource { extra: extra() }).prop_map(InterfaceSource::Other),
        ),
    ]
    .boxed()
}

/// An interface's `type` and `<source>`: a source of the variant the type selects,
/// or no source with any type.
fn kind_and_source() -> BoxedStrategy<(Option<InterfaceType>, Option<InterfaceSource>)> {
    prop_oneof![
        3 => typed_source().prop_map(|(kind, source)| (kind, Some(source))),
        1 => opt(value_enum!(InterfaceType)).prop_map(|kind| (kind, None)),
    ]
    .boxed()
}

fn script() -> BoxedStrategy<InterfaceScript> {
    structure!(InterfaceScript {
        path: opt(text()),
        extra: extra(),
    })
}

fn driver() -> BoxedStrategy<InterfaceDriver> {
    structure!(InterfaceDriver {
        name: opt(value_enum!(InterfaceDriverName)),
        model: opt(text()),
        txmode: opt(value_enum!(TxMode)),
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
    let interface = structure!(Interface {
        // `kind` and `source` must agree: both are set from `kind_and_source` below.
        kind: Just(None),
        managed: opt(yes_no()),
        trust_guest_rx_filters: opt(yes_no()),
        mac: opt(structure!(InterfaceMac {
            address: opt(text()),
            kind: opt(value_enum!(MacType)),
            check: opt(yes_no()),
            current_address: opt(text()),
            extra: extra(),
        })),
        source: Just(None),
        virtualport: opt_box(virtualport()),
        ips: list(ip()),
        routes: list(route()),
        port_forwards: list(port_forward()),
        script: opt_box(script()),
        downscript: opt_box(script()),
        backenddomain: opt_box(backend_domain()),
        target: opt(structure!(InterfaceTarget {
            dev: opt(text()),
            managed: opt(yes_no()),
            extra: extra(),
        })),
        guest: opt_box(structure!(InterfaceGuest {
            dev: opt(text()),
            actual: opt(text()),
            extra: extra(),
        })),
        model: opt(structure!(InterfaceModel {
            kind: opt(value_enum!(NetModel)),
            extra: extra(),
        })),
        driver: opt_box(driver()),
        backend: opt_box(structure!(InterfaceBackend {
            kind: opt(value_enum!(NetBackendType)),
            tap: opt(text()),
            vhost: opt(text()),
            log_file: opt(text()),
            extra: extra(),
        })),
        filterref: opt_box(filterref()),
        tune: opt_box(structure!(InterfaceTune {
            sndbuf: opt(any::<u32>()),
            extra: extra(),
        })),
        teaming: opt_box(structure!(Teaming {
            kind: opt(value_enum!(TeamingType)),
            persistent: opt(text()),
            extra: extra(),
        })),
        link: opt(structure!(InterfaceLink {
            state: opt(value_enum!(LinkState)),
            extra: extra(),
        })),
        mtu: opt_box(structure!(InterfaceMtu {
            size: opt(any::<u32>()),
            extra: extra(),
        })),
        coalesce: opt_box(coalesce()),
        boot: opt_box(boot()),
        alias: opt(alias()),
        rom: opt_box(rom()),
        bandwidth: opt_box(bandwidth()),
        vlan: opt_box(vlan()),
        port: opt_box(structure!(InterfacePort {
            isolated: opt(yes_no()),
            extra: extra(),
        })),
        acpi: opt_box(acpi()),
        address: opt(address()),
        extra: extra(),
    });
    (interface, kind_and_source())
        .prop_map(|(mut interface, (kind, source))| {
            interface.kind = kind;
            interface.source = source;
            interface
        })
        .boxed()
}

//! Empty versus missing: an element or attribute that is present but empty (or zero)
//! is kept apart from one that is absent, except where the document cannot tell them
//! apart or the model documents otherwise.

use libvirt_domain::memory::Memory;
use libvirt_domain::qemu::{QemuCommandline, QEMU_NS};
use libvirt_domain::Domain;

/// Parse `xml`, write it, and check that the written document reads back the same.
fn round_trip(xml: &str) -> (Domain, String) {
    let domain = Domain::from_xml(xml).unwrap_or_else(|e| panic!("{xml}: {e}"));
    let written = domain.to_xml().unwrap();
    let back = Domain::from_xml(&written).unwrap_or_else(|e| panic!("{written}: {e}"));
    assert_eq!(back, domain, "{written}");
    (domain, written)
}

#[test]
fn empty_description_is_not_a_missing_one() {
    let (empty, written) = round_trip("<domain type='kvm'><description/></domain>");
    assert_eq!(empty.description.as_deref(), Some(""));
    assert!(written.contains("<description/>"), "{written}");

    let (spelled_out, _) = round_trip("<domain type='kvm'><description></description></domain>");
    assert_eq!(spelled_out.description.as_deref(), Some(""));

    let (missing, written) = round_trip("<domain type='kvm'/>");
    assert_eq!(missing.description, None);
    assert!(!written.contains("description"), "{written}");

    let built = Domain {
        description: Some(String::new()),
        ..Default::default()
    };
    assert!(built.to_xml().unwrap().contains("<description/>"));
    assert_ne!(empty, missing);
}

#[test]
fn whitespace_only_description_is_kept() {
    let (domain, written) =
        round_trip("<domain type='kvm'><description> \t\n </description></domain>");
    assert_eq!(domain.description.as_deref(), Some(" \t\n "));
    assert!(
        written.contains("<description> \t\n </description>"),
        "{written}"
    );
}

#[test]
fn port_zero_is_not_a_missing_port() {
    let port = |d: &Domain| {
        let devices = d.devices.as_ref().expect("devices");
        let serial = devices.serials().next().expect("a serial port");
        serial.target.as_ref().expect("a target").port
    };

    let (zero, written) = round_trip(
        "<domain type='kvm'><devices><serial type='pty'><target port='0'/></serial></devices></domain>",
    );
    assert_eq!(port(&zero), Some(0));
    assert!(written.contains("<target port='0'/>"), "{written}");

    let (missing, written) = round_trip(
        "<domain type='kvm'><devices><serial type='pty'><target/></serial></devices></domain>",
    );
    assert_eq!(port(&missing), None);
    assert!(written.contains("<target/>"), "{written}");
    assert_ne!(zero, missing);
}

#[test]
fn domain_id_zero_is_not_a_missing_id() {
    let (zero, written) = round_trip("<domain type='kvm' id='0'/>");
    assert_eq!(zero.id, Some(0));
    assert!(written.contains("id='0'"), "{written}");

    let (missing, written) = round_trip("<domain type='kvm'/>");
    assert_eq!(missing.id, None);
    assert!(!written.contains("id="), "{written}");
}

#[test]
fn empty_qemu_commandline_is_the_missing_one() {
    // libvirt drops an empty `<qemu:commandline/>`, and so does the writer; the value
    // cannot tell the two apart, so every value reads back as it was written.
    let xml = format!("<domain type='kvm' xmlns:qemu='{QEMU_NS}'><qemu:commandline/></domain>");
    let (domain, written) = round_trip(&xml);
    assert_eq!(domain.qemu_commandline, QemuCommandline::default());
    assert!(!written.contains("commandline"), "{written}");
    assert!(!written.contains(QEMU_NS), "{written}");
    assert_eq!(domain, Domain::from_xml("<domain type='kvm'/>").unwrap());

    let built = Domain::default();
    assert!(built.qemu_commandline.is_empty());
    assert_eq!(Domain::from_xml(&built.to_xml().unwrap()).unwrap(), built);
}

#[test]
fn qemu_commandline_with_an_argument_is_written() {
    let domain = Domain {
        qemu_commandline: QemuCommandline::default().arg("-S"),
        ..Default::default()
    };
    let written = domain.to_xml().unwrap();
    assert!(written.contains(QEMU_NS), "{written}");
    assert!(written.contains("<qemu:arg value='-S'/>"), "{written}");
    assert_eq!(Domain::from_xml(&written).unwrap(), domain);
}

#[test]
fn qemu_commandline_with_only_unknown_content_is_kept() {
    // Not empty: dropping it would lose the unknown attribute.
    let xml = format!(
        "<domain type='kvm' xmlns:qemu='{QEMU_NS}'><qemu:commandline x-note='1'/></domain>"
    );
    let (domain, written) = round_trip(&xml);
    let commandline = &domain.qemu_commandline;
    assert!(commandline.args.is_empty() && commandline.env.is_empty());
    assert!(!commandline.is_empty());
    assert!(written.contains("x-note='1'"), "{written}");
}

#[test]
fn memory_zero_is_kept() {
    let (domain, written) = round_trip("<domain type='kvm'><memory unit='KiB'>0</memory></domain>");
    assert_eq!(domain.memory, Some(Memory::kib(0)));
    assert!(
        written.contains("<memory unit='KiB'>0</memory>"),
        "{written}"
    );

    let (no_unit, written) = round_trip("<domain type='kvm'><memory>0</memory></domain>");
    let memory = no_unit.memory.as_ref().expect("memory");
    assert_eq!((memory.value, memory.unit.as_ref()), (0, None));
    assert!(written.contains("<memory>0</memory>"), "{written}");

    let (missing, written) = round_trip("<domain type='kvm'/>");
    assert_eq!(missing.memory, None);
    assert!(!written.contains("memory"), "{written}");
}

#[test]
fn empty_containers_are_kept() {
    let (domain, written) =
        round_trip("<domain type='kvm'><metadata/><os/><features/><devices/></domain>");
    assert!(domain.metadata.is_some() && domain.os.is_some());
    assert!(domain.features.is_some() && domain.devices.is_some());
    for tag in ["<metadata/>", "<os/>", "<features/>", "<devices/>"] {
        assert!(written.contains(tag), "{tag} missing from {written}");
    }
}

#[test]
fn empty_element_text_is_no_text() {
    // `<loader/>` and `<loader></loader>` are the same document: no path. An empty
    // path set in code is therefore written as `<loader/>` and reads back as `None`.
    let (domain, written) = round_trip("<domain type='kvm'><os><loader></loader></os></domain>");
    let os = domain.os.as_ref().expect("os");
    assert_eq!(os.loader.as_ref().expect("loader").path, None);
    assert!(written.contains("<loader/>"), "{written}");
}

/// A required attribute that is missing is an error naming it, never a value the
/// crate makes up (which would be written back as if the input had it).
#[test]
fn missing_required_attributes_are_errors_not_defaults() {
    let cases = [
        ("<domain><name>x</name></domain>", "/domain", "'type'"),
        (
            "<domain type='kvm'><os><type>hvm</type><boot/></os></domain>",
            "/domain/os/boot",
            "'dev'",
        ),
        (
            "<domain type='kvm'><cputune><vcpupin cpuset='1'/></cputune></domain>",
            "/domain/cputune/vcpupin",
            "'vcpu'",
        ),
        (
            "<domain type='kvm'><cputune><vcpupin vcpu='0'/></cputune></domain>",
            "/domain/cputune/vcpupin",
            "'cpuset'",
        ),
        (
            "<domain type='kvm'><clock><timer present='no'/></clock></domain>",
            "/domain/clock/timer",
            "'name'",
        ),
        (
            "<domain type='kvm'><cpu><feature policy='require'/></cpu></domain>",
            "/domain/cpu/feature",
            "'name'",
        ),
        (
            "<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'><qemu:commandline><qemu:arg/></qemu:commandline></domain>",
            "/domain/qemu:commandline/qemu:arg",
            "'value'",
        ),
        (
            "<domain type='kvm'><cpu><numa><cell id='0' cpus='0'/></numa></cpu></domain>",
            "/domain/cpu/numa/cell",
            "'memory'",
        ),
        (
            "<domain type='kvm'><memoryBacking><hugepages><page unit='M'/></hugepages></memoryBacking></domain>",
            "/domain/memoryBacking/hugepages/page",
            "'size'",
        ),
        (
            "<domain type='lxc'><idmap><uid start='0' count='10'/></idmap></domain>",
            "/domain/idmap/uid",
            "'target'",
        ),
    ];
    for (xml, path, attribute) in cases {
        let err = Domain::from_xml(xml).expect_err(xml).to_string();
        assert!(err.contains(path), "{xml}: {err}");
        assert!(
            err.contains(&format!("missing required attribute {attribute}")),
            "{xml}: {err}"
        );
    }
}

use super::general::machine_family;
use crate::caps::DomainCapabilities;
use crate::domain::Domain;

fn caps(body: &str) -> DomainCapabilities {
    DomainCapabilities::from_xml(&format!(
        "<domainCapabilities><path>/usr/bin/qemu-system-x86_64</path><domain>kvm</domain>\
         <machine>pc-q35-10.0</machine><arch>x86_64</arch>{body}</domainCapabilities>"
    ))
    .unwrap()
}

fn domain(body: &str) -> Domain {
    Domain::from_xml(&format!("<domain type='kvm'><name>g</name>{body}</domain>")).unwrap()
}

fn paths(domain: &Domain, caps: &DomainCapabilities) -> Vec<String> {
    match domain.check_host(caps) {
        Ok(()) => Vec::new(),
        Err(e) => e.problems().iter().map(|p| p.path.clone()).collect(),
    }
}

#[test]
fn machine_families_follow_qemu_naming() {
    for (name, family) in [
        ("pc-q35-10.0", "q35"),
        ("q35", "q35"),
        ("pc-q35-4.0", "q35"),
        ("pc-i440fx-9.2", "pc"),
        ("pc-1.2", "pc"),
        ("pc", "pc"),
        ("virt-8.2", "virt"),
        ("s390-ccw-virtio-10.0", "s390-ccw-virtio"),
        ("isapc", "isapc"),
        ("microvm", "microvm"),
    ] {
        assert_eq!(machine_family(name), family, "{name}");
    }
}

#[test]
fn a_silent_document_says_nothing() {
    let d = domain(
        "<vcpu>9999</vcpu><os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type></os>\
         <devices><tpm model='tpm-crb'/><video><model type='virtio'/></video></devices>",
    );
    assert_eq!(paths(&d, &caps("")), Vec::<String>::new());
}

#[test]
fn identity_and_limits() {
    let c = caps("<vcpu max='8'/><iothreads supported='no'/>");
    let d = domain(
        "<vcpu>16</vcpu><iothreads>1</iothreads>\
         <os><type arch='aarch64' machine='pc-i440fx-9.2'>hvm</type></os>\
         <devices><emulator>/usr/libexec/qemu-kvm</emulator></devices>",
    );
    assert_eq!(
        paths(&d, &c),
        [
            "/domain/os/type/@arch",
            "/domain/os/type/@machine",
            "/domain/devices/emulator",
            "/domain/vcpu",
            "/domain/iothreads"
        ]
    );
    let same_family =
        domain("<vcpu>8</vcpu><os><type arch='i686' machine='pc-q35-5.0'>hvm</type></os>");
    assert_eq!(paths(&same_family, &c), Vec::<String>::new());
}

#[test]
fn unsupported_device_kind_is_reported_at_the_device() {
    let c = caps("<devices><tpm supported='no'/><disk supported='yes'><enum name='bus'><value>virtio</value></enum></disk></devices>");
    let d = domain(
        "<devices><disk type='file'><target dev='sda' bus='sata'/></disk>\
         <disk type='file'><target dev='vda' bus='virtio'/></disk><tpm model='tpm-crb'/></devices>",
    );
    assert_eq!(
        paths(&d, &c),
        ["/domain/devices/disk[1]/target/@bus", "/domain/devices/tpm"]
    );
}

#[test]
fn secure_boot_needs_a_secure_loader() {
    let c = caps(
        "<os supported='yes'><enum name='firmware'><value>efi</value></enum>\
         <loader supported='yes'><enum name='secure'><value>no</value></enum></loader></os>",
    );
    let d = domain(
        "<os firmware='efi'><type>hvm</type><firmware><feature enabled='yes' name='secure-boot'/>\
         <feature enabled='yes' name='enrolled-keys'/></firmware><loader secure='yes'/></os>",
    );
    assert_eq!(
        paths(&d, &c),
        [
            "/domain/os/loader/@secure",
            "/domain/os/firmware/feature[1]/@enabled"
        ]
    );
}

#[test]
fn cpu_mode_and_model() {
    let c = caps(
        "<cpu><mode name='host-passthrough' supported='no'/><mode name='custom' supported='yes'>\
         <model usable='yes' vendor='Intel'>Skylake-Client</model></mode></cpu>",
    );
    assert_eq!(
        paths(&domain("<cpu mode='host-passthrough'/>"), &c),
        ["/domain/cpu/@mode"]
    );
    assert_eq!(
        paths(&domain("<cpu><model>Frobnicator</model></cpu>"), &c),
        ["/domain/cpu/model"]
    );
    let known = domain("<cpu mode='custom'><model>Skylake-Client</model></cpu>");
    assert_eq!(paths(&known, &c), Vec::<String>::new());
}

#[test]
fn features_and_launch_security() {
    let c = caps(
        "<features><genid supported='no'/><ps2 supported='no'/><sev supported='no'/>\
         <hyperv supported='yes'><enum name='features'><value>relaxed</value></enum></hyperv>\
         </features>",
    );
    let d = domain(
        "<genid/><features><ps2 state='off'/><hyperv mode='custom'><relaxed state='on'/>\
         <vapic state='on'/><synic state='off'/></hyperv></features><launchSecurity type='sev'/>",
    );
    assert_eq!(
        paths(&d, &c),
        [
            "/domain/features/ps2/@state",
            "/domain/features/hyperv/vapic",
            "/domain/genid",
            "/domain/launchSecurity/@type"
        ]
    );
}

//! Peak memory of parsing a large generated domain: prints the input size, the peak
//! resident set (`VmHWM` in `/proc/self/status`, Linux) and their ratio.
//!
//! `cargo run --release --example peak_rss -- 100000` (the number of disks; 10,000 by
//! default). Each run measures one parse in a fresh process, so run it once per size.

use libvirt_domain::devices::Device;
use libvirt_domain::Domain;

/// A domain with `disks` file-backed virtio disks, as `virsh dumpxml` writes them.
fn document(disks: usize) -> String {
    let mut s = String::with_capacity(200 * disks + 1024);
    s.push_str("<domain type='kvm'>\n  <name>many-disks</name>\n");
    s.push_str("  <memory unit='KiB'>4194304</memory>\n  <vcpu placement='static'>4</vcpu>\n");
    s.push_str("  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n");
    s.push_str("  <devices>\n");
    for i in 0..disks {
        s.push_str(&format!(
            "    <disk type='file' device='disk'>\n      <driver name='qemu' type='qcow2'/>\n      \
             <source file='/var/lib/libvirt/images/disk{i}.qcow2'/>\n      \
             <target dev='vd{i}' bus='virtio'/>\n    </disk>\n"
        ));
    }
    s.push_str("  </devices>\n</domain>\n");
    s
}

/// A field of `/proc/self/status` in KiB (`VmHWM`, `VmRSS`), if the system has one.
fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let disks = std::env::args()
        .nth(1)
        .map(|a| a.parse().expect("the number of disks"))
        .unwrap_or(10_000);
    let text = document(disks);
    let before = status_kib("VmHWM:").unwrap_or(0) * 1024;
    let domain = Domain::from_xml(&text).expect("the generated document parses");
    let peak = status_kib("VmHWM:").unwrap_or(0) * 1024;
    let held = status_kib("VmRSS:").unwrap_or(0) * 1024;
    let input = text.len() as u64;
    println!(
        "{disks} disks: input {:.1} MB; peak RSS {:.1} MB ({:.1} MB before parsing), \
         {:.1}× the input; {:.1} MB resident holding the Domain",
        input as f64 / 1e6,
        peak as f64 / 1e6,
        before as f64 / 1e6,
        peak as f64 / input as f64,
        held as f64 / 1e6,
    );
    let read = domain.devices.as_ref().map_or(0, |d| {
        d.devices
            .iter()
            .filter(|d| matches!(d, Device::Disk(_)))
            .count()
    });
    assert_eq!(read, disks);
}

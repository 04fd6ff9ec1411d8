//! Small helpers the rules share: device paths, addresses, libvirt's bitmap, UUID and
//! MAC syntaxes.

use std::collections::BTreeSet;

use crate::devices::{Address, Device};
use crate::units::Size;
use crate::xml::Extra;

/// The path of `devices[index]`: `/domain/devices/NAME`, with `[n]` (1-based) when
/// several devices share the element name.
pub(crate) fn device_path(devices: &[Device], index: usize) -> String {
    let name = devices[index].element_name();
    let same = |d: &&Device| d.element_name() == name;
    let before = devices[..index].iter().filter(same).count();
    let count = devices.iter().filter(same).count();
    format!("/domain/devices/{}", crate::xml::step(name, before, count))
}

/// `base/name`, with `[n]` (1-based) when `count` elements share the name.
pub(super) fn child(base: &str, name: &str, index: usize, count: usize) -> String {
    format!("{base}/{}", crate::xml::step(name, index, count))
}

/// A byte count in the largest binary unit that holds it exactly (`4 GiB`).
pub(super) fn human(bytes: u64) -> String {
    Size::from_bytes(bytes).to_string()
}

/// The `<address>` of a device, whatever its kind.
pub(super) fn address(device: &Device) -> Option<&Address> {
    match device {
        Device::Disk(d) => d.address.as_ref(),
        Device::Controller(d) => d.address.as_ref(),
        Device::Filesystem(d) => d.address.as_ref(),
        Device::Interface(d) => d.address.as_ref(),
        Device::Input(d) => d.address.as_ref(),
        Device::Sound(d) => d.address.as_ref(),
        Device::Hostdev(d) => d.address(),
        Device::Video(d) => d.address.as_ref(),
        Device::Console(d) => d.address.as_ref(),
        Device::Parallel(d) => d.address.as_ref(),
        Device::Serial(d) => d.address.as_ref(),
        Device::Channel(d) => d.address.as_ref(),
        Device::Smartcard(d) => d.address(),
        Device::Hub(d) => d.address.as_ref(),
        Device::Redirdev(d) => d.address.as_ref(),
        Device::Rng(d) => d.address.as_ref(),
        Device::Tpm(d) => d.address.as_ref(),
        Device::Shmem(d) => d.address.as_ref(),
        Device::Memory(d) => d.address.as_ref(),
        Device::Crypto(d) => d.address.as_ref(),
        Device::Watchdog(d) => d.address.as_ref(),
        Device::MemBalloon(d) => d.address.as_ref(),
        Device::Nvram(d) => d.address.as_ref(),
        Device::Panic(d) => d.address.as_ref(),
        Device::Iommu(d) => d.address.as_ref(),
        Device::Vsock(d) => d.address.as_ref(),
        Device::Pstore(d) => d.address.as_ref(),
        _ => None,
    }
}

/// The value of an attribute the model keeps in `extra` (one libvirt reads only for
/// some types, such as `rawio` on a `scsi_host` hostdev).
pub(super) fn extra_attribute<'a>(extra: &'a Extra, name: &str) -> Option<&'a str> {
    extra
        .attributes
        .iter()
        .find(|a| a.name.namespace.is_none() && a.name.local == name)
        .map(|a| a.value.as_str())
}

/// libvirt's bitmap syntax (`virBitmapParse`): comma-separated numbers and `a-b`
/// ranges, `^n` excluding, spaces allowed around items. `None` when it does not parse.
pub(super) fn parse_bitmap(text: &str) -> Option<BTreeSet<u32>> {
    /// The largest bit libvirt accepts in a bitmap.
    const MAX_BIT: u32 = 1 << 20;
    let mut set = BTreeSet::new();
    let mut excluded = BTreeSet::new();
    for item in text.split(',') {
        let item = item.trim_matches(|c: char| c.is_ascii_whitespace());
        let (neg, item) = match item.strip_prefix('^') {
            Some(rest) => (true, rest),
            None => (false, item),
        };
        let number = |s: &str| -> Option<u32> {
            let s = s.trim_matches(|c: char| c.is_ascii_whitespace());
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            s.parse().ok().filter(|n| *n < MAX_BIT)
        };
        if neg {
            excluded.insert(number(item)?);
            continue;
        }
        match item.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (number(a)?, number(b)?);
                if a > b {
                    return None;
                }
                set.extend(a..=b);
            }
            None => {
                set.insert(number(item)?);
            }
        }
    }
    Some(set.difference(&excluded).copied().collect())
}

/// libvirt's UUID syntax (`virUUIDParse`): optional surrounding whitespace, 16 pairs of
/// hex digits, with `-` or spaces allowed between pairs.
pub(super) fn parse_uuid(text: &str) -> Option<[u8; 16]> {
    let mut chars = text.trim_matches(|c: char| c.is_ascii_whitespace()).chars();
    let mut bytes = [0u8; 16];
    for byte in &mut bytes {
        let high = loop {
            match chars.next() {
                Some('-' | ' ') => continue,
                Some(c) => break c.to_digit(16)?,
                None => return None,
            }
        };
        let low = chars.next()?.to_digit(16)?;
        *byte = (high * 16 + low) as u8;
    }
    chars.next().is_none().then_some(bytes)
}

/// libvirt's MAC syntax (`virMacAddrParse`): six groups of 1 or 2 hex digits separated
/// by `:`, optionally followed by whitespace.
pub(super) fn parse_mac(text: &str) -> Option<[u8; 6]> {
    let text = text.trim_end_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_control());
    let mut bytes = [0u8; 6];
    let mut groups = text.split(':');
    for byte in &mut bytes {
        let group = groups.next()?;
        if group.is_empty() || group.len() > 2 || !group.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        *byte = u8::from_str_radix(group, 16).ok()?;
    }
    groups.next().is_none().then_some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_follow_libvirts_parser() {
        for good in [
            "c7a5fdbd-edaf-9455-926a-d65c16db1809",
            "c7a5fdbdedaf9455926ad65c16db1809",
            " C7A5FDBD-EDAF-9455-926A-D65C16DB1809 ",
            "c7-a5-fd-bd-ed-af-94-55-92-6a-d6-5c-16-db-18-09",
        ] {
            assert!(parse_uuid(good).is_some(), "{good:?}");
        }
        assert_eq!(
            parse_uuid("c7a5fdbdedaf9455926ad65c16db1809"),
            parse_uuid("C7A5FDBD-EDAF-9455-926A-D65C16DB1809")
        );
        for bad in [
            "",
            "nope",
            "c7a5fdbd-edaf-9455-926a-d65c16db180",
            "c7a5fdbd-edaf-9455-926a-d65c16db18099",
            "c-7a5fdbd-edaf-9455-926a-d65c16db1809",
            "g7a5fdbd-edaf-9455-926a-d65c16db1809",
        ] {
            assert!(parse_uuid(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn macs_follow_libvirts_parser() {
        assert_eq!(
            parse_mac("52:54:00:AB:cd:01"),
            Some([0x52, 0x54, 0, 0xab, 0xcd, 1])
        );
        assert_eq!(parse_mac("2:4:0:a:b:1"), Some([2, 4, 0, 10, 11, 1]));
        for bad in [
            "",
            "52:54:00:ab:cd",
            "52:54:00:ab:cd:01:02",
            "zz:54:00:00:00:01",
            "525:4:0:0:0:1",
            "52-54-00-ab-cd-01",
        ] {
            assert_eq!(parse_mac(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn bitmaps_follow_libvirts_parser() {
        let set = |s| parse_bitmap(s).map(|b| b.into_iter().collect::<Vec<_>>());
        assert_eq!(set("0-3,^1, 5"), Some(vec![0, 2, 3, 5]));
        assert_eq!(set("0,^0"), Some(vec![]));
        assert_eq!(set("aaa"), None);
        assert_eq!(set("3-1"), None);
        assert_eq!(set(""), None);
    }

    #[test]
    fn device_paths_index_only_repeated_names() {
        let devices = vec![
            Device::Emulator("/usr/bin/qemu-system-x86_64".into()),
            Device::from(crate::devices::Disk::default()),
            Device::from(crate::devices::Disk::default()),
            Device::from(crate::devices::Interface::default()),
        ];
        assert_eq!(device_path(&devices, 1), "/domain/devices/disk[1]");
        assert_eq!(device_path(&devices, 2), "/domain/devices/disk[2]");
        assert_eq!(device_path(&devices, 3), "/domain/devices/interface");
    }
}

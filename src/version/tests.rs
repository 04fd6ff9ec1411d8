use super::*;

fn domain(devices: &str) -> Domain {
    Domain::from_xml(&format!(
        "<domain type='kvm'><name>v</name><memory>1024</memory>\
         <os><type arch='x86_64' machine='q35'>hvm</type></os>\
         <devices>{devices}</devices></domain>"
    ))
    .unwrap()
}

#[test]
fn table_is_sorted_without_duplicates() {
    for pair in since_table::SINCE_TABLE.windows(2) {
        assert!(
            pair[0].key < pair[1].key,
            "{} ≥ {}",
            pair[0].key,
            pair[1].key
        );
    }
}

#[test]
fn a_documented_value_is_a_requirement_with_its_path_and_section() {
    let d = domain("<sound model='ich9'/><sound model='virtio'/>");
    let entry = lookup("devices/sound/@model=virtio").expect("virtio sound is in the table");
    let reqs = d.requirements();
    let virtio = reqs
        .iter()
        .find(|r| r.value.as_deref() == Some("virtio"))
        .expect("the virtio sound model is listed");
    assert_eq!(virtio.path, "/domain/devices/sound[2]/@model");
    assert_eq!(virtio.version, entry.since.version());
    assert_eq!(virtio.section, entry.section);
    assert_eq!(virtio.key, entry.key);
    for r in &reqs {
        assert_eq!(lookup(r.key).map(|e| e.since), Some(r.since), "{r}");
    }
    assert!(virtio.version > LibvirtVersion::V9_0);
    assert_eq!(d.min_libvirt_version(), virtio.version);
    assert!(!reqs
        .iter()
        .any(|r| r.path == "/domain/devices/sound[1]/@model"));
}

#[test]
fn check_libvirt_lists_every_newer_path() {
    let d = domain("<sound model='virtio'/>");
    let err = d.check_libvirt(LibvirtVersion::V9_0).unwrap_err();
    let problems = err.problems();
    assert_eq!(problems.len(), 1, "{err}");
    assert_eq!(problems[0].path, "/domain/devices/sound/@model");
    assert!(
        problems[0].message.contains("needs libvirt 10.4")
            && problems[0].message.contains("the target is 9.0"),
        "{}",
        problems[0].message
    );
    d.check_libvirt(d.min_libvirt_version()).unwrap();
}

#[test]
fn a_schema_bound_says_the_documentation_is_silent() {
    let (entry, after) = since_table::SINCE_TABLE
        .iter()
        .find_map(|e| match e.since {
            Since::After(v) => Some((e, v)),
            Since::Documented(_) => None,
        })
        .expect("some entry comes from the schemas alone");
    assert_eq!(entry.since.version(), after.next_minor());
    let r = requirement(entry, "/domain/x".into(), None);
    let shown = r.to_string();
    assert!(shown.contains("schema refuses it"), "{shown}");
    assert!(shown.starts_with("/domain/x: needs libvirt "), "{shown}");
}

#[test]
fn an_old_domain_needs_7_0() {
    let d = domain("<sound model='ich9'/>");
    assert!(d.requirements().is_empty(), "{:?}", d.requirements());
    assert_eq!(d.min_libvirt_version(), LibvirtVersion::V7_0);
    d.check_libvirt(LibvirtVersion::V7_0).unwrap();
}

#[test]
fn a_second_element_where_older_releases_allow_one() {
    let entry = lookup("domain/devices/watchdog[2]").expect("9.0 allows one watchdog");
    let one = domain("<watchdog model='i6300esb'/>");
    assert!(one.requirements().is_empty(), "{:?}", one.requirements());
    let two = domain("<watchdog model='i6300esb'/><watchdog model='itco'/>");
    let reqs: Vec<_> = two
        .requirements()
        .into_iter()
        .filter(|r| r.key == entry.key)
        .collect();
    assert_eq!(reqs.len(), 1, "{reqs:?}");
    assert_eq!(reqs[0].path, "/domain/devices/watchdog[2]");
    assert_eq!(reqs[0].version, entry.since.version());
}
